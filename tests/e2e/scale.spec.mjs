// Scale benchmark: 10,000 people and 100,000 interactions in IndexedDB.
// It prints figures (start-up, search, memory) and asserts only structure:
// the list keeps under 100 rows in the DOM and finds the right person. The
// records are written straight into the app's schema (support/records.mjs).
import { test, expect } from "@playwright/test";
import { readFileSync, statSync } from "node:fs";
import { Kith, interactionRecord, organisationRecord, personRecord, putRecords } from "./kith.mjs";

const PEOPLE = 10_000;
const INTERACTIONS = 100_000;

/** Writes the people and interactions straight into IndexedDB; ms taken. */
function seed(page) {
  const first = ["Ana", "Bo", "Chidi", "Dana", "Émile", "Farah", "Gus", "Hana", "Ivo", "Jude", "Kai", "Lea"];
  const last = ["Cruz", "Lind", "Okafor", "Adams", "Nowak", "Sato", "Silva", "Moreau", "Khan", "Berg"];
  const day = (n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const organisations = Array.from({ length: 500 }, (_, o) => organisationRecord({ id: `org${o}`, name: `Company ${o}` }));
  const contacts = Array.from({ length: PEOPLE }, (_, i) => personRecord({
    id: `p${i}`,
    name: `${first[i % first.length]} ${last[(i * 7) % last.length]} ${i}`,
    organisation: `org${i % 500}`,
    email: `person${i}@example.test`,
    cadence: { type: "every", count: 30, unit: "days" },
    lastInteraction: day(2000 - (i % 300)),
  }));
  const interactions = Array.from({ length: INTERACTIONS }, (_, i) => interactionRecord({
    id: `i${i}`, who: `p${i % PEOPLE}`, date: day(i % 2200), notes: `Call ${i}`,
  }));
  return putRecords(page, { contacts, organisations, interactions });
}

test("10,000 people and 100,000 interactions stay quick", async ({ page }) => {
  test.setTimeout(240_000);
  const kith = new Kith(page);
  await kith.open(); // creates the database at the current schema

  const seeded = await seed(page);

  const t0 = Date.now();
  await page.reload();
  await expect(kith.rows().first()).toBeVisible({ timeout: 60_000 });
  const startup = Date.now() - t0;
  await expect(page.getByText("10,000 people")).toBeVisible();

  const domRows = await kith.rows().count();
  expect(domRows).toBeLessThan(100);

  // Search: time from the keystroke to the list showing the one match.
  const searchMs = await page.evaluate(async () => {
    const input = document.querySelector("input[type=search]");
    const started = performance.now();
    input.value = "person7777@";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => r()));
    return performance.now() - started;
  });
  await expect(kith.rows()).toHaveCount(1);
  await expect(kith.rows().first()).toContainText("7777");

  // Scrolling far down still renders only a window of rows.
  await kith.search().fill("");
  await page.locator(".people-scroll").evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(kith.rows().filter({ hasText: " 5" }).first()).toBeVisible();
  expect(await kith.rows().count()).toBeLessThan(100);

  // A person's page: the timeline reads their page of history by index.
  const t1 = Date.now();
  await page.goto("/people/p7777");
  await expect(page.getByRole("list", { name: "Interactions" }).getByRole("listitem")).toHaveCount(10, { timeout: 30_000 });
  const timelineMs = Date.now() - t1;

  const heapMb = await page.evaluate(() => (performance.memory?.usedJSHeapSize ?? 0) / 1048576);
  const report = [
    `seed ${PEOPLE} people + ${INTERACTIONS} interactions: ${Math.round(seeded)} ms`,
    `reload to first row: ${startup} ms`,
    `search keystroke to painted result: ${searchMs.toFixed(1)} ms`,
    `rows in the DOM: ${domRows}`,
    `open a person (fresh load) to their timeline shown, among 100,000 interactions: ${timelineMs} ms`,
    `JS heap after load: ${heapMb.toFixed(1)} MB`,
  ];
  console.log(`\n[bench] ${report.join("\n[bench] ")}`);
});

// The longest main-thread task, from the browser's own long-task timing.
const LONG_TASKS = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: "longtask" });
};
const longest = (page) => page.evaluate(() => {
  const all = window.__longTasks.splice(0);
  return { max: Math.max(0, ...all), over100: all.filter((d) => d > 100).length, count: all.length };
});

test("backing up and restoring 10,000 people and 100,000 interactions stay quick", async ({ page }) => {
  test.setTimeout(300_000);
  await page.addInitScript(LONG_TASKS);
  const kith = new Kith(page);
  await kith.open();
  await seed(page);
  await page.goto("/settings");
  await longest(page);

  let t = Date.now();
  const { path } = await kith.download("Export backup", { timeout: 120_000 });
  const exportMs = Date.now() - t;
  const exportTasks = await longest(page);
  const bytes = statSync(path).size;
  const parsed = JSON.parse(readFileSync(path, "utf8"));
  expect(parsed.contacts.length).toBe(10_000);
  expect(parsed.interactions.length).toBe(100_000);

  t = Date.now();
  await kith.backupImport().setInputFiles(path);
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText("This backup holds 10,000 people, 100,000 interactions", { timeout: 120_000 });
  const checkMs = Date.now() - t;
  const checkTasks = await longest(page);
  await preview.getByRole("button", { name: "Replace everything" }).click();
  t = Date.now();
  await preview.getByRole("button", { name: "Yes, replace everything" }).click();
  await expect(page.getByRole("status").getByText("Replaced everything with the backup.")).toBeVisible({ timeout: 120_000 });
  const writeMs = Date.now() - t;
  const writeTasks = await longest(page);
  await kith.goToPeople();
  await expect(page.getByText("10,000 people")).toBeVisible();

  // Everyone as vCard, and that file imported again: all 10,000 found by UID.
  await page.goto("/settings");
  await longest(page);
  t = Date.now();
  const { path: vcardPath } = await kith.download("Export people (vCard)", { timeout: 120_000 });
  const vcardMs = Date.now() - t;
  const vcardTasks = await longest(page);
  t = Date.now();
  await kith.contactsImport().setInputFiles(vcardPath);
  await expect(page.getByRole("region", { name: "Contacts import preview" })).toContainText(
    "10,000 people — 10,000 already here with nothing new.", { timeout: 120_000 });
  const rematchMs = Date.now() - t;
  const rematchTasks = await longest(page);

  const tasks = (x) => `longest main-thread task ${Math.round(x.max)} ms, ${x.over100} of ${x.count} long tasks over 100 ms`;
  const report = [
    `export people as vCard (${(statSync(vcardPath).size / 1048576).toFixed(1)} MB): ${vcardMs} ms; ${tasks(vcardTasks)}`,
    `import that vCard again, read and match 10,000 people: ${rematchMs} ms; ${tasks(rematchTasks)}`,
    `export backup (${(bytes / 1048576).toFixed(1)} MB): ${exportMs} ms; ${tasks(exportTasks)}`,
    `import: read, check and preview: ${checkMs} ms; ${tasks(checkTasks)}`,
    `import: replace everything in one transaction: ${writeMs} ms; ${tasks(writeTasks)}`,
  ];
  console.log(`\n[bench] ${report.join("\n[bench] ")}`);
});
