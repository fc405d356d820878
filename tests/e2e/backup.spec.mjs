// Backups: export a file, clear the data, import it, everything is back;
// a bad file is refused in words and changes nothing.
import { test, expect } from "@playwright/test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createDecipheriv, pbkdf2Sync } from "node:crypto";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { Kith, sample } from "./kith.mjs";

// Every exported file must match the documented schema (docs/).
const schema = JSON.parse(readFileSync(new URL("../../docs/backup-format.schema.json", import.meta.url)));
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(schema);
function expectValid(id, document) {
  const validate = ajv.getSchema(schema.$id + id);
  const ok = validate(document);
  expect(validate.errors ?? [], `does not match ${id} in the schema`).toEqual([]);
  expect(ok).toBe(true);
}

test("export, clear everything, import: everyone and their history are back", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ana Cruz", organisation: "Acme Ltd", email: "ana@acme.test" });
  await kith.addDetail("Daughter Ava started university");
  await kith.logInteraction({ notes: "Lunch at Alma" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Bo Lind" });
  await kith.saved();

  const file = await kith.exportBackup();
  const parsed = JSON.parse(file.toString());
  expect(parsed.format).toBe("kith-backup");
  expectValid("", parsed);
  expect(parsed.contacts.length).toBe(2);
  expect(await kith.exportBackup()).toEqual(file);

  await kith.clearData();
  await kith.open();
  await expect(page.getByRole("heading", { name: "Who matters to you?" })).toBeVisible();

  await kith.importBackup("kith-backup.json", file);
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText(/^This backup holds 2 people and 1 interaction\./);
  await kith.replaceEverything();
  await expect(page.getByRole("status").getByText("Replaced everything with the backup.")).toBeVisible();
  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(2);
  await kith.openPerson("Ana Cruz");
  await expect(page.getByRole("region", { name: "Details learned" })).toContainText("Daughter Ava started university");
  await expect(page.getByRole("list", { name: "Interactions" })).toContainText("Lunch at Alma");
  await kith.reload();
  await expect(page.getByRole("list", { name: "Interactions" })).toContainText("Lunch at Alma");
});

test("bad backup files are refused in words and change nothing", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Cy Keep" });
  await kith.saved();
  const good = await kith.exportBackup();
  const cases = [
    ["notes.json", Buffer.from("hello"), "This file is not a Kith backup: it is not JSON. Your data"],
    ["cut.json", good.subarray(0, Math.floor(good.length / 2)), "ends too early"],
    ["other.json", Buffer.from('{"format":"something-else"}'), "This is not a Kith backup"],
    ["future.json", Buffer.from('{"format":"kith-backup","version":7}'), "made by a newer Kith (backup version 7"],
  ];
  const badDate = JSON.parse(good.toString());
  badDate.contacts[0].created = "yesterday";
  cases.push(["typed.json", Buffer.from(JSON.stringify(badDate)), "The person at position 1"]);
  const id = JSON.parse(good.toString()).contacts[0].id;
  const missing = JSON.parse(good.toString());
  delete missing.contacts[0].name;
  cases.push(["missing.json", Buffer.from(JSON.stringify(missing)), `The person at position 1 (${id}) cannot be read: its “name” is missing. Your data`]);
  const twice = JSON.parse(good.toString());
  twice.contacts.push(twice.contacts[0]);
  cases.push(["twice.json", Buffer.from(JSON.stringify(twice)), `Person ${id} appears twice.`]);
  const badDay = JSON.parse(good.toString());
  badDay.interactions = [{ id: "i1", contact_ids: [id], kind: "call", date: "2024-13-01", created: 1, updated: 1 }];
  cases.push(["day.json", Buffer.from(JSON.stringify(badDay)), "The interaction at position 1 (i1) cannot be read: its date “2024-13-01” is not a date (use YYYY-MM-DD). Your data"]);
  cases.push(["empty.json", Buffer.alloc(0), "ends too early"]);
  for (const [name, buffer, message] of cases) {
    await kith.importBackup(name, buffer);
    const alert = page.getByRole("alert");
    await expect(alert).toContainText(`“${name}” was not imported.`);
    await expect(alert).toContainText(message);
    await expect(alert).toContainText("Your data is unchanged.");
  }
  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(1);
  await expect(kith.rows().first()).toContainText("Cy Keep");
});

test("Today reminds gently until a backup is made; settings show when and how much", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Dee Safe" });
  await page.goto("/");
  await expect(page.getByRole("note")).toContainText("Make a backup");
  await kith.exportBackup();
  const card = page.getByRole("region", { name: "Backups" });
  await expect(card).toContainText("Last backup");
  await expect(card).toContainText("Today");
  await expect(card).toContainText(/Storage used.*MB/);
  await page.getByLabel("Remind me after").selectOption("7");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  await expect(page.getByRole("note")).toHaveCount(0);
});

