// A photo picked from a file is cropped square, downscaled, stored in
// IndexedDB and shown wherever the person appears; a file that is not a
// picture gets a clear message and changes nothing.
import { test, expect } from "@playwright/test";
import { Kith, png, readRecords, upload } from "./kith.mjs";

test("a photo is downscaled, stored, shown in the list, and survives a reload", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Nora Photo" });
  const original = png(1600, 1200);
  await page.getByLabel("Choose a photo").setInputFiles(upload("holiday.png", original));
  const img = page.locator(".person__photo img");
  await expect(img).toBeVisible();
  const size = await img.evaluate((el) => [el.naturalWidth, el.naturalHeight]);
  expect(size).toEqual([320, 320]);
  await expect(page.getByText("Change photo")).toBeVisible();

  await kith.saved();
  const stored = (await readRecords(page, "photos")).map((p) => [p.mime, p.bytes.length]);
  expect(stored.length).toBe(1);
  expect(stored[0][0]).toBe("image/jpeg");
  expect(stored[0][1]).toBeLessThan(original.length / 10);
  console.log(`[photo] ${original.length} byte PNG stored as a ${stored[0][1]} byte JPEG`);

  await kith.reload();
  await expect(page.locator(".person__photo img")).toBeVisible();
  await kith.goToPeople();
  await expect(kith.rows().first().locator("img")).toBeVisible();

  await kith.openPerson("Nora Photo");
  await page.getByLabel("Choose a photo").setInputFiles(upload("notes.png", Buffer.from("not a picture at all")));
  await expect(page.getByRole("status").getByText("“notes.png” is not a picture Kith can read")).toBeVisible();
  await expect(page.locator(".person__photo img")).toBeVisible();

  await page.getByRole("button", { name: "Remove photo" }).click();
  await expect(page.locator(".person__photo img")).toHaveCount(0);
  await expect(page.locator(".person__photo .avatar")).toHaveText("NP");
});
