// Screenshots to look at (target/screenshots/): the people list, a person,
// an organisation and the form, on a laptop and a phone, light and dark.
// They assert nothing about pixels; they exist so a person can look.
import { test, expect } from "@playwright/test";
import { Kith, day, sample, upload } from "./kith.mjs";

const shots = "../../target/screenshots";
const people = [
  { name: "Ana Cruz", organisation: "Acme Ltd", role: "Head of buying", email: "ana@acme.test", phone: "+44 20 7946 0000", tags: "client, VIP", notes: "Met at the Lisbon trade fair.\nPrefers calls before 9." },
  { name: "Bo Lindqvist", organisation: "Acme Ltd", role: "CFO", email: "bo@acme.test" },
  { name: "Chidi Okafor", email: "chidi@example.test" },
  { name: "Zoë Adams", organisation: "Société Générale", role: "Partner" },
];

for (const scheme of ["light", "dark"]) {
  for (const [device, viewport] of [["laptop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
    test(`screenshots, ${device}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      const kith = new Kith(page);
      await kith.open();
      await page.screenshot({ path: `${shots}/welcome-${device}-${scheme}.png` });
      for (const p of people) {
        await kith.addPerson(p);
        await kith.goToPeople();
      }
      await page.screenshot({ path: `${shots}/people-${device}-${scheme}.png` });
      await kith.openPerson("Ana Cruz");
      await kith.addDetail("Daughter Ava started university in Porto");
      await kith.addDetail("Training for the Lisbon half marathon");
      await page.getByRole("button", { name: "Pin “Daughter Ava started university in Porto”" }).click();
      await kith.addFamilyMember({ name: "Ava", relation: "daughter", month: "December", day: 2 });
      await page.getByRole("button", { name: "Add date" }).click();
      await page.getByLabel("Date month").selectOption("March");
      await kith.field("Date day").fill("14");
      await kith.field("Year (optional)").fill("1988");
      await page.getByRole("button", { name: "Save date" }).click();
      await page.getByRole("button", { name: "Link a person" }).click();
      await kith.field("Person").fill("bo");
      await page.getByRole("button", { name: "Link Bo Lindqvist" }).click();
      await expect(page.getByRole("region", { name: "People around them" })).toContainText("Bo Lindqvist");
      await page.evaluate(() => document.getElementById("main").scrollTo(0, 0));
      await page.screenshot({ path: `${shots}/person-${device}-${scheme}.png`, fullPage: true });
      await page.getByRole("list", { name: "Current roles" }).getByRole("link", { name: "Acme Ltd" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Acme Ltd" })).toBeVisible();
      await page.screenshot({ path: `${shots}/organisation-${device}-${scheme}.png` });
      await kith.goToPeople();
      await kith.openPerson("Ana Cruz");
      await page.getByRole("link", { name: "Edit" }).click();
      await kith.field("Email").fill("not an email");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await page.screenshot({ path: `${shots}/form-${device}-${scheme}.png` });
    });
  }
}

for (const scheme of ["light", "dark"]) {
  for (const [device, viewport] of [["laptop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
    test(`screenshots of Today and a brief, ${device}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      const kith = new Kith(page);
      await kith.open();
      for (const [name, org, days, score] of [["Ana Cruz", "Acme Ltd", 52, 4], ["Bo Lindqvist", "Northwind", 33, 2], ["Chidi Okafor", "", 26, 5]]) {
        await kith.addPerson({ name, organisation: org || undefined });
        await kith.logInteraction({ date: await day(page, -days), score, notes: "Quarterly review over coffee" });
        await kith.setTimer(30);
        await kith.goToPeople();
      }
      await kith.openPerson("Bo Lindqvist");
      await kith.addDetail("Daughter Ava starts university in Porto");
      await page.getByRole("button", { name: "Pin “Daughter Ava starts university in Porto”" }).click();
      await kith.logInteraction({
        score: 2, words: "Deliveries keep slipping",
        followUp: "Send the revised delivery plan", followUpDue: await day(page, 0),
      });
      await expect(page.getByRole("region", { name: "Before you reach out" })).toContainText("trend");
      await page.evaluate(() => document.getElementById("main").scrollTo(0, 0));
      await page.screenshot({ path: `${shots}/brief-${device}-${scheme}.png` });
      await page.getByRole("region", { name: "Relationship health" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/health-${device}-${scheme}.png` });
      await kith.goToToday();
      await expect(page.getByRole("region", { name: /^Overdue/ })).toBeVisible();
      await page.screenshot({ path: `${shots}/today-${device}-${scheme}.png` });
    });
  }
}

for (const scheme of ["light", "dark"]) {
  for (const [device, viewport] of [["laptop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
    test(`screenshots of importing contacts, ${device}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      const kith = new Kith(page);
      await kith.open("/settings");
      await kith.contactsImport().setInputFiles(upload("contacts.csv", sample("csv/synthetic-google-contacts-new-format.csv")));
      const mapping = page.getByRole("region", { name: "Match the columns" });
      await mapping.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/import-columns-${device}-${scheme}.png` });
      await mapping.getByRole("button", { name: "Continue" }).click();
      const preview = page.getByRole("region", { name: "Contacts import preview" });
      await preview.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/import-preview-${device}-${scheme}.png` });
      await page.getByLabel("Protect the file with a passphrase").check();
      await page.getByRole("heading", { name: "Backups" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/backups-${device}-${scheme}.png` });
    });
  }
}
