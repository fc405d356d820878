// Who reached out: the log says who started each interaction, Today puts
// people waiting for a reply above every check-in, and the year's balance
// shows in the brief and on an organisation's page.
import { test, expect } from "@playwright/test";
import { Kith, calendarDay, day, readRecords } from "./kith.mjs";

test("a message from them waits on Today above the overdue until Replied, with undo", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ola Berg" });
  await kith.logInteraction({ kind: "Call", date: await day(page, -40) });
  await kith.setTimer(30, "days");
  await kith.goToPeople();
  await kith.addPerson({ name: "Nia Reyes" });
  await kith.logInteraction({ kind: "Call", date: await day(page, -40) });
  await kith.setTimer(30, "days");

  // Shift+L opens the log with "They reached out" chosen: one keystroke.
  await page.getByRole("heading", { name: "Nia Reyes" }).click();
  await page.keyboard.press("Shift+L");
  await expect(page.getByLabel("Kind", { exact: true })).toBeFocused();
  await expect(page.getByRole("radio", { name: "They reached out" })).toBeChecked();
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Email" });
  await page.getByLabel("Date", { exact: true }).fill(await day(page, -2));
  await page.getByLabel("Notes", { exact: true }).fill("Asked about the renewal terms");
  await page.getByRole("button", { name: "Save interaction" }).click();
  const timeline = page.getByRole("list", { name: "Interactions" });
  await expect(timeline.getByRole("listitem").first()).toContainText("They reached out");

  await kith.goToToday();
  const replies = page.getByRole("region", { name: /^Waiting for your reply/ });
  await expect(replies).toContainText("Nia Reyes");
  await expect(replies).toContainText("Reached out 2 days ago");
  // In no other list, and above the overdue.
  const overdue = page.getByRole("region", { name: /^Overdue/ });
  await expect(overdue).toContainText("Ola Berg");
  await expect(overdue).not.toContainText("Nia Reyes");
  const [replyTop, overdueTop] = await Promise.all([replies.boundingBox(), overdue.boundingBox()]);
  expect(replyTop.y).toBeLessThan(overdueTop.y);
  await kith.reload();
  await expect(page.getByRole("region", { name: /^Waiting for your reply/ })).toContainText("Nia Reyes");

  await page.getByRole("button", { name: "Replied to Nia Reyes" }).click();
  await expect(page.getByText("Marked Nia Reyes as replied.")).toBeVisible();
  await expect(page.getByRole("region", { name: /^Waiting for your reply/ })).toHaveCount(0);
  // Her email two days ago reset her timer: she is not overdue either.
  await expect(page.getByRole("region", { name: /^Overdue/ })).not.toContainText("Nia Reyes");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("region", { name: /^Waiting for your reply/ })).toContainText("Nia Reyes");
  await page.getByRole("button", { name: "Replied to Nia Reyes" }).click();
  await expect(page.getByRole("region", { name: /^Waiting for your reply/ })).toHaveCount(0);
  await kith.saved();
  const nia = (await readRecords(page, "contacts")).find((c) => c.name === "Nia Reyes");
  expect(nia.awaiting_reply).toBeUndefined();
  await kith.reload();
  await expect(page.getByRole("region", { name: /^Waiting for your reply/ })).toHaveCount(0);
});

test("a call I started answers their message; a correction to 'they reached out' brings the wait back", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ivo Pratt" });
  await page.getByRole("button", { name: "Log interaction" }).click();
  await page.getByRole("radio", { name: "They reached out" }).check();
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Message" });
  await page.getByLabel("Date", { exact: true }).fill(await day(page, -3));
  await page.getByRole("button", { name: "Save interaction" }).click();
  await kith.goToToday();
  await expect(page.getByRole("region", { name: /^Waiting for your reply/ })).toContainText("Ivo Pratt");

  await page.getByRole("link", { name: "Ivo Pratt" }).click();
  // `l` keeps "I reached out", the everyday case.
  await page.getByRole("heading", { name: "Ivo Pratt" }).click();
  await page.keyboard.press("l");
  await expect(page.getByRole("radio", { name: "I reached out" })).toBeChecked();
  await page.getByLabel("Notes", { exact: true }).fill("Called back");
  await page.getByRole("button", { name: "Save interaction" }).click();
  await kith.goToToday();
  await expect(page.getByRole("region", { name: /^Waiting for your reply/ })).toHaveCount(0);

  // Logged as mine by mistake: corrected, he waits again.
  await kith.goToPeople();
  await kith.openPerson("Ivo Pratt");
  const newest = page.getByRole("list", { name: "Interactions" }).getByRole("listitem").first();
  await expect(newest).toContainText("Called back");
  await newest.getByRole("button", { name: /^Edit the/ }).click();
  await expect(page.getByRole("radio", { name: "I reached out" })).toBeChecked();
  await page.getByRole("radio", { name: "They reached out" }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await kith.goToToday();
  await expect(page.getByRole("region", { name: /^Waiting for your reply/ })).toContainText("Ivo Pratt");
  await expect(page.getByRole("region", { name: /^Waiting for your reply/ })).toContainText("Reached out today");
});

