// Important dates known only in part: "graduated 2019", "started June
// 2021". They read as such, never remind, and travel in the backup.
import { test, expect } from "@playwright/test";
import { Kith } from "./kith.mjs";

test("a date with only a year, or a month and a year, is kept and never reminds", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Gus Grad" });
  const dates = page.getByRole("region", { name: "Important dates" });

  await page.getByRole("button", { name: "Add date" }).click();
  await page.getByLabel("Kind of date").selectOption("Graduation");
  await kith.field("Year (optional)").fill("2019");
  await page.getByRole("button", { name: "Save date" }).click();
  const graduated = dates.getByRole("listitem").filter({ hasText: "Graduation" });
  await expect(graduated).toContainText("Graduation · 2019");
  await expect(graduated).toContainText("years ago · no reminder without a day");

  // A month alone is not enough.
  await page.getByRole("button", { name: "Add date" }).click();
  await page.getByLabel("Kind of date").selectOption("Other…");
  await kith.field("Name of the date").fill("Started at Acme");
  await page.getByLabel("Date month").selectOption("June");
  await page.getByRole("button", { name: "Save date" }).click();
  await expect(page.getByRole("alert")).toHaveText("Add the day, or the year (e.g. “June 2021” or “2019”).");
  await kith.field("Year (optional)").fill("2021");
  await page.getByRole("button", { name: "Save date" }).click();
  await expect(dates.getByRole("listitem").filter({ hasText: "Started at Acme" })).toContainText("Started at Acme · June 2021");

  await kith.reload();
  await expect(page.getByRole("region", { name: "Important dates" })).toContainText("Graduation · 2019");
  await expect(page.getByRole("region", { name: "Important dates" })).toContainText("Started at Acme · June 2021");
  await kith.goToToday();
  await expect(page.getByRole("region", { name: "Dates coming up" })).toHaveCount(0);

  const backup = JSON.parse((await kith.exportBackup()).toString());
  const kept = backup.dates.map(({ month, day, year }) => ({ month, day, year }));
  expect(kept).toEqual(expect.arrayContaining([{ month: 0, day: 0, year: 2019 }, { month: 6, day: 0, year: 2021 }]));
});
