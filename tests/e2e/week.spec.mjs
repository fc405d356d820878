// When to call: the week's plan on Today spreads everyone due over the
// coming seven days at the daily limit set in Settings, a person can be
// moved to another day (with undo, kept after a reload), and a preferred
// weekday set on a person's page puts them on that day.
import { test, expect } from "@playwright/test";
import { Kith, calendarDay, day, personRecord, putRecords, readRecords } from "./kith.mjs";

/** The plan's heading for the day `offset` days from today ("Friday 4
 * December"), or with `short` its choice in a select ("Fri 4 Dec"). */
async function heading(page, offset, short = false) {
  if (offset === 0) return "Today";
  if (offset === 1) return "Tomorrow";
  const weekday = await page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    return d.toLocaleString("en-GB", { weekday: "long" });
  }, offset);
  const { day: date, month } = await calendarDay(page, offset);
  return short ? `${weekday.slice(0, 3)} ${date} ${month.slice(0, 3)}` : `${weekday} ${date} ${month}`;
}

test("the week's plan spreads who is due at the daily limit; a move stays, with undo; a preferred day places them", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.saved();
  // Eight people on a 30-day timer, last in touch 41 to 48 days ago: all
  // overdue, Person 1 the most.
  const people = [];
  for (let i = 1; i <= 8; i++) {
    people.push(personRecord({
      id: `p${i}`, name: `Person ${i}`,
      cadence: { type: "every", count: 30, unit: "days" },
      lastInteraction: await day(page, -(49 - i)),
    }));
  }
  await putRecords(page, { contacts: people });
  await kith.reload();

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Check-ins a day in the week's plan").selectOption({ label: "At most 3" });
  await kith.goToToday();

  // Folded, the plan says today's share.
  const plan = page.locator("details.plan");
  await expect(plan.locator("summary")).toHaveText("This week · 3 today, 8 in all");
  await plan.locator("summary").click();
  const list = (name) => plan.getByRole("list", { name, exact: true });
  await expect(list("Today").getByRole("listitem")).toHaveText([/Person 1/, /Person 2/, /Person 3/]);
  await expect(list("Tomorrow").getByRole("listitem")).toHaveText([/Person 4/, /Person 5/, /Person 6/]);
  const third = await heading(page, 2);
  await expect(list(third).getByRole("listitem")).toHaveText([/Person 7/, /Person 8/]);
  await expect(list("Today")).toContainText("due");

  // Person 1 moves to tomorrow: first there, "moved here", the keyboard on
  // their day; Person 4 takes the place today.
  await page.getByLabel("Day for Person 1").selectOption({ label: "Tomorrow" });
  await expect(page.getByText("Planned Person 1 for tomorrow.")).toBeVisible();
  await expect(list("Tomorrow").getByRole("listitem").first()).toContainText("Person 1");
  await expect(list("Tomorrow").getByRole("listitem").first()).toContainText("moved here");
  await expect(list("Today").getByRole("listitem")).toHaveText([/Person 2/, /Person 3/, /Person 4/]);
  await expect(page.getByLabel("Day for Person 1")).toBeFocused();
  await expect(page.getByLabel("Day for Person 1")).toHaveValue("1");

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(list("Today").getByRole("listitem")).toHaveText([/Person 1/, /Person 2/, /Person 3/]);
  await page.getByLabel("Day for Person 1").selectOption({ label: await heading(page, 2, true) });
  await expect(list(third).getByRole("listitem").first()).toContainText("Person 1");
  await kith.saved();
  const stored = (await readRecords(page, "contacts")).find((c) => c.id === "p1");
  expect(stored.planned_on).toBe(await day(page, 2));
  await kith.reload();
  await page.locator("details.plan summary").click();
  await expect(list(third).getByRole("listitem").first()).toContainText("Person 1");

  // Person 8 prefers the weekday four days from now, in the mornings.
  const fourth = await heading(page, 4);
  const weekday = fourth.split(" ")[0];
  await page.goto("/people/p8");
  await page.getByLabel("Best day to call").selectOption({ label: weekday });
  await expect(page.getByText(`Prefers ${weekday}s: Person 8.`)).toBeVisible();
  await page.getByLabel("Best time of day").selectOption({ label: "Morning" });
  await expect(page.getByText(`Prefers ${weekday} mornings: Person 8.`)).toBeVisible();
  await kith.reload();
  await expect(page.getByLabel("Best day to call")).toHaveValue(/\d/);
  await expect(page.getByLabel("Best time of day")).toHaveValue("morning");
  await kith.goToToday();
  await page.locator("details.plan summary").click();
  await expect(list(fourth)).toContainText("Person 8");
  await expect(list(fourth)).toContainText("their preferred day");

  // No limit: everyone due is planned for today, except the moved.
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Check-ins a day in the week's plan").selectOption({ label: "No limit" });
  await kith.goToToday();
  await expect(page.locator("details.plan summary")).toHaveText("This week · 6 today, 8 in all");
});

test("a phone shows the week's plan without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const kith = new Kith(page);
  await kith.open();
  await kith.saved();
  await putRecords(page, {
    contacts: [personRecord({
      id: "long", name: "Maximiliana Alexandrovna Featherstonehaugh-Wolfeschlegel",
      cadence: { type: "every", count: 30, unit: "days" }, lastInteraction: await day(page, -60),
    })],
  });
  await kith.reload();
  await kith.goToToday();
  await page.locator("details.plan summary").click();
  await expect(page.getByLabel(/^Day for Maximiliana/)).toBeVisible();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(wide).toBe(false);
});
