// Contacts from other apps: vCard and CSV import with a preview, no
// duplicates on a second import, vCard and calendar export.
import { test, expect } from "@playwright/test";
import ICAL from "ical.js";
import { Kith, sample } from "./kith.mjs";

test("import a phone's vCard: preview, people with birthdays and photos, no duplicates the second time", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.importContacts("ios.vcf", sample("vcard/ios-14.3-omit-year-bday.vcf"));
  const preview = page.getByRole("region", { name: "Contacts import preview" });
  await expect(preview).toContainText("1 person — 1 new.");
  await expect(preview).toContainText("1 birthday.");
  await expect(preview).toContainText("1 photo.");
  await preview.getByRole("button", { name: "Import 1 person" }).click();
  await expect(page.getByRole("status").getByText("Imported: 1 new person, 0 people with new details.")).toBeVisible();

  await kith.goToPeople();
  await kith.openPerson("Dr John Jøhñ Smith Jr");
  await expect(page.getByText("2 August", { exact: false }).first()).toBeVisible();
  await expect(page.getByText("john4@smith.com")).toBeVisible();
  await expect(page.locator(".person__photo img")).toBeVisible();

  await kith.importContacts("ios.vcf", sample("vcard/ios-14.3-omit-year-bday.vcf"));
  await expect(preview).toContainText("1 person — 1 already here with nothing new.");
  await expect(preview.getByRole("button", { name: "Nothing new to import" })).toBeDisabled();
  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(1);
});

test("colleagues sharing a switchboard number stay apart; a card with no END, a soft break before a blank line and what Kith cannot keep are each handled and said", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  const file = Buffer.from(
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lopez\r\nTEL:+1 555 010 0000\r\nGEO:geo:37.38,-122.08\r\nEND:VCARD\r\n" +
      // No END:VCARD: it must not swallow the next card.
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Smith\r\nTEL:+1 555 010 0000\r\nTITLE:Night nurse\r\nBDAY:someday\r\n" +
      // A quoted-printable '=' before a blank line must not eat the phone.
      "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Cy Wu\r\nNOTE;ENCODING=QUOTED-PRINTABLE:call=\r\n\r\nTEL:112\r\nEND:VCARD\r\n",
  );
  await kith.importContacts("switchboard.vcf", file);
  const preview = page.getByRole("region", { name: "Contacts import preview" });
  await expect(preview).toContainText("3 people — 3 new.");
  await preview.getByText("Not imported (2)").click();
  await expect(preview.getByRole("listitem").filter({ hasText: "Record 1:" })).toHaveText(
    "Record 1: GEO not imported (Kith has no field for it).",
  );
  await expect(preview.getByRole("listitem").filter({ hasText: "Record 2:" })).toHaveText(
    "Record 2: its birthday “someday” is not a date Kith can read, so it is not imported.",
  );
  await preview.getByRole("button", { name: "Import 3 people" }).click();
  await expect(page.getByRole("status").getByText("Imported: 3 new people")).toBeVisible();

  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(3);
  await kith.openPerson("Bo Smith");
  await expect(page.getByText("Night nurse")).toBeVisible();
  await expect(page.getByText("+1 555 010 0000")).toBeVisible();
  await kith.goToPeople();
  await kith.openPerson("Cy Wu");
  await expect(page.getByText("112", { exact: true })).toBeVisible();

  await kith.importContacts("switchboard.vcf", file);
  await expect(preview).toContainText("3 people — 3 already here with nothing new.");
  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(3);
});

test("a 30-card Mac address book in Latin-1, and a Polish card once the right charset is picked", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.importContacts("mac.vcf", sample("vcard/macos-addressbook-30-cards-latin1.vcf"));
  const preview = page.getByRole("region", { name: "Contacts import preview" });
  await expect(preview).toContainText("30 people — 30 new.");
  await preview.getByRole("button", { name: "Import 30 people" }).click();
  await expect(page.getByRole("status").getByText("Imported: 30 new")).toBeVisible();
  await kith.goToPeople();
  await expect(page.getByText("Ingrid Spaßlund")).toBeVisible();

  await kith.importContacts("thebat.vcf", sample("vcard/thebat-2.1-qp-latin2-nocharset.vcf"));
  await expect(preview).toContainText("Piotr Iksiñski");
  await preview.getByLabel("Text in this file").selectOption("windows-1250");
  await expect(preview).toContainText("Piotr Iksiński");
  await preview.getByRole("button", { name: "Import 1 person" }).click();
  await kith.goToPeople();
  await kith.search().fill("Iksiński");
  await expect(kith.rows()).toHaveText([/Piotr Iksiński/]);
});

