// A photo picked from a file is cropped square, downscaled, stored in
// IndexedDB and shown wherever the person appears; a file that is not a
// picture gets a clear message and changes nothing.
import { test, expect } from "@playwright/test";
import { deflateSync, crc32 } from "node:zlib";
import { Kith } from "./kith.mjs";

/** A real PNG of `width` x `height` pixels: a gradient, so it compresses like a photo would not. */
function png(width, height) {
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "ascii");
    data.copy(out, 8);
    out.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, "ascii"), data])), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const start = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, (x ^ y) & 255], start + 1 + x * 3);
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

test("a photo is downscaled, stored, shown in the list, and survives a reload", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Nora Photo" });
  const original = png(1600, 1200);
  await page.getByLabel("Choose a photo").setInputFiles({ name: "holiday.png", mimeType: "image/png", buffer: original });
  const img = page.locator(".person__photo img");
  await expect(img).toBeVisible();
  const size = await img.evaluate((el) => [el.naturalWidth, el.naturalHeight]);
  expect(size).toEqual([320, 320]);
  await expect(page.getByText("Change photo")).toBeVisible();

  await kith.saved();
  const stored = await page.evaluate(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open("kith"); r.onsuccess = () => ok(r.result); });
    const all = await new Promise((ok) => { const r = db.transaction("photos").objectStore("photos").getAll(); r.onsuccess = () => ok(r.result); });
    db.close();
    return all.map((p) => [p.mime, p.bytes.length]);
  });
  expect(stored.length).toBe(1);
  expect(stored[0][0]).toBe("image/jpeg");
  expect(stored[0][1]).toBeLessThan(original.length / 10);
  console.log(`[photo] ${original.length} byte PNG stored as a ${stored[0][1]} byte JPEG`);

  await kith.reload();
  await expect(page.locator(".person__photo img")).toBeVisible();
  await kith.goToPeople();
  await expect(kith.rows().first().locator("img")).toBeVisible();

  await kith.openPerson("Nora Photo");
  await page.getByLabel("Choose a photo").setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not a picture at all") });
  await expect(page.getByRole("status").getByText("“notes.png” is not a picture Kith can read")).toBeVisible();
  await expect(page.locator(".person__photo img")).toBeVisible();

  await page.getByRole("button", { name: "Remove photo" }).click();
  await expect(page.locator(".person__photo img")).toHaveCount(0);
  await expect(page.locator(".person__photo .avatar")).toHaveText("NP");
});
