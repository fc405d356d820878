// Check-in timers beyond one person's "Change timer": a person's own
// maximum ("overdue after 45 days") in place of the global percentage, a
// timer for many people at once from People's select mode, and each row of
// People saying where that person stands (the same rule as every screen).
import { test, expect } from "@playwright/test";
import { Kith, day } from "./kith.mjs";

test("a person's own maximum interval decides when they are overdue, and travels in the backup", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Max Own" });
  await kith.logInteraction({ kind: "Meeting", date: await day(page, -40) });
  await kith.setTimer(30, "days");
  const checkIns = page.getByRole("region", { name: "Check-ins" });
  // 40 days on a 30-day timer: past 125%, overdue.
  await expect(checkIns).toContainText("Overdue: due");

  await page.getByRole("button", { name: "Change timer" }).click();
  await kith.field("Overdue after (days)").fill("45");
  await page.getByRole("button", { name: "Save timer" }).click();
  await expect(checkIns).toContainText("Due since");
  await expect(checkIns).toContainText("every 30 days · overdue after 45 days");

  // Every screen agrees: due, not overdue.
  await kith.goToToday();
  await expect(page.getByRole("region", { name: /^Due now/ })).toContainText("Max Own");
  await expect(page.getByRole("region", { name: /^Overdue/ })).toHaveCount(0);
  await kith.goToPeople();
  const row = kith.rows().filter({ hasText: "Max Own" });
  await expect(row).toContainText("Due");
  await expect(row).not.toContainText("Overdue");

  const backup = JSON.parse((await kith.exportBackup()).toString());
  expect(backup.version).toBe(6);
  expect(backup.contacts[0].overdue_after_days).toBe(45);

  // Cleared: the global percentage again.
  await page.goto("/people");
  await kith.openPerson("Max Own");
  await page.getByRole("button", { name: "Change timer" }).click();
  await expect(kith.field("Overdue after (days)")).toHaveValue("45");
  await kith.field("Overdue after (days)").fill("");
  await page.getByRole("button", { name: "Save timer" }).click();
  await expect(checkIns).toContainText("Overdue: due");
  await expect(checkIns).not.toContainText("overdue after");
  await kith.reload();
  await expect(page.getByRole("region", { name: "Check-ins" })).toContainText("Overdue: due");
});

test("a timer for the selected people at once, and each row says where its person stands", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  for (const name of ["Ada Bulk", "Ben Bulk", "Cy Alone"]) {
    await kith.addPerson({ name });
    await kith.goToPeople();
  }
  await expect(kith.rows().filter({ hasText: "Cy Alone" })).toContainText("No timer");

  await page.getByRole("button", { name: "Select" }).click();
  await page.getByRole("checkbox", { name: "Select Ada Bulk" }).check();
  await page.getByRole("checkbox", { name: "Select Ben Bulk" }).check();
  await page.getByRole("combobox", { name: "Set a check-in timer for the selected people" }).selectOption({ label: "Every 2 weeks" });
  await expect(page.getByRole("status").getByText("Check in every 2 weeks for 2 people.")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Set a check-in timer for the selected people" })).toHaveValue("");
  await page.getByRole("button", { name: "Done" }).click();

  await expect(kith.rows().filter({ hasText: "Ada Bulk" })).toContainText("In 14 days");
  await expect(kith.rows().filter({ hasText: "Ben Bulk" })).toContainText("In 14 days");
  await expect(kith.rows().filter({ hasText: "Cy Alone" })).toContainText("No timer");

  // The person's own page says the same timer.
  await kith.openPerson("Ada Bulk");
  await expect(page.getByRole("region", { name: "Check-ins" })).toContainText("every 2 weeks");
  // Snoozed shows as such on the row.
  await page.getByRole("combobox", { name: "Snooze for" }).selectOption({ label: "a week" });
  await kith.goToPeople();
  await expect(kith.rows().filter({ hasText: "Ada Bulk" })).toContainText("Snoozed");

  // Due and overdue, by the one rule.
  await kith.openPerson("Ben Bulk");
  await kith.logInteraction({ kind: "Call", date: await day(page, -15) });
  await kith.goToPeople();
  const ben = kith.rows().filter({ hasText: "Ben Bulk" });
  await expect(ben).toContainText("Due");
  await expect(ben).not.toContainText("Overdue");
  await kith.openPerson("Cy Alone");
  await kith.logInteraction({ kind: "Call", date: await day(page, -60) });
  await kith.setTimer(30, "days");
  await kith.goToPeople();
  await expect(kith.rows().filter({ hasText: "Cy Alone" })).toContainText("Overdue");

  // Select mode, no one chosen: nothing to set.
  await page.getByRole("button", { name: "Select" }).click();
  await expect(page.getByRole("combobox", { name: "Set a check-in timer for the selected people" })).toBeDisabled();
});