test("LinkedIn CSV: notes before the header are skipped, columns are matched and can be changed", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.importContacts("Connections.csv", sample("csv/synthetic-linkedin-connections.csv"));
  const mapping = page.getByRole("region", { name: "Match the columns" });
  await expect(mapping).toContainText("has 3 rows");
  await expect(mapping.getByLabel(/^Company/)).toHaveValue(String(14));
  await expect(mapping.getByLabel(/^Position/)).toHaveValue(String(15));
  await mapping.getByLabel(/^URL/).selectOption({ label: "Don't import" });
  await mapping.getByRole("button", { name: "Continue" }).click();
  const preview = page.getByRole("region", { name: "Contacts import preview" });
  await expect(preview).toContainText("3 people — 3 new.");
  await preview.getByRole("button", { name: "Import 3 people" }).click();
  await kith.goToPeople();
  await kith.openPerson("Tomás Ó Briain");
  await expect(page.getByText("Contoso Ltd").first()).toBeVisible();
  await expect(page.getByText("Connected on 2 November 2021")).toBeVisible();
  await expect(page.getByText("linkedin.com")).toHaveCount(0);
});

test("a file that is not contacts is refused in words and changes nothing", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Cy Keep" });
  await kith.saved();
  await kith.importContacts("holiday.jpg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  await expect(page.getByRole("alert")).toContainText("“holiday.jpg” is not a vCard (.vcf) or CSV file. Nothing was imported; your data is unchanged.");
  await kith.importContacts("empty.csv", Buffer.from("just one line\n"));
  await expect(page.getByRole("alert")).toContainText("“empty.csv” has no rows under a header.");
  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(1);
});

test("export people as vCard 4.0 and import it back into an empty Kith", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ana Cruz", organisation: "Acme Ltd", email: "ana@acme.test", phone: "+1 555 0100" });
  await kith.saved();
  const { name, bytes } = await kith.exportFile("Export people (vCard)");
  const text = bytes.toString("utf8");
  expect(name).toMatch(/^kith-people-\d{4}-\d{2}-\d{2}\.vcf$/);
  expect(text).toContain("BEGIN:VCARD\r\nVERSION:4.0\r\n");
  expect(text).toContain("FN:Ana Cruz\r\n");
  expect(text).toContain("ORG:Acme Ltd\r\n");

  await kith.clearData();
  await kith.open();
  await kith.importContacts(name, Buffer.from(text));
  const preview = page.getByRole("region", { name: "Contacts import preview" });
  await preview.getByRole("button", { name: "Import 1 person" }).click();
  await kith.goToPeople();
  await kith.openPerson("Ana Cruz");
  await expect(page.getByText("ana@acme.test")).toBeVisible();
  await expect(page.getByText("Acme Ltd").first()).toBeVisible();
});

test("calendar export is valid iCalendar with yearly dates and alarms", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.importContacts("gmail.vcf", sample("vcard/gmail-3.0-spouse-anniversary.vcf"));
  await page.getByRole("region", { name: "Contacts import preview" }).getByRole("button", { name: /^Import 1 person/ }).click();
  await expect(page.getByRole("status").getByText("Imported: 1 new")).toBeVisible();
  await kith.importContacts("leap.csv", sample("csv/synthetic-google-contacts-new-format.csv"));
  await page.getByRole("region", { name: "Match the columns" }).getByRole("button", { name: "Continue" }).click();
  await page.getByRole("region", { name: "Contacts import preview" }).getByRole("button", { name: /^Import 3 people/ }).click();
  await expect(page.getByRole("status").getByText("Imported: 3 new")).toBeVisible();

  const { name, bytes } = await kith.exportFile("Export calendar (.ics)");
  const text = bytes.toString("utf8");
  expect(name).toBe("kith-calendar.ics");
  // Parsed by ical.js, the parser Thunderbird uses.
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  const byTitle = (t) => events.find((e) => e.summary === t);
  const birthday = byTitle("Mr. John Richter, James Doe Sr.: Birthday");
  expect(birthday).toBeTruthy();
  expect(birthday.isRecurring()).toBe(true);
  expect(birthday.startDate.toString()).toBe("1980-03-22");
  const alarm = birthday.component.getFirstSubcomponent("valarm");
  expect(alarm.getFirstPropertyValue("action")).toBe("DISPLAY");
  expect(alarm.getFirstPropertyValue("trigger").toString()).toBe("-P7D");
  const next = birthday.iterator();
  next.next();
  expect(next.next().toString()).toBe("1981-03-22");
  // 29 February: the last day of February in common years.
  const leap = byTitle("Zoë Lefèvre: Birthday");
  const it = leap.iterator();
  const days = [it.next(), it.next(), it.next(), it.next(), it.next()].map(String);
  expect(days).toEqual(["1988-02-29", "1989-02-28", "1990-02-28", "1991-02-28", "1992-02-29"]);
  for (const e of events) expect(e.uid).toMatch(/@kith\.local$/);
});
