// One check-in rule on every screen: a person timed only by their
// organisation's default shows the same state on Today, on People sorted by
// next check-in, on the organisation's page and on their own page. And the
// People list keeps its search, sort and filters in the address.
import { test, expect } from "@playwright/test";
import { Kith, day } from "./kith.mjs";

test("a person timed by their organisation's default is overdue on Today, People, the organisation and their page", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Olu Org", organisation: "Harbor Logistics" });
  await kith.logInteraction({ kind: "Meeting", date: await day(page, -45) });
  await kith.goToPeople();
  await kith.addPerson({ name: "Pia Own" });
  await kith.logInteraction({ kind: "Meeting", date: await day(page, -5) });
  await kith.setTimer(30, "days");
  await kith.goToPeople();
  await kith.addPerson({ name: "Ada None" });

  // The organisation's default: every month, for people with none of their own.
  await kith.goTo("Organisations");
  await page.getByRole("list", { name: "Organisations" }).getByRole("link", { name: "Harbor Logistics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Harbor Logistics" })).toBeVisible();
  await page.getByLabel("Default for its people").selectOption({ label: "Every month" });
  await kith.saved();

  // Today: overdue, with words that say how long.
  await kith.goToToday();
  const overdue = page.getByRole("region", { name: /^Overdue/ });
  const row = overdue.getByRole("listitem").filter({ hasText: "Olu Org" });
  await expect(row).toContainText(/Due \d+ days ago, on \d+ \w+/);
  const words = (await row.innerText()).match(/Due \d+ days ago, on \d+ \w+/)[0];
  await expect(page.getByRole("link", { name: "Olu Org" })).toHaveCount(1);

  // The organisation page agrees, word for word, and counts them overdue.
  await kith.goTo("Organisations");
  await page.getByRole("list", { name: "Organisations" }).getByRole("link", { name: "Harbor Logistics" }).click();
  await expect(page.getByText("1 person · 1 overdue for a check-in")).toBeVisible();
  const member = page.getByRole("list", { name: "People at this organisation" }).getByRole("listitem").filter({ hasText: "Olu Org" });
  await expect(member).toContainText(words);
  await expect(member).not.toContainText("No check-in timer");

  // People sorted by next check-in: the overdue person first, no timer last.
  await kith.goToPeople();
  await page.getByRole("combobox", { name: "Sort by" }).selectOption({ label: "Next check-in" });
  await expect(kith.rows()).toHaveText([/Olu Org/, /Pia Own/, /Ada None/]);

  // Their own page says why.
  await kith.openPerson("Olu Org");
  const checkIns = page.getByRole("region", { name: "Check-ins" });
  await expect(checkIns).toContainText("Overdue: due");
  await expect(checkIns).toContainText("every month (the default for Harbor Logistics)");
});

test("People keeps its search, sort and filters in the address: reload, back and a bookmark", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Kim Vale", tags: "golf" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Kim Roe", tags: "golf" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Lee Vale" });
  await kith.goToPeople();

  await kith.search().fill("vale");
  await page.getByRole("combobox", { name: "Tag" }).selectOption({ label: "golf (2)" });
  await expect(kith.rows()).toHaveText([/Kim Vale/]);
  await expect(page).toHaveURL(/[?&]q=vale/);
  await expect(page).toHaveURL(/[?&]tag=golf/);

  await kith.reload();
  await expect(kith.search()).toHaveValue("vale");
  await expect(page.getByRole("combobox", { name: "Tag" })).toHaveValue("golf");
  await expect(kith.rows()).toHaveText([/Kim Vale/]);

  // Into a person and back: the list is as it was.
  await kith.openPerson("Kim Vale");
  await page.goBack();
  await expect(kith.search()).toHaveValue("vale");
  await expect(kith.rows()).toHaveText([/Kim Vale/]);

  // A bookmarked link, sorted by last contact, with a word to find.
  await kith.saved();
  await page.goto(page.url().replace(/\?.*$/, "?q=kim&sort=last"));
  await expect(kith.search()).toHaveValue("kim");
  await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue("last");
  await expect(kith.rows()).toHaveCount(2);
  // Clearing the search takes it out of the address.
  await kith.search().fill("");
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(kith.rows()).toHaveCount(3);
});

test("when storage cannot be read, Today says what failed instead of “All caught up”", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Noor Calm" });
  await kith.goToToday();
  await expect(page.getByRole("heading", { name: "All caught up" })).toBeVisible();

  // From now on, reading open follow-ups fails the way a broken store does.
  await page.addInitScript(() => {
    const getAll = IDBIndex.prototype.getAll;
    IDBIndex.prototype.getAll = function (...args) {
      if (this.name === "by_open_due") throw new DOMException("The disk is not readable.", "UnknownError");
      return getAll.apply(this, args);
    };
  });
  await kith.reload();
  const alert = page.getByRole("alert").filter({ hasText: "Kith couldn't read your follow-ups and dates" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("The disk is not readable.");
  await expect(alert.getByRole("button", { name: "Reload" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "All caught up" })).toHaveCount(0);
});

test("when a person's history cannot be read, their page says so instead of “No interactions yet”", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ines Quiet", organisation: "Tidewater" });
  await kith.logInteraction({ kind: "Call", date: await day(page, -3), notes: "Spoke about the renewal" });
  await expect(page.getByRole("list", { name: "Interactions" })).toContainText("Spoke about the renewal");

  // From now on, walking anyone's timeline fails the way a broken store does.
  await page.addInitScript(() => {
    const openCursor = IDBIndex.prototype.openCursor;
    IDBIndex.prototype.openCursor = function (...args) {
      if (this.name === "by_timeline") throw new DOMException("The disk is not readable.", "UnknownError");
      return openCursor.apply(this, args);
    };
  });
  await kith.reload();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("alert")).toContainText("Kith couldn't read their timeline");
  await expect(timeline).not.toContainText("No interactions yet");
  await expect(page.getByRole("region", { name: "Relationship health" }).getByRole("alert"))
    .toContainText("The disk is not readable.");
  await expect(page.getByText("Couldn't be read")).toBeVisible();

  // The organisation's page too.
  await page.getByRole("link", { name: "Tidewater" }).first().click();
  await expect(page.getByRole("region", { name: "How it is going" }).getByRole("alert"))
    .toContainText("Kith couldn't read its people's interactions");
  await expect(page.getByText("No interactions with its people yet.")).toHaveCount(0);
});
