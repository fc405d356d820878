// Every mistake can be corrected: undo after each removal and edit, the log
// corrected or deleted (the check-in timer follows), details learned land on
// the person they are about, "Replace everything" asks in numbers and can be
// undone, and half-filled forms are never thrown away without asking.
import { test, expect } from "@playwright/test";
import { Kith, day, longDay } from "./kith.mjs";

/** The notice at the bottom of the screen. */
const notice = (page) => page.getByRole("status").filter({ has: page.locator(".notice") });

/** Presses Undo in the notice that says `text`. */
async function undo(page, text) {
  const n = notice(page);
  await expect(n).toContainText(text);
  await n.getByRole("button", { name: "Undo" }).click();
  await expect(n).toContainText("Undone");
}

test("removing a detail, a family member, a date and a link, and editing a person, can each be undone", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Bill Hart" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Marta Silva", email: "marta@harbor.test" });
  await kith.addDetail("Moving to the Porto office in spring");
  await kith.addFamilyMember({ name: "Ava", relation: "daughter", month: "March", day: 14 });
  await page.getByRole("button", { name: "Add date" }).click();
  await page.getByLabel("Kind of date").selectOption("Anniversary");
  await page.getByLabel("Date month").selectOption("June");
  await kith.field("Date day").fill("2");
  await page.getByRole("button", { name: "Save date" }).click();
  const dates = page.getByRole("region", { name: "Important dates" });
  await expect(dates).toContainText("Anniversary · 2 June");
  await page.getByRole("button", { name: "Link a person" }).click();
  await kith.field("Person").fill("Bill");
  await page.getByRole("button", { name: "Link Bill Hart" }).click();
  const links = page.getByRole("region", { name: "People around them" });
  await expect(links).toContainText("Bill Hart");
  await kith.saved();

  const details = page.getByRole("region", { name: "Details learned" });
  await details.getByRole("button", { name: /^Remove/ }).first().click();
  await expect(details).not.toContainText("Porto office");
  await undo(page, "Removed “Moving to the Porto office in spring”.");
  await expect(details).toContainText("Moving to the Porto office in spring");

  const family = page.getByRole("region", { name: "Family" });
  await family.getByRole("button", { name: /^Remove/ }).first().click();
  await expect(family).not.toContainText("Ava");
  await undo(page, "Removed Ava from Marta Silva’s family.");
  await expect(family).toContainText("Ava · daughter");
  await expect(family).toContainText("Birthday 14 March");

  await dates.getByRole("button", { name: /^Remove/ }).first().click();
  await expect(dates).not.toContainText("2 June");
  await undo(page, "Removed the anniversary.");
  await expect(dates).toContainText("Anniversary · 2 June");

  await links.getByRole("button", { name: /^Remove/ }).first().click();
  await expect(links).not.toContainText("Bill Hart");
  await undo(page, "Removed the link between");
  await expect(links).toContainText("Bill Hart");

  await page.getByRole("link", { name: "Edit" }).click();
  await kith.field("Email").fill("marta@porto.test");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Marta Silva" })).toBeVisible();
  await expect(page.getByText("marta@porto.test")).toBeVisible();
  await undo(page, "Saved the changes to Marta Silva.");
  await expect(page.getByText("marta@harbor.test")).toBeVisible();

  // What the undos put back is stored, not only shown.
  await kith.reload();
  await expect(page.getByRole("region", { name: "Details learned" })).toContainText("Porto office");
  await expect(page.getByRole("region", { name: "Family" })).toContainText("Ava · daughter");
  await expect(page.getByRole("region", { name: "Important dates" })).toContainText("2 June");
  await expect(page.getByRole("region", { name: "People around them" })).toContainText("Bill Hart");
  await expect(page.getByText("marta@harbor.test")).toBeVisible();
});