test("an encrypted backup needs its passphrase; a wrong one is refused in words", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Dee Secret", email: "dee@example.test" });
  await kith.saved();
  await page.goto("/settings");
  await page.getByLabel("Protect the file with a passphrase").check();
  await page.getByLabel("Passphrase", { exact: true }).fill("short");
  await page.getByLabel("Passphrase again").fill("short");
  await page.getByRole("button", { name: "Export backup" }).click();
  await expect(page.getByRole("alert")).toHaveText("Choose a passphrase of at least 8 characters.");
  await page.getByLabel("Passphrase", { exact: true }).fill("correct horse battery");
  await page.getByLabel("Passphrase again").fill("correct horse battery");
  const file = readFileSync((await kith.download("Export backup")).path);
  const sealed = JSON.parse(file.toString());
  expectValid("#/$defs/encrypted", sealed);
  expect(sealed.format).toBe("kith-backup-encrypted");
  expect(sealed.kdf).toMatchObject({ name: "PBKDF2", hash: "SHA-256", iterations: 600000 });
  expect(sealed.cipher.name).toBe("AES-GCM");
  expect(file.toString()).not.toContain("Dee Secret");
  expect(file.toString()).not.toContain("dee@example.test");
  // The documented format, opened independently with Node's own crypto.
  const key = pbkdf2Sync("correct horse battery", Buffer.from(sealed.kdf.salt, "base64"), sealed.kdf.iterations, 32, "sha256");
  const data = Buffer.from(sealed.data, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.cipher.iv, "base64"));
  decipher.setAuthTag(data.subarray(data.length - 16));
  const plain = JSON.parse(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString());
  expectValid("", plain);
  expect(plain.contacts[0].name).toBe("Dee Secret");

  await kith.clearData();
  await kith.open();
  await kith.importBackup("secret.json", file);
  const locked = page.getByRole("region", { name: "Encrypted backup" });
  await locked.getByLabel("Passphrase for this file").fill("wrong horse");
  await locked.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByRole("alert")).toContainText("“secret.json” was not imported. The passphrase is wrong, or the file was changed after it was made. Your data is unchanged.");
  await locked.getByLabel("Passphrase for this file").fill("correct horse battery");
  await locked.getByRole("button", { name: "Unlock" }).click();
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText("This backup holds 1 person");
  await kith.replaceEverything();
  await kith.goToPeople();
  await expect(kith.rows()).toHaveText([/Dee Secret/]);
});

test("photos and check-in settings travel in the backup", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.importContacts("ios.vcf", sample("vcard/ios-14.3-omit-year-bday.vcf"));
  await page.getByRole("region", { name: "Contacts import preview" }).getByRole("button", { name: "Import 1 person" }).click();
  await expect(page.getByRole("status").getByText("Imported: 1 new")).toBeVisible();
  const file = await kith.exportBackup();
  const parsed = JSON.parse(file.toString());
  expect(parsed.version).toBe(6);
  expectValid("", parsed);
  expect(parsed.photos.length).toBe(1);
  expect(parsed.photos[0].mime).toBe("image/jpeg");
  expect(parsed.settings.check_in.overdue_percent).toBe(125);
  parsed.settings.check_in.overdue_percent = 200;

  await kith.clearData();
  await kith.open();
  await kith.importBackup("with-photo.json", Buffer.from(JSON.stringify(parsed)));
  await kith.replaceEverything();
  await expect(page.getByRole("status").getByText("Replaced everything with the backup.")).toBeVisible();
  await kith.goToPeople();
  await kith.openPerson("Dr John Jøhñ Smith Jr");
  await expect(page.locator(".person__photo img")).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByLabel(/overdue/i).first()).toHaveValue("200");
});

test("50 MB of junk is refused in words and changes nothing", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Eve Stays" });
  await kith.saved();
  const junk = Buffer.alloc(50 * 1024 * 1024);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
  // Playwright passes files over 50 MB by path.
  const path = join(mkdtempSync(join(tmpdir(), "kith-junk-")), "junk.json");
  writeFileSync(path, junk);
  await kith.importBackup(path);
  await expect(page.getByRole("alert")).toContainText("“junk.json” was not imported. This file is not a Kith backup: it is not JSON.", { timeout: 30_000 });
  await expect(page.getByRole("alert")).toContainText("Your data is unchanged.");
  await kith.goToPeople();
  await expect(kith.rows()).toHaveText([/Eve Stays/]);
});
