// Long lists keep only the rows in view in the page. Today with thousands
// of people due: each section says how many, the keyboard still reaches
// every row, "Checked in" takes one person off without moving the list,
// and a brief opens beneath the list. An organisation of hundreds: the same
// for its people, with a note about one opening beneath.
import { test, expect } from "@playwright/test";
import { Kith, organisationRecord, personRecord, putRecords } from "./kith.mjs";

const PEOPLE = 3_000;

test("Today windows thousands of overdue people and keeps their count", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  const contacts = Array.from({ length: PEOPLE }, (_, i) => personRecord({
    id: `p${String(i).padStart(4, "0")}`,
    name: `Person ${String(i).padStart(4, "0")}`,
    cadence: { type: "every", count: 30, unit: "days" },
    // Oldest first: p0000 is the most overdue.
    lastInteraction: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().slice(0, 10),
  }));
  await putRecords(page, { contacts });
  await page.goto("/");

  const overdue = page.getByRole("region", { name: /^Overdue/ });
  await expect(overdue.getByRole("heading")).toHaveText("Overdue · 3,000");
  const rows = overdue.getByRole("list", { name: "Overdue" }).getByRole("listitem");
  await expect(rows.first()).toContainText("Person 0000");
  expect(await rows.count()).toBeLessThan(100);
  await expect(rows.first()).toHaveAttribute("aria-setsize", "3000");
  await expect(rows.first()).toHaveAttribute("aria-posinset", "1");

  // Checked in from the keyboard: focus moves to the next person's button.
  await page.getByRole("button", { name: "Checked in with Person 0003" }).focus();
  await page.keyboard.press("Enter");
  await expect(overdue.getByRole("heading")).toHaveText("Overdue · 2,999");
  await expect(page.locator(":focus")).toHaveAccessibleName("Checked in with Person 0004");

  // The keyboard walks on past the rows first drawn: focus moves row by
  // row, each brought into view, and new rows follow it.
  await overdue.getByRole("link", { name: "Person 0000" }).focus();
  for (let i = 0; i < 3 * 40; i++) await page.keyboard.press("Tab");
  const focused = page.locator(":focus");
  await expect(focused).toBeVisible();
  await expect(focused).toHaveAccessibleName(/Person 00[3-4]\d/);
  expect(await rows.count()).toBeLessThan(100);

  // Scrolled far down, still a window of rows.
  await overdue.locator(".reach-scroll").evaluate((el) => (el.scrollTop = el.scrollHeight - el.clientHeight));
  await expect(overdue.getByRole("link", { name: "Person 2999" })).toBeVisible();
  expect(await rows.count()).toBeLessThan(100);

  // Checked in: that person leaves, the count follows, the list stays put.
  const before = await overdue.locator(".reach-scroll").evaluate((el) => el.scrollTop);
  await kith.checkIn("Person 2999");
  await expect(overdue.getByRole("heading")).toHaveText("Overdue · 2,998");
  await expect(overdue.getByRole("link", { name: "Person 2999" })).toHaveCount(0);
  await expect(overdue.getByRole("link", { name: "Person 2998" })).toBeVisible();
  const after = await overdue.locator(".reach-scroll").evaluate((el) => el.scrollTop);
  expect(Math.abs(after - before)).toBeLessThan(80);

  // A brief opens beneath the list, and closes again.
  const brief = page.getByRole("button", { name: "Brief on Person 2998" });
  await brief.click();
  await expect(brief).toHaveAttribute("aria-expanded", "true");
  await expect(overdue.getByRole("region", { name: "Before you reach out" })).toBeVisible();
  await brief.click();
  await expect(overdue.getByRole("region", { name: "Before you reach out" })).toHaveCount(0);

  // After a reload the check-in is still there.
  await page.reload();
  await expect(page.getByRole("region", { name: /^Overdue/ }).getByRole("heading")).toHaveText("Overdue · 2,998");
});

test("an organisation of 600 people shows a window of them, and notes open beneath", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  const contacts = Array.from({ length: 600 }, (_, i) => ({
    ...personRecord({ id: `m${String(i).padStart(3, "0")}`, name: `Member ${String(i).padStart(3, "0")}`, organisation: "big" }),
    roles: [{ organisation_id: "big", title: "Engineer" }],
  }));
  await putRecords(page, { contacts, organisations: [organisationRecord({ id: "big", name: "Big Co" })] });
  await page.goto("/organisations/big");
  const members = page.getByRole("list", { name: "People at this organisation" });
  await expect(members.getByRole("listitem").first()).toContainText("Member 000");
  await expect(members.getByRole("listitem").first()).toContainText("Engineer");
  await expect(members.getByRole("listitem").first()).toHaveAttribute("aria-setsize", "600");
  expect(await members.getByRole("listitem").count()).toBeLessThan(100);

  await page.locator(".members-scroll").evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(members.getByRole("link", { name: "Member 599" })).toBeVisible();
  expect(await members.getByRole("listitem").count()).toBeLessThan(100);

  const note = page.getByRole("button", { name: "Note a detail about Member 599" });
  await note.click();
  await expect(note).toHaveAttribute("aria-expanded", "true");
  const field = page.getByRole("textbox", { name: /Member 599/ });
  await field.fill("Prefers email");
  await field.press("Enter");
  await expect(note).toHaveAttribute("aria-expanded", "false");
  await members.getByRole("link", { name: "Member 599" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Member 599" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Details learned" }).getByText("Prefers email")).toBeVisible();
});
