// What to say: message templates the user writes in Settings, filled in
// on a person's page from what Kith knows of them, to correct, copy, email
// or text; kept across a reload and carried by a backup.
import { test, expect } from "@playwright/test";
import { Kith, upload } from "./kith.mjs";

test("a template is written once, refused in words when unnamed or taken, and filled in for a person to copy, email or text", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const kith = new Kith(page);
  await kith.open();
  await page.getByRole("link", { name: "Settings" }).click();
  const templates = page.getByRole("list", { name: "Message templates" });
  await page.getByLabel("Message", { exact: true }).fill("Congratulations on the new role, {first name}! How is {organisation}?");
  await page.getByRole("button", { name: "Add template" }).click();
  await expect(page.getByText("Give the template a name, e.g. Congratulations.")).toBeVisible();
  // What was typed is still there.
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue(/new role/);
  await page.getByLabel("Template name").fill("Congratulations");
  await page.getByRole("button", { name: "Add template" }).click();
  await expect(templates.getByRole("listitem")).toHaveCount(1);
  await expect(templates).toContainText("Congratulations on the new role, {first name}!");
  await page.getByLabel("Template name").fill("congratulations");
  await page.getByLabel("Message", { exact: true }).fill("Again");
  await page.getByRole("button", { name: "Add template" }).click();
  await expect(page.getByText("A template has this name already: choose another.")).toBeVisible();
  await expect(templates.getByRole("listitem")).toHaveCount(1);

  await kith.goToPeople();
  await kith.addPerson({ name: "Ana Cruz", organisation: "Northwind", email: "ana@example.com", phone: "+44 7700 900123" });
  await page.getByLabel("Template", { exact: true }).selectOption({ label: "Congratulations" });
  const message = page.getByLabel("Message", { exact: true });
  await expect(message).toHaveValue("Congratulations on the new role, Ana! How is Northwind?");
  // The user corrects it; the links carry the corrected words.
  await message.fill("Congratulations on the new role, Ana! Lunch soon?");
  await expect(page.getByRole("link", { name: "Email" })).toHaveAttribute(
    "href", "mailto:ana@example.com?body=Congratulations%20on%20the%20new%20role%2C%20Ana%21%20Lunch%20soon%3F");
  await expect(page.getByRole("link", { name: "Text message" })).toHaveAttribute(
    "href", /^sms:\+447700900123\?body=Congratulations%20on/);
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByText("Copied the message.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("Congratulations on the new role, Ana! Lunch soon?");

  // In a backup, and kept after a reload; then removed for good.
  const exported = await kith.exportBackup();
  const backup = JSON.parse(exported.toString());
  expect(backup.version).toBe(6);
  expect(backup.settings.check_in.templates).toEqual([
    { name: "Congratulations", body: "Congratulations on the new role, {first name}! How is {organisation}?" },
  ]);
  await kith.reload();
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(templates.getByRole("listitem")).toHaveCount(1);
  await page.getByRole("button", { name: "Remove the template Congratulations" }).click();
  await expect(templates.getByRole("listitem")).toHaveCount(0);
  await kith.goToPeople();
  await kith.rows().first().click();
  await expect(page.getByRole("heading", { name: "Ana Cruz", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Template", { exact: true })).toHaveCount(0);

  // Merging that backup in brings back the template this device lacks.
  await page.goto("/settings");
  await kith.backupImport().setInputFiles(upload("templates.json", exported));
  await page.getByRole("region", { name: "Import preview" }).getByRole("button", { name: "Merge into what is here" }).click();
  await expect(page.getByText("Merged the backup.")).toBeVisible();
  await expect(templates.getByRole("listitem")).toHaveCount(1);
  await expect(templates).toContainText("Congratulations");
});
