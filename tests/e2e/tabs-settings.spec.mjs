// Check-in settings across open tabs: a tag default timer or the overdue
// threshold changed in one tab reaches the other tab's screens (a person's
// status, Today) without a reload.
import { test, expect } from "@playwright/test";
import { Kith, day } from "./kith.mjs";

test("check-in settings changed in one tab reach the other tab's person page and Today", async ({ context }) => {
  const ka = await Kith.inNewTab(context);
  const kb = await Kith.inNewTab(context);
  const [a, b] = [ka.page, kb.page];

  // Tab A: someone tagged "vip", last in touch 10 days ago, no timer yet.
  await ka.addPerson({ name: "Mo Tagged", tags: "vip" });
  await ka.logInteraction({ date: await day(a, -10) });
  await ka.saved();

  // Tab B: the same person's page, which has no timer either.
  await kb.openPerson("Mo Tagged");
  const status = b.getByRole("region", { name: "Check-ins" });
  await expect(status).toContainText("No check-in timer");

  // Tab A: a weekly default for "vip". Tab B's person is now overdue
  // (10 days on a weekly timer, overdue from day 9 at 125%).
  await ka.goTo("Settings");
  await a.getByLabel("Tag", { exact: true }).fill("vip");
  await a.getByLabel("Timer", { exact: true }).selectOption({ label: "Every week" });
  await a.getByRole("button", { name: "Add default" }).click();
  await expect(a.getByRole("list", { name: "Default timers by tag" })).toContainText("vip");
  await expect(status).toContainText("Overdue: due");

  // Tab A: overdue only after 200%. Tab B: due, no longer overdue.
  await a.getByLabel("Overdue after").selectOption("200");
  await expect(status).toContainText("Due since");

  // Tab B's Today follows too, and so does its Settings screen.
  await kb.goToToday();
  await expect(b.getByRole("region", { name: /^Due now/ })).toContainText("Mo Tagged");
  await expect(b.getByRole("region", { name: /^Overdue/ })).toHaveCount(0);
  await a.getByLabel("Overdue after").selectOption("125");
  await expect(b.getByRole("region", { name: /^Overdue/ })).toContainText("Mo Tagged");
  await a.getByRole("button", { name: "Remove the default for vip" }).click();
  await expect(b.getByRole("region", { name: /^Overdue/ })).toHaveCount(0);
  await kb.goTo("Settings");
  await expect(b.getByLabel("Overdue after")).toHaveValue("125");
  await expect(b.getByRole("list", { name: "Default timers by tag" })).not.toContainText("vip");
});
