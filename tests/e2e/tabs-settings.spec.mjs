// Check-in settings across open tabs: a tag default timer or the overdue
// threshold changed in one tab reaches the other tab's screens (a person's
// status, Today) without a reload.
import { test, expect } from "@playwright/test";
import { Kith } from "./kith.mjs";

/** The browser's local day `offset` days from today, as YYYY-MM-DD. */
async function day(page, offset) {
  return page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }, offset);
}

/** Logs an interaction on the open person's page, dated `date`. */
async function logOn(page, date) {
  await page.getByRole("button", { name: "Log interaction" }).click();
  await page.getByLabel("Date", { exact: true }).fill(date);
  await page.getByRole("button", { name: "Save interaction" }).click();
  await expect(page.getByRole("button", { name: "Save interaction" })).toBeHidden();
}

async function goTo(page, name) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
}

test("check-in settings changed in one tab reach the other tab's person page and Today", async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  const ka = new Kith(a);
  const kb = new Kith(b);
  await ka.open();
  await kb.open();

  // Tab A: someone tagged "vip", last in touch 10 days ago, no timer yet.
  await ka.addPerson({ name: "Mo Tagged", tags: "vip" });
  await logOn(a, await day(a, -10));
  await ka.saved();

  // Tab B: the same person's page, which has no timer either.
  await kb.openPerson("Mo Tagged");
  const status = b.getByRole("region", { name: "Check-ins" });
  await expect(status).toContainText("No check-in timer");

  // Tab A: a weekly default for "vip". Tab B's person is now overdue
  // (10 days on a weekly timer, overdue from day 9 at 125%).
  await goTo(a, "Settings");
  await a.getByLabel("Tag", { exact: true }).fill("vip");
  await a.getByLabel("Timer", { exact: true }).selectOption({ label: "Every week" });
  await a.getByRole("button", { name: "Add default" }).click();
  await expect(a.getByRole("list", { name: "Default timers by tag" })).toContainText("vip");
  await expect(status).toContainText("Overdue: due");

  // Tab A: overdue only after 200%. Tab B: due, no longer overdue.
  await a.getByLabel("Overdue after").selectOption("200");
  await expect(status).toContainText("Due since");

  // Tab B's Today follows too, and so does its Settings screen.
  await goTo(b, "Today");
  await expect(b.getByRole("region", { name: /^Due now/ })).toContainText("Mo Tagged");
  await expect(b.getByRole("region", { name: /^Overdue/ })).toHaveCount(0);
  await a.getByLabel("Overdue after").selectOption("125");
  await expect(b.getByRole("region", { name: /^Overdue/ })).toContainText("Mo Tagged");
  await a.getByRole("button", { name: "Remove the default for vip" }).click();
  await expect(b.getByRole("region", { name: /^Overdue/ })).toHaveCount(0);
  await goTo(b, "Settings");
  await expect(b.getByLabel("Overdue after")).toHaveValue("125");
  await expect(b.getByRole("list", { name: "Default timers by tag" })).not.toContainText("vip");
});