test("the brief and the organisation's page say who starts the conversations over the last year", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Eda Lund", organisation: "Northwind" });
  for (const [by, daysAgo] of [["I reached out", 10], ["I reached out", 50], ["I reached out", 90], ["They reached out", 120], ["Both of us", 200], ["I reached out", 400]]) {
    await page.getByRole("button", { name: "Log interaction" }).click();
    await page.getByRole("radio", { name: by }).check();
    await page.getByLabel("Date", { exact: true }).fill(await day(page, -daysAgo));
    await page.getByRole("button", { name: "Save interaction" }).click();
    await expect(page.getByRole("button", { name: "Save interaction" })).toBeHidden();
  }
  const brief = page.getByRole("region", { name: "Before you reach out" });
  await expect(brief).toContainText("You started 3 of 5 conversations in the last year; 1 planned together.");

  await kith.goToPeople();
  await kith.addPerson({ name: "Finn Moss", organisation: "Northwind" });
  for (const daysAgo of [5, 6, 7, 8]) {
    await page.getByRole("button", { name: "Log interaction" }).click();
    await page.getByRole("radio", { name: "They reached out" }).check();
    await page.getByLabel("Date", { exact: true }).fill(await day(page, -daysAgo));
    await page.getByRole("button", { name: "Save interaction" }).click();
    await expect(page.getByRole("button", { name: "Save interaction" })).toBeHidden();
  }
  await expect(page.getByRole("region", { name: "Before you reach out" })).toContainText("They started 4 of 4 conversations in the last year.");

  await kith.goTo("Organisations");
  await page.getByRole("link", { name: "Northwind" }).click();
  await expect(page.getByRole("region", { name: "How it is going" })).toContainText(
    "Across its people: They started 5 of 9 conversations in the last year; 1 planned together.",
  );
});

test("the brief offers up to three openers from the person's own record, each naming its source", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Lena Voss" });
  const brief = page.getByRole("region", { name: "Before you reach out" });
  await expect(brief.getByRole("list", { name: "Openers" })).toHaveCount(0);

  await kith.addDetail("Lily's violin exam");
  const openers = brief.getByRole("list", { name: "Openers" });
  await expect(openers.getByRole("listitem")).toHaveText([`Ask about “Lily's violin exam” — noted ${await shortYearDay(page, 0)}`]);

  const inThree = await calendarDay(page, 3);
  await kith.addFamilyMember({ name: "Lily", relation: "daughter", month: inThree.month, day: inThree.day });
  await kith.logInteraction({ notes: "Coffee", followUp: "Send the school contact", followUpDue: await day(page, 5) });
  await expect(openers.getByRole("listitem")).toHaveText([
    `Follow up: Send the school contact — follow-up due ${await shortYearDay(page, 5)}`,
    `Ask about Lily's birthday in 3 days — birthday, ${inThree.day} ${inThree.month}`,
    `Ask about “Lily's violin exam” — noted ${await shortYearDay(page, 0)}`,
  ]);
  // The same openers in the brief opened from Today.
  await kith.setTimer(1, "days");
  await kith.goToToday();
  await page.getByRole("button", { name: "Brief on Lena Voss" }).click();
  await expect(page.getByRole("list", { name: "Openers" }).getByRole("listitem")).toHaveCount(3);
});

/** "3 Dec 2026": the page's local day `offset` days from today. */
async function shortYearDay(page, offset) {
  return page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    // As chrono's %b writes it ("Sep", where en-GB says "Sept").
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    return `${d.getDate()} ${months[d.getMonth()]} ${d.getFullYear()}`;
  }, offset);
}

test("possible duplicates are found and explained, merged on the merge screen or told apart for good", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ana Kruse", email: "ana@kruse.example" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Ana K.", email: "ANA@kruse.example" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Cruz, Bea", phone: "07700 900555" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Bea Cruz", phone: "+44 7700 900555" });
  await kith.goToPeople();
  // A shared switchboard never makes two people one.
  await kith.addPerson({ name: "Cy Lopez", phone: "+49 30 1234567" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Dee Smith", phone: "+49 30 1234567" });
  await kith.goToPeople();

  await page.getByRole("button", { name: "Possible duplicates" }).click();
  const list = page.getByRole("list", { name: "Possible duplicates" });
  await expect(page.getByRole("heading", { name: "Possible duplicates · 2 pairs" })).toBeVisible();
  const items = list.getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText("same phone, same name");
  await expect(items.nth(1)).toContainText("same email, similar name");
  await expect(list).not.toContainText("Cy Lopez");

  // Told apart: gone, and still gone after a reload.
  const bea = items.nth(0);
  await bea.getByRole("button", { name: /^Not the same person: / }).click();
  await expect(page.getByText(/apart: they will not be offered as duplicates again\./)).toBeVisible();
  await expect(items).toHaveCount(1);
  await kith.saved();
  await kith.reload();
  await page.getByRole("button", { name: "Possible duplicates" }).click();
  await expect(page.getByRole("list", { name: "Possible duplicates" }).getByRole("listitem")).toHaveCount(1);

  // Merged on the merge screen: no pairs left.
  await page.getByRole("link", { name: /^Compare and merge Ana/ }).click();
  await expect(page).toHaveURL(/\/people\/merge\?keep=/);
  await page.getByRole("button", { name: /^Merge into/ }).click();
  await expect(page).not.toHaveURL(/\/people\/merge/);
  await kith.goToPeople();
  await page.getByRole("button", { name: "Possible duplicates" }).click();
  await expect(page.getByRole("heading", { name: "No possible duplicates" })).toBeVisible();
  await expect(kith.rows()).toHaveCount(5);
});