test("a logged interaction is corrected or deleted, the timer follows, and both can be undone", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Pat Quinn" });
  await kith.logInteraction({ kind: "Meeting", date: await day(page, -20), notes: "Quarterly review" });
  await kith.setTimer(1, "weeks");
  const checkIns = page.getByRole("region", { name: "Check-ins" });
  await expect(checkIns).toContainText("Overdue");

  // Logging says what it did, and the timer starts again.
  await kith.logInteraction({ kind: "Call", notes: "Called to check in" });
  await expect(notice(page)).toContainText("Logged a call with Pat Quinn.");
  await expect(checkIns).toContainText(`Next check-in ${await longDay(page, 7)}`);

  // Deleting the latest call: the timer counts from the meeting again.
  const timeline = page.getByRole("list", { name: "Interactions" });
  await page.getByRole("button", { name: /^Delete the call of/ }).click();
  await expect(timeline).not.toContainText("Called to check in");
  await expect(checkIns).toContainText("Overdue");
  await undo(page, "Deleted the call of");
  await expect(timeline).toContainText("Called to check in");
  await expect(checkIns).toContainText(`Next check-in ${await longDay(page, 7)}`);

  // Correcting the call: a cleared day is refused in words.
  await page.getByRole("button", { name: /^Edit the call of/ }).click();
  await expect(kith.field("Notes")).toHaveValue("Called to check in");
  await kith.field("Date").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert")).toHaveText("Choose the day it happened.");
  await kith.field("Date").fill(await day(page, -10));
  await kith.field("Notes").fill("Called about the renewal");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(timeline).toContainText("Called about the renewal");
  await expect(checkIns).toContainText("Overdue");
  await undo(page, "Saved the changes to the call of");
  await expect(timeline).toContainText("Called to check in");
  await expect(checkIns).toContainText(`Next check-in ${await longDay(page, 7)}`);

  await kith.reload();
  await expect(page.getByRole("list", { name: "Interactions" })).toContainText("Called to check in");
  await expect(page.getByRole("list", { name: "Interactions" }).getByRole("listitem")).toHaveCount(2);
});

test("Checked in says what it did and can be undone", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Rae Due" });
  await kith.logInteraction({ date: await day(page, -8) });
  await kith.setTimer(1, "weeks");
  const checkIns = page.getByRole("region", { name: "Check-ins" });
  await expect(checkIns).toContainText("Due since");
  await kith.checkIn();
  await expect(notice(page)).toContainText(`Logged a check-in with Rae Due today. Next check-in ${await longDay(page, 7)}.`);
  await expect(checkIns).toContainText(`Next check-in ${await longDay(page, 7)}`);
  await undo(page, "Logged a check-in with Rae Due");
  await expect(checkIns).toContainText("Due since");
  await expect(page.getByRole("list", { name: "Interactions" }).getByRole("listitem")).toHaveCount(1);
});

test("details learned in a group interaction land only on the person they are about", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Bill Hart" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Marta Silva" });

  await page.getByRole("button", { name: "Log interaction" }).click();
  await kith.field("Also with (optional)").fill("Bill");
  await page.getByRole("button", { name: "Add Bill Hart" }).click();
  await kith.field("Details learned (one per line)").fill("Moving to the Porto office in spring");
  await expect(page.getByLabel("The details are about")).toHaveValue(/.+/);
  await expect(page.getByLabel("The details are about").locator("option:checked")).toHaveText("Marta Silva");
  await page.getByRole("button", { name: "Save interaction" }).click();
  await expect(page.getByRole("region", { name: "Details learned" })).toContainText("Porto office");

  // A second detail, about Bill this time.
  await page.getByRole("button", { name: "Log interaction" }).click();
  await kith.field("Also with (optional)").fill("Bill");
  await page.getByRole("button", { name: "Add Bill Hart" }).click();
  await kith.field("Details learned (one per line)").fill("Training for the Lisbon marathon");
  await page.getByLabel("The details are about").selectOption({ label: "Bill Hart" });
  await page.getByRole("button", { name: "Save interaction" }).click();
  await expect(page.getByRole("region", { name: "Details learned" })).not.toContainText("marathon");

  await kith.goToPeople();
  await kith.openPerson("Bill Hart");
  const bill = page.getByRole("region", { name: "Details learned" });
  await expect(bill).toContainText("Training for the Lisbon marathon");
  await expect(bill).not.toContainText("Porto");
  await expect(page.getByRole("list", { name: "Interactions" }).getByRole("listitem")).toHaveCount(2);
});

