// Interactions and check-in timers: log, the "Today" screen, checked in,
// snooze, temperature and details learned, and the paged timeline.
import { test, expect } from "@playwright/test";
import { Kith, calendarDay, day, interactionRecord, longDay, putRecords, readRecords } from "./kith.mjs";

test("40 days since the last call on a 30-day timer is overdue; logging a call clears it", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Pat Quinn", organisation: "Acme" });
  await kith.logInteraction({ kind: "Meeting", date: await day(page, -40), notes: "Quarterly review" });
  await kith.setTimer(30, "days");
  await expect(page.getByRole("region", { name: "Check-ins" })).toContainText("Overdue");

  await kith.goToToday();
  const overdue = page.getByRole("region", { name: /^Overdue/ });
  await expect(overdue).toContainText("Pat Quinn");
  await expect(overdue).toContainText("Due 10 days ago");
  await kith.reload();
  await expect(page.getByRole("region", { name: /^Overdue/ })).toContainText("Pat Quinn");

  await page.getByRole("link", { name: "Pat Quinn" }).click();
  await kith.logInteraction({ kind: "Call", notes: "Called to check in" });
  await expect(page.getByRole("region", { name: "Check-ins" })).toContainText(`Next check-in ${await longDay(page, 30)}`);
  await expect(page.getByRole("list", { name: "Interactions" }).getByRole("listitem").first()).toContainText("Called to check in");
  await kith.goToToday();
  await expect(page.getByRole("heading", { name: "All caught up" })).toBeVisible();
});

test("checked in from the Today screen, and snoozing a person", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  for (const name of ["Rae Due", "Sam Snooze"]) {
    await kith.addPerson({ name });
    await kith.logInteraction({ date: await day(page, -8) });
    await kith.setTimer(1, "weeks");
    await kith.goToPeople();
  }
  await kith.openPerson("Sam Snooze");
  await page.getByRole("combobox", { name: "Snooze for" }).selectOption({ label: "a week" });
  await expect(page.getByRole("region", { name: "Check-ins" })).toContainText("Snoozed until");

  await kith.goToToday();
  const due = page.getByRole("region", { name: /^Due now/ });
  await expect(due).toContainText("Rae Due");
  await expect(page.getByText("Sam Snooze")).toHaveCount(0);
  await kith.checkIn("Rae Due");
  await expect(page.getByRole("region", { name: /^Due now/ })).toHaveCount(0);
  // A weekly timer checked today falls due again within the week ahead.
  await expect(page.getByRole("region", { name: /^Coming up this week/ })).toContainText("Rae Due");
  await expect(page.getByRole("region", { name: /^Coming up this week/ })).toContainText("Due in 7 days");
  await kith.reload();
  await expect(page.getByRole("region", { name: /^Due now/ })).toHaveCount(0);
  await expect(page.getByText("Sam Snooze")).toHaveCount(0);
});

test("a logged meal keeps its temperature, notes, the others there and details learned about the page's person", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Uma Bell" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Vic Bell" });
  await page.getByRole("button", { name: "Log interaction" }).click();
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Meal" });
  await page.getByLabel("Also with (optional)").fill("uma");
  await page.getByRole("button", { name: "Add Uma Bell" }).click();
  await expect(page.getByRole("list", { name: "Also with" })).toContainText("Uma Bell");
  await page.getByLabel("Notes", { exact: true }).fill("Dinner at Alma");
  await page.getByRole("radio", { name: /^4/ }).check();
  await page.getByLabel("In their words").fill("Really happy with the rollout");
  await page.getByLabel("Details learned (one per line)").fill("Planning a trip to Japan\nNew puppy called Miso");
  await page.getByRole("button", { name: "Save interaction" }).click();
  const timeline = page.getByRole("list", { name: "Interactions" });
  await expect(timeline).toContainText("Meal");
  await expect(timeline).toContainText("4/5 Really happy with the rollout");
  await expect(page.getByRole("region", { name: "Details learned" })).toContainText("New puppy called Miso");

  await kith.reload();
  await kith.goToPeople();
  await kith.openPerson("Uma Bell");
  await expect(page.getByRole("list", { name: "Interactions" })).toContainText("Dinner at Alma");
  // Details learned are about the page's person (Vic), not everyone there.
  await expect(page.getByText("Planning a trip to Japan")).toHaveCount(0);

  await page.getByRole("button", { name: "Log interaction" }).click();
  await page.getByLabel("Date", { exact: true }).fill(await day(page, 3));
  await page.getByRole("button", { name: "Save interaction" }).click();
  await expect(page.getByRole("alert")).toContainText("That day is still to come");
});

test("the timeline pages through a long history, newest first", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Wen Long" });
  const id = page.url().split("/").pop();
  await kith.saved();
  const interactions = Array.from({ length: 45 }, (_, n) => interactionRecord({
    id: `seed${n}`, who: id, notes: `Call number ${n}`,
    date: new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10),
  }));
  await putRecords(page, { interactions });
  await kith.reload();
  const items = page.getByRole("list", { name: "Interactions" }).getByRole("listitem");
  await expect(items).toHaveCount(20);
  await expect(items.first()).toContainText("Call number 44");
  await page.getByRole("button", { name: "Show older" }).click();
  await expect(items).toHaveCount(40);
  await page.getByRole("button", { name: "Show older" }).click();
  await expect(items).toHaveCount(45);
  await expect(items.last()).toContainText("Call number 0");
  await expect(page.getByRole("button", { name: "Show older" })).toBeHidden();
});

