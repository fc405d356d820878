// Follow-ups on their own: added from a person's page without logging
// anything, listed together on the Follow-ups screen (reached from Today and
// People, a page at a time), edited, done early and deleted.
import { test, expect } from "@playwright/test";
import { Kith, day, putRecords } from "./kith.mjs";

test("a follow-up is added without logging, listed with all the others, edited, done early and deleted", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Fay Follow" });

  const card = page.getByRole("region", { name: "Follow-ups", exact: true });
  await card.getByRole("button", { name: "Add follow-up" }).click();
  await kith.field("What to follow up on").fill("Send the proposal");
  await kith.field("Due on").fill(await day(page, 3));
  await page.getByRole("button", { name: "Save follow-up" }).click();
  await expect(page.getByRole("status").getByText("Follow-up added: Send the proposal.")).toBeVisible();
  await expect(card.getByRole("listitem").filter({ hasText: "Send the proposal" })).toContainText("Due in 3 days");
  // Nothing was logged: the timer and the history are as they were.
  await expect(page.getByRole("region", { name: "Before you reach out" })).toContainText("No interactions yet");

  // A refused follow-up says why in words.
  await card.getByRole("button", { name: "Add follow-up" }).click();
  await kith.field("Due on").fill(await day(page, 0));
  await page.getByRole("button", { name: "Save follow-up" }).click();
  await expect(page.getByRole("alert")).toHaveText("Please write something first.");
  await kith.field("What to follow up on").fill("Call about pricing");
  await page.getByRole("button", { name: "Save follow-up" }).click();
  await expect(card.getByRole("listitem")).toHaveCount(2);

  // Every open follow-up, from Today, soonest first, with whom.
  await kith.goToToday();
  await page.getByRole("link", { name: "All follow-ups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Follow-ups" })).toBeVisible();
  await expect(page.getByText("2 open")).toBeVisible();
  const list = page.getByRole("list", { name: "Open follow-ups" });
  await expect(list.getByRole("listitem")).toHaveText([/Call about pricing.*Fay Follow.*Due today/, /Send the proposal.*Fay Follow.*Due in 3 days/]);

  // Edit the words and the day.
  await page.getByRole("button", { name: "Edit: Send the proposal" }).click();
  await kith.field("Follow-up").fill("Send the revised proposal");
  await kith.field("Due on").fill(await day(page, 10));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(list.getByRole("listitem").filter({ hasText: "Send the revised proposal" })).toContainText("Due in 10 days");

  // Done before its day.
  await page.getByRole("button", { name: "Done: Send the revised proposal" }).click();
  await expect(page.getByRole("status").getByText("Done: Send the revised proposal.")).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveText([/Call about pricing/]);
  await expect(page.getByText("1 open")).toBeVisible();

  // Deleted.
  await page.getByRole("button", { name: "Delete: Call about pricing" }).click();
  await expect(page.getByRole("status").getByText("Deleted the follow-up “Call about pricing”.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nothing to follow up on" })).toBeVisible();
  await kith.reload();
  await expect(page.getByRole("heading", { name: "Nothing to follow up on" })).toBeVisible();
  await kith.goToToday();
  await expect(page.getByRole("region", { name: "Follow-ups due" })).toHaveCount(0);
});

test("a long list of follow-ups is shown a page at a time, reached from People", async ({ page }) => {
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
  await kith.goToPeople();
  await page.getByRole("link", { name: "Follow-ups" }).click();
  await expect(page.getByText("120 open")).toBeVisible();
  const items = page.getByRole("list", { name: "Open follow-ups" }).getByRole("listitem");
  await expect(items).toHaveCount(50);
  await page.getByRole("button", { name: "Show more (70 left)" }).click();
  await expect(items).toHaveCount(100);
  await page.getByRole("button", { name: "Show more (20 left)" }).click();
  await expect(items).toHaveCount(120);
  await expect(page.getByRole("button", { name: /Show more/ })).toHaveCount(0);
});
