// Follow-ups on their own: added from a person's brief without logging
// anything, every open one on Today (due ones, and the later ones a page at
// a time), edited, done early and deleted, each with an Undo.
import { test, expect } from "@playwright/test";
import { Kith, day, putRecords } from "./kith.mjs";

test("a follow-up is added without logging, listed on Today with all the others, edited, done early and deleted", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Fay Follow" });

  const card = page.getByRole("region", { name: "Before you reach out" });
  await card.getByRole("button", { name: "Add follow-up" }).click();
  await kith.field("What to follow up on").fill("Send the proposal");
  await kith.field("Due on").fill(await day(page, 3));
  await page.getByRole("button", { name: "Save follow-up" }).click();
  await expect(page.getByRole("status").getByText("Follow-up added: Send the proposal.")).toBeVisible();
  await expect(card.getByRole("list", { name: "Their follow-ups" }).getByRole("listitem").filter({ hasText: "Send the proposal" })).toContainText("Due in 3 days");
  // Nothing was logged.
  await expect(card).toContainText("No interactions yet");

  // A refused follow-up says why in words.
  await card.getByRole("button", { name: "Add follow-up" }).click();
  await kith.field("Due on").fill(await day(page, 0));
  await page.getByRole("button", { name: "Save follow-up" }).click();
  await expect(page.getByRole("alert")).toHaveText("Please write something first.");
  await kith.field("What to follow up on").fill("Call about pricing");
  await page.getByRole("button", { name: "Save follow-up" }).click();
  await expect(card.getByRole("list", { name: "Their follow-ups" }).getByRole("listitem")).toHaveCount(2);

  // Today: the one due today, and the later one behind "Later follow-ups".
  await kith.goToToday();
  const due = page.getByRole("list", { name: "Follow-ups due" });
  await expect(due.getByRole("listitem")).toHaveText([/Call about pricing.*Fay Follow.*Due today/]);
  await page.getByText("Later follow-ups (1)").click();
  const later = page.getByRole("list", { name: "Later follow-ups" });
  await expect(later.getByRole("listitem")).toHaveText([/Send the proposal.*Fay Follow.*Due in 3 days/]);

  // Edit the words and the day.
  await page.getByRole("button", { name: "Edit: Send the proposal" }).click();
  await kith.field("Follow-up").fill("Send the revised proposal");
  await kith.field("Due on").fill(await day(page, 10));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(later.getByRole("listitem")).toHaveText([/Send the revised proposal.*Due in 10 days/]);

  // Done before its day, then taken back with Undo, then done again.
  await page.getByRole("button", { name: "Done: Send the revised proposal" }).click();
  await expect(page.getByRole("status").getByText("Done: Send the revised proposal.")).toBeVisible();
  await expect(page.getByText(/Later follow-ups/)).toHaveCount(0);
  await page.getByRole("status").getByRole("button", { name: "Undo" }).click();
  await page.getByText("Later follow-ups (1)").click();
  await expect(later.getByRole("listitem")).toHaveText([/Send the revised proposal/]);
  await page.getByRole("button", { name: "Done: Send the revised proposal" }).click();
  await expect(page.getByText(/Later follow-ups/)).toHaveCount(0);

  // Deleted, with an Undo.
  await page.getByRole("button", { name: "Delete: Call about pricing" }).click();
  await expect(page.getByRole("status").getByText("Deleted the follow-up “Call about pricing”.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Follow-ups due" })).toHaveCount(0);
  await page.getByRole("status").getByRole("button", { name: "Undo" }).click();
  await expect(due.getByRole("listitem")).toHaveText([/Call about pricing/]);
  await page.getByRole("button", { name: "Delete: Call about pricing" }).click();
  await expect(page.getByRole("region", { name: "Follow-ups due" })).toHaveCount(0);
  await kith.reload();
  await expect(page.getByRole("region", { name: "Follow-ups due" })).toHaveCount(0);
  await expect(page.getByText(/Later follow-ups/)).toHaveCount(0);
});

test("a long list of follow-ups is shown a page at a time", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Lou Many" });
  await kith.saved();
  const who = page.url().split("/").pop();
  const due = await day(page, 5);
  const tasks = Array.from({ length: 120 }, (_, i) => ({
    id: `t${String(i).padStart(3, "0")}`, contact_ids: [who], text: `Task ${i + 1}`, due,
    done: null, created: 1, updated: 1, deleted: null, open_due: due, open_contacts: [who],
  }));
  await putRecords(page, { tasks });
  await kith.goToToday();
  await page.getByText("Later follow-ups (120)").click();
  const items = page.getByRole("list", { name: "Later follow-ups" }).getByRole("listitem");
  await expect(items).toHaveCount(50);
  await page.getByRole("button", { name: "Show more (70 left)" }).click();
  await expect(items).toHaveCount(100);
  await page.getByRole("button", { name: "Show more (20 left)" }).click();
  await expect(items).toHaveCount(120);
  await expect(page.getByRole("button", { name: /Show more/ })).toHaveCount(0);
});
