// Search everything: People's search finds people and, below its fields,
// every interaction's notes and every follow-up holding all the words:
// words in any order, accents and case ignored, prefixes while typing;
// the matching words marked in a snippet, a link to the person (to the
// interaction itself, however old, in their timeline), and the
// index kept up to date by corrections, deletes and undo.
import { test, expect } from "@playwright/test";
import { Kith, day, interactionRecord, personRecord, putRecords } from "./kith.mjs";

test("finds a note by any of its words, marks them, and opens the person", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Zoë Adler", organisation: "Northwind" });
  await kith.logInteraction({ kind: "Call", date: await day(page, -400), notes: "Her daughter Lily has a violin exam in the spring. Budget talks stall. <b>not bold</b>" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Bo Lind" });
  await kith.logInteraction({ kind: "Meal", date: await day(page, -3), notes: "Lunch; he asked about the VIOLIN teacher", followUp: "Send Bo the violin teacher's number", followUpDue: await day(page, 2) });

  // `/` focuses the search on People; no notes card while it is empty.
  await kith.goToPeople();
  await page.keyboard.press("/");
  const search = page.getByRole("searchbox", { name: "Search people and notes" });
  await expect(search).toBeFocused();
  await expect(page.getByRole("list", { name: "Notes found" })).toHaveCount(0);
  await search.pressSequentially("EXAM lil");
  const notes = page.getByRole("list", { name: "Notes found" });
  await expect(notes.getByRole("listitem")).toHaveCount(1);
  const hit = notes.getByRole("listitem").first();
  await expect(hit).toContainText("Zoë Adler");
  await expect(hit).toContainText("Call ·");
  await expect(hit.locator("mark")).toHaveText(["Lily", "exam"]);
  // What a note says is shown as text, never as markup.
  await expect(hit).toContainText("<b>not bold</b>");
  await expect(hit.locator("b")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Notes and follow-ups · 1" })).toBeVisible();
  // No one's name or details hold both words: the people list says so.
  await expect(page.getByText("No one matches “EXAM lil”.")).toBeVisible();

  // Accents and case: "zoe" finds her among people.
  await search.fill("zoe");
  await expect(kith.rows()).toHaveCount(1);
  await expect(kith.rows().first()).toContainText("Zoë Adler");
  // Newest first; a follow-up is found too.
  await search.fill("violin");
  await expect(notes.getByRole("listitem")).toHaveCount(3);
  await expect(notes.getByRole("listitem").nth(0)).toContainText("Follow-up · due");
  await expect(notes.getByRole("listitem").nth(1)).toContainText("Meal ·");
  await expect(notes.getByRole("listitem").nth(2)).toContainText("Call ·");
  await expect(page).toHaveURL(/q=violin/);

  // The link opens her page; Back returns to the same search.
  await notes.getByRole("listitem").nth(2).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Zoë Adler", level: 1 })).toBeVisible();
  await page.goBack();
  await expect(search).toHaveValue("violin");
  await expect(notes.getByRole("listitem")).toHaveCount(3);
});

test("corrections, deletes and undo reach the search at once, and a reload rebuilds it", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ana Kruse" });
  await kith.logInteraction({ kind: "Call", date: await day(page, -5), notes: "The warehouse move is late" });
  await kith.saved();
  await page.goto(page.url().replace(/\/people.*$/, "/people?q=wareh"));
  const notes = page.getByRole("list", { name: "Notes found" });
  await expect(notes.getByRole("listitem")).toHaveCount(1);
  const search = page.getByRole("searchbox", { name: "Search people and notes" });

  // Correct the note: the old word is gone from the search, the new one found.
  await notes.getByRole("link").click();
  await page.getByRole("button", { name: /^Edit the call/ }).click();
  await page.getByLabel("Notes", { exact: true }).fill("The depot move is late");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("The depot move is late").first()).toBeVisible();
  await page.goBack();
  await expect(search).toHaveValue("wareh");
  await expect(page.getByRole("heading", { name: "No note or follow-up holds every one of these words" })).toBeVisible();
  await search.fill("depot");
  await expect(notes.getByRole("listitem")).toHaveCount(1);
  await expect(page).toHaveURL(/q=depot/);

  // Delete it from the timeline: gone; Undo: back.
  await notes.getByRole("link").click();
  await page.getByRole("button", { name: /^Delete the call/ }).click();
  await expect(page.getByText("The depot move is late")).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole("heading", { name: "No note or follow-up holds every one of these words" })).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(notes.getByRole("listitem")).toHaveCount(1);

  // A new interaction is found without a reload; and after one.
  await notes.getByRole("link").click();
  await kith.logInteraction({ kind: "Email", date: await day(page, 0), notes: "Sent the depot floor plan" });
  await kith.goToPeople();
  await search.fill("depot");
  await expect(notes.getByRole("listitem")).toHaveCount(2);
  await expect(page).toHaveURL(/q=depot/);
  await kith.reload();
  await expect(notes.getByRole("listitem")).toHaveCount(2);
  await expect(notes.locator("mark").first()).toHaveText("depot");
});

test("a found note's link opens that interaction in the timeline, however far back", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.saved();
  // 45 calls, a page of the timeline is 20: the oldest is on the third.
  const calls = [];
  for (let n = 0; n < 45; n++) {
    calls.push(interactionRecord({
      id: `call-${n}`, who: "zoe", date: await day(page, -(n * 7 + 1)),
      notes: n === 44 ? "She plays the harpsichord on Sundays" : `Weekly call number ${45 - n}`,
    }));
  }
  await putRecords(page, {
    contacts: [personRecord({ id: "zoe", name: "Zoë Adler", lastInteraction: await day(page, -1) })],
    interactions: calls,
  });
  await kith.reload();
  await page.getByRole("searchbox", { name: "Search people and notes" }).fill("harpsi");
  const hit = page.getByRole("list", { name: "Notes found" }).getByRole("listitem");
  await expect(hit).toHaveCount(1);
  await hit.getByRole("link").click();
  await expect(page).toHaveURL(/\/people\/zoe\?interaction=call-44$/);
  const item = page.getByRole("list", { name: "Interactions" }).getByRole("listitem").filter({ hasText: "harpsichord" });
  await expect(item).toBeFocused();
  await expect(item).toBeInViewport();
  await expect(page.getByRole("list", { name: "Interactions" }).getByRole("listitem")).toHaveCount(45);
});