test("a birthday three days ahead shows on Today, with whose it is", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Bill Evans" });
  const { month, day: dayOfMonth } = await calendarDay(page, 3);
  await kith.addFamilyMember({ name: "Ava", relation: "daughter", month, day: dayOfMonth });
  await expect(page.getByRole("region", { name: "Family" })).toContainText("in 3 days");

  await kith.goToToday();
  const dates = page.getByRole("region", { name: "Dates coming up" });
  await expect(dates).toContainText("Ava's birthday in 3 days — Bill Evans's daughter");
  await kith.reload();
  await expect(page.getByRole("region", { name: "Dates coming up" })).toContainText("Ava's birthday in 3 days");
});

test("a follow-up appears on its due day and leaves when done", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Xia Wong" });
  await kith.logInteraction({ followUp: "Send the proposal", followUpDue: await day(page, 0) });
  await kith.logInteraction({ followUp: "Book the site visit", followUpDue: await day(page, 2) });

  await kith.goToToday();
  const tasks = page.getByRole("region", { name: "Follow-ups due" });
  await expect(tasks).toContainText("Send the proposal");
  await expect(tasks).toContainText("Xia Wong");
  await expect(tasks).not.toContainText("Book the site visit");
  await page.getByRole("button", { name: "Done: Send the proposal" }).click();
  await expect(page.getByRole("region", { name: "Follow-ups due" })).toHaveCount(0);
  await kith.reload();
  await expect(page.getByRole("region", { name: "Follow-ups due" })).toHaveCount(0);
});

test("the brief: a 2 after two 4s reads as a falling trend, with pinned details and follow-ups", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Yara Tell" });
  await kith.addDetail("Prefers calls before 9");
  await page.getByRole("button", { name: "Pin “Prefers calls before 9”" }).click();
  await kith.logInteraction({ date: await day(page, -20), score: 4 });
  await kith.logInteraction({ date: await day(page, -10), score: 4 });
  await kith.logInteraction({
    score: 2, words: "Support has been slow", notes: "Escalation call",
    followUp: "Call back with a fix date", followUpDue: await day(page, 2),
  });
  const brief = page.getByRole("region", { name: "Before you reach out" });
  await expect(brief).toContainText("2/5 “Support has been slow” · trend falling");
  await expect(brief).toContainText("Prefers calls before 9");
  await expect(brief).toContainText("Escalation call");
  await expect(brief).toContainText("Call back with a fix date");
  await kith.reload();
  await expect(page.getByRole("region", { name: "Before you reach out" })).toContainText("trend falling");
});

test("priorities are dated, and Kith asks again when they are old", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Zed Prior" });
  const card = page.getByRole("region", { name: "What they care about right now" });
  await card.getByRole("button", { name: "Update" }).click();
  await page.getByLabel("What they care about", { exact: true }).fill("Launching in Spain by March");
  await page.getByRole("button", { name: "Save priorities" }).click();
  await expect(card).toContainText("Confirmed today");
  await expect(page.getByRole("region", { name: "Before you reach out" })).toContainText("Launching in Spain by March");
  await kith.saved();
  // Seventy days pass: the stored confirmation is moved back.
  const old = await day(page, -70);
  const contacts = (await readRecords(page, "contacts")).map((c) => ({ ...c, priorities_confirmed: old }));
  await putRecords(page, { contacts });
  await kith.reload();
  await expect(card).toContainText("Confirmed 70 days ago");
  await expect(page.getByRole("note")).toContainText("Is this still what matters to them?");
  await page.getByRole("button", { name: "Still true" }).click();
  await expect(card).toContainText("Confirmed today");
  await expect(page.getByRole("note")).toHaveCount(0);
});