test("Replace everything asks in numbers, keeps a safety copy and can be undone", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Only In File" });
  await kith.saved();
  const file = await kith.exportBackup();
  await page.goto("/people");
  for (const name of ["Ana Here", "Bo Here"]) {
    await kith.addPerson({ name });
    await kith.logInteraction({ notes: `Lunch with ${name}` });
    await kith.goToPeople();
  }
  await kith.saved();

  await kith.importBackup("kith-backup.json", file);
  const preview = page.getByRole("region", { name: "Import preview" });
  await preview.getByRole("button", { name: "Replace everything" }).click();
  const question = preview.getByRole("alertdialog");
  await expect(question).toContainText("This removes 2 people, 2 interactions and 0 dates that are not in the file.");
  // Not yet: asking changes nothing, and "Keep what is here" keeps it.
  await question.getByRole("button", { name: "Keep what is here" }).click();
  await expect(question).toBeHidden();
  await preview.getByRole("button", { name: "Replace everything" }).click();
  await preview.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
  await expect(notice(page)).toContainText("Replaced everything with the backup.");

  // The safety copy holds what was here.
  const { name, path } = await kith.download("Download the safety copy");
  expect(name).toMatch(/^kith-before-replace-\d{4}-\d{2}-\d{2}\.json$/);
  const copy = JSON.parse((await import("node:fs")).readFileSync(path, "utf8"));
  expect(copy.contacts.map((c) => c.name).sort()).toEqual(["Ana Here", "Bo Here", "Only In File"]);

  await kith.goToPeople();
  await expect(kith.rows()).toHaveText([/Only In File/]);
  // Undo from the notice of the replace (shown again by importing once more).
  await kith.importBackup("kith-backup.json", file);
  await kith.replaceEverything();
  await notice(page).getByRole("button", { name: "Undo" }).click();
  await expect(notice(page)).toContainText("Undone: everything is as it was before the import.");
  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(1);
});

test("Esc on a half-filled form asks first; one sub-form at a time; l focuses the log form and Esc gives focus back", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Kim Lee" });

  // `l` opens the log form with focus in its first field.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  const opener = page.getByRole("button", { name: "Log interaction" });
  await opener.focus();
  await page.keyboard.press("l");
  await expect(kith.field("Kind")).toBeFocused();
  // Empty: Esc closes at once and focus returns to what opened it.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Save interaction" })).toBeHidden();
  await expect(opener).toBeFocused();

  // Half-filled: Esc asks, Keep editing keeps it.
  await opener.click();
  await kith.field("Notes").fill("Talked about the move");
  await page.keyboard.press("Escape");
  const ask = page.getByRole("alertdialog", { name: "Discard what you typed here?" });
  await expect(ask).toBeVisible();
  await ask.getByRole("button", { name: "Keep editing" }).click();
  await expect(kith.field("Notes")).toHaveValue("Talked about the move");

  // Opening another sub-form while this one holds typing asks too.
  await page.getByRole("button", { name: "Add family member" }).click();
  await expect(ask).toBeVisible();
  await expect(page.getByRole("button", { name: "Save family member" })).toBeHidden();
  await ask.getByRole("button", { name: "Discard" }).click();
  await expect(page.getByRole("button", { name: "Save interaction" })).toBeHidden();

  // With nothing typed, opening another closes the open one.
  await page.getByRole("button", { name: "Add family member" }).click();
  await expect(page.getByRole("button", { name: "Save family member" })).toBeVisible();
  await page.getByRole("button", { name: "Add date" }).click();
  await expect(page.getByRole("button", { name: "Save date" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save family member" })).toBeHidden();
});