test("an organisation's default timer, a follow-up series, the l shortcut and the app badge", async ({ page }) => {
  await page.addInitScript(() => {
    window.__badges = [];
    navigator.setAppBadge = (n) => { window.__badges.push(n); return Promise.resolve(); };
    navigator.clearAppBadge = () => { window.__badges.push(0); return Promise.resolve(); };
  });
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Abe Org", organisation: "Initech" });
  await page.keyboard.press("l");
  await expect(page.getByRole("button", { name: "Save interaction" })).toBeVisible();
  await page.getByLabel("Date", { exact: true }).fill(await day(page, -40));
  await page.getByRole("button", { name: "Save interaction" }).click();
  await expect(page.getByRole("region", { name: "Check-ins" })).toContainText("No check-in timer");

  await page.getByRole("list", { name: "Current roles" }).getByRole("link", { name: "Initech" }).click();
  await page.getByLabel("Default for its people").selectOption({ label: "Every month" });
  await page.getByRole("button", { name: "Follow up with everyone after a project" }).click();
  await page.getByLabel("Follow up about").fill("Rollout");
  await page.getByRole("button", { name: "Schedule follow-ups" }).click();
  await expect(page.getByRole("status").getByText("Scheduled follow-ups in 7, 30 and 90 days.")).toBeVisible();

  await page.getByRole("link", { name: "Abe Org" }).click();
  await expect(page.getByRole("region", { name: "Check-ins" })).toContainText("every month (the default for Initech)");
  await expect(page.getByRole("region", { name: "Check-ins" })).toContainText("Overdue");
  const brief = page.getByRole("region", { name: "Before you reach out" });
  // The series reads as a sentence: the text, then the day it is due.
  for (const n of [7, 30, 90]) {
    const { day: d, month } = await calendarDay(page, n);
    await expect(brief).toContainText(`Rollout — ${d} ${month.slice(0, 3)}`);
  }
  await expect(brief).not.toContainText("days)");
  await expect.poll(() => page.evaluate(() => window.__badges.at(-1))).toBe(1);
  await kith.checkIn();
  await expect.poll(() => page.evaluate(() => window.__badges.at(-1))).toBe(0);
});

test("relationship health and its charts follow the readings, with the rule explained", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ida Chart" });
  const health = page.getByRole("region", { name: "Relationship health" });
  await expect(health).toContainText("No temperature readings yet");
  await kith.logInteraction({ date: await day(page, -20), score: 4 });
  await expect(health).toContainText("Good");
  await kith.logInteraction({ date: await day(page, -10), score: 4 });
  await kith.logInteraction({ score: 2 });
  await expect(health).toContainText("At risk");
  await expect(health.getByRole("img", { name: "Temperature, oldest to newest: 4, 4, 2" })).toBeVisible();
  await expect(health.getByRole("img", { name: /^Interactions per month over the last year/ })).toBeVisible();
  await health.getByText("How is this worked out?").click();
  await expect(health).toContainText("At risk when a check-in is overdue");
});

test("log once for an organisation's people, see its timeline, and open a brief from Today", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  for (const name of ["Kim One", "Lou Two"]) {
    await kith.addPerson({ name, organisation: "Hooli", role: "Buyer" });
    await kith.goToPeople();
  }
  await page.getByRole("link", { name: "Organisations" }).first().click();
  await page.getByRole("link", { name: "Hooli" }).click();
  await page.getByRole("button", { name: "Log interaction" }).click();
  // Nobody is ticked for the user: they pick who was there.
  const who = page.getByRole("group", { name: "Who was there" });
  await expect(who.getByRole("checkbox", { name: "Kim One" })).not.toBeChecked();
  await expect(who.getByRole("checkbox", { name: "Lou Two" })).not.toBeChecked();
  await who.getByRole("checkbox", { name: "Kim One" }).check();
  await who.getByRole("checkbox", { name: "Lou Two" }).check();
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Meeting" });
  await page.getByLabel("Date", { exact: true }).fill(await day(page, -45));
  await page.getByLabel("Notes", { exact: true }).fill("Annual planning with both");
  await page.getByRole("radio", { name: /^3/ }).check();
  await page.getByRole("button", { name: "Save interaction" }).click();
  const timeline = page.getByRole("list", { name: "Interactions with its people" });
  await expect(timeline).toContainText("Annual planning with both");
  await expect(timeline).toContainText("Kim One, Lou Two");
  await expect(timeline.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("img", { name: "Temperature, oldest to newest: 3" })).toBeVisible();

  await page.getByLabel("Default for its people").selectOption({ label: "Every month" });
  await kith.goToToday();
  await expect(page.getByRole("region", { name: /^Overdue/ })).toContainText("Kim One");
  await page.getByRole("button", { name: "Brief on Kim One" }).click();
  await expect(page.getByRole("region", { name: "Before you reach out" })).toContainText("Annual planning with both");
});

test("settings: tag default timers and the overdue threshold are kept", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Mo Tagged", tags: "vip" });
  await kith.logInteraction({ date: await day(page, -10) });
  await expect(page.getByRole("region", { name: "Check-ins" })).toContainText("No check-in timer");
  await kith.goTo("Settings");
  await page.getByLabel("Tag", { exact: true }).fill("vip");
  await page.getByLabel("Timer", { exact: true }).selectOption({ label: "Every week" });
  await page.getByRole("button", { name: "Add default" }).click();
  await expect(page.getByRole("list", { name: "Default timers by tag" })).toContainText("vip");
  await page.getByLabel("Overdue after").selectOption("200");
  await kith.reload();
  await expect(page.getByLabel("Overdue after")).toHaveValue("200");
  await expect(page.getByRole("list", { name: "Default timers by tag" })).toContainText("Every week");
  await kith.goToToday();
  // 10 days on a weekly timer: due, but not overdue until day 14 at 200%.
  await expect(page.getByRole("region", { name: /^Due now/ })).toContainText("Mo Tagged");
  await expect(page.getByRole("region", { name: /^Overdue/ })).toHaveCount(0);
});
