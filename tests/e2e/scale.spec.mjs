// Scale benchmark (issue 13): a heavy user's data, 10,000 people, 500
// organisations and 100,000 interactions (support/dataset.mjs), brought in
// through the app's own import, then each thing a person does timed in the
// app beside a plain-JavaScript floor measured in the same page, in the
// same run, on the same data (support/bench.mjs). One table per test,
// lines prefixed "[bench] ". It asserts structure only (rows in the DOM,
// the right person found, nothing lost in the import/export round trip,
// everyone matched when their vCard comes back), never a time.
// Run alone: `npx playwright test scale.spec.mjs --workers=1`.
import { test, expect } from "@playwright/test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  DATABASE, Kith, coldLoad, dataFloors, describeBackup, heavyBackup, longTasks, memory, print, probes,
  root, storeFloors, table, wasmSizes,
} from "./kith.mjs";

/** How many people (10,000 unless KITH_BENCH_PEOPLE says fewer, for a
 * quick dry run of the steps); organisations and interactions follow. */
const PEOPLE = Number(process.env.KITH_BENCH_PEOPLE ?? 10_000);
/** The person searched for and opened, by index (their number is theirs alone). */
const PERSON = PEOPLE > 7777 ? 7777 : 277;
/** Keystrokes typed into the search, one after another. */
const QUERIES = [String(PERSON).slice(-2), String(PERSON).slice(-3), String(PERSON)];
/** Queries over every note, each a word more than the last (the data's
 * notes are phrases such as "mentioned a trip to Lisbon with the family"
 * and "their dog is called Pepper"). */
const NOTE_QUERIES = ["lisbon", "lisbon pepper", "lisbon pepper ceramics"];
const count = (x) => x.toLocaleString("en");
const mb = (x) => `${x.toFixed(1)} MB`;
const kb = (x) => `${count(Math.round(x / 1000))} kB`;
const tasks = (t) => `${count(Math.round(t.max))} ms (${t.over50} of ${t.count} over 50 ms)`;
const load = () => loadavg()[0].toFixed(1);

// The data set, written once to a file the import picks.
let made;
function data() {
  if (!made) {
    const backup = heavyBackup({ people: PEOPLE });
    const text = JSON.stringify(backup);
    const path = join(mkdtempSync(join(tmpdir(), "kith-bench-")), "kith-backup-heavy.json");
    writeFileSync(path, text);
    made = { backup, text, path };
  }
  return made;
}

/** Whether two lists of records hold the same ids. */
function sameIds(a, b) {
  const ids = new Set(a.map((r) => r.id));
  return a.length === b.length && ids.size === a.length && b.every((r) => ids.has(r.id));
}

test("10,000 people, 500 organisations and 100,000 interactions brought in through the app stay quick", async ({ page, browser }) => {
  test.setTimeout(420_000);
  const began = Date.now();
  const loadBefore = load();
  const { backup, text, path } = data();
  const person = backup.contacts[PERSON];
  const org = backup.organisations.find((o) => o.id === person.organisation_id);
  await page.addInitScript(probes);
  const kith = new Kith(page);
  await kith.open("/settings");
  // Every load from here on is an installed app's: served by its worker.
  await kith.offlineReady();

  // Floors first, while the app holds nothing.
  const floor = await dataFloors(page, text, { queries: QUERIES });

  // Import as a person does: pick the file, read the preview, replace
  // everything. Timed in the page from the file input's change.
  await page.evaluate(() => document.addEventListener("change", () => (window.__bench.picked = performance.now()), { capture: true, once: true }));
  await longTasks(page);
  await kith.backupImport().setInputFiles(path);
  const previewed = await page.waitForFunction(() => {
    const region = document.querySelector('[aria-label="Import preview"]');
    return region?.textContent.includes("This backup holds") && performance.now() - window.__bench.picked;
  }, null, { polling: "raf", timeout: 180_000 });
  const checkMs = await previewed.jsonValue();
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText(new RegExp(`This backup holds ${count(PEOPLE)} people\\b.* ${count(backup.interactions.length)} interactions`));
  const checkTasks = await longTasks(page);
  await preview.getByRole("button", { name: "Replace everything" }).click();
  await longTasks(page);
  const writeMs = await page.evaluate(async () => {
    const b = window.__bench;
    const yes = [...document.querySelectorAll('[aria-label="Import preview"] button')]
      .find((x) => x.textContent.trim() === "Yes, replace everything");
    const started = performance.now();
    yes.click();
    const done = await b.until(() => [...document.querySelectorAll("[role=status]")]
      .some((s) => s.textContent.includes("Replaced everything with the backup.")));
    return done - started;
  });
  await expect(page.getByRole("status").getByText("Replaced everything with the backup.")).toBeVisible();
  const writeTasks = await longTasks(page);
  const store = await storeFloors(page, { database: DATABASE, person: person.id });
  expect(store.people).toBe(PEOPLE);
  expect(store.history).toBe(10);

  // Export, and the round trip: everything the file brought is in the export.
  let t = Date.now();
  const exported = await kith.download("Export backup", { timeout: 180_000 });
  const exportMs = Date.now() - t;
  const exportTasks = await longTasks(page);
  const round = JSON.parse(readFileSync(exported.path, "utf8"));
  for (const list of ["contacts", "organisations", "interactions", "dates", "tasks"]) {
    expect(round[list].length, list).toBe(backup[list].length);
    expect(sameIds(round[list], backup[list]), `${list}: the same ids`).toBe(true);
  }
  expect(round.contacts.find((c) => c.id === person.id)).toEqual(person);
  expect(round.organisations.find((o) => o.id === org.id)).toEqual(org);
  expect(round.settings.check_in.tag_cadences).toEqual(backup.settings.check_in.tag_cadences);

  // Today, everyone overdue: a fresh load to the first Overdue row.
  const todayCold = await coldLoad(page, "/", ["overdueRow"]);
  await page.waitForTimeout(1_000);
  const todayTasks = await longTasks(page);
  const overdue = page.getByRole("region", { name: /^Overdue/ });
  await expect(overdue).toBeVisible();
  const todayShape = await page.evaluate(() => ({
    elements: document.querySelectorAll("*").length,
    rows: window.__bench.overdueRows().length,
    count: window.__bench.overdueCount(),
  }));
  // Windowed: a few dozen rows in the page, the heading counts them all.
  expect(todayShape.rows).toBeLessThan(100);
  expect(todayShape.count).toBeGreaterThan(1_000);
  const todayMemory = await memory(page);

  // "Checked in" on the first Overdue row: until it is gone and the count moved.
  const checked = await page.evaluate(async () => {
    const b = window.__bench;
    const row = b.firstOverdueRow();
    const name = row.querySelector('a[href*="/people/"]').textContent.trim();
    const before = b.overdueCount();
    const button = [...row.querySelectorAll("button")]
      .find((x) => (x.getAttribute("aria-label") ?? x.textContent).startsWith("Checked in"));
    const started = performance.now();
    button.click();
    // The count first: it is cheap, and a scan of every row is not.
    const done = await b.until(() => {
      if (b.overdueCount() === before) return false;
      const links = b.overdue()?.querySelectorAll('a[href*="/people/"]') ?? [];
      return ![...links].some((a) => a.textContent.trim() === name);
    });
    const gone = ![...(b.overdue()?.querySelectorAll('a[href*="/people/"]') ?? [])].some((a) => a.textContent.trim() === name);
    return { name, gone, before, after: b.overdueCount(), ms: done - started };
  });
  expect(checked.gone, `${checked.name} left Overdue`).toBe(true);
  if (Number.isFinite(checked.before)) expect(checked.after).toBe(checked.before - 1);
  // The write follows the screen; with every row on Today it can take a while.
  await expect(page.locator(".shell")).toHaveAttribute("data-saving", "false", { timeout: 180_000 });

  // People: a fresh load to the first row; the heap with everything loaded.
  const peopleCold = await coldLoad(page, "/people", ["peopleRow"]);
  await page.waitForTimeout(1_000);
  const peopleTasks = await longTasks(page);
  const peopleMemory = await memory(page);
  await expect(page.getByText(`${count(PEOPLE)} people`)).toBeVisible();
  expect(await kith.rows().count()).toBeLessThan(100);

  // Search: each keystroke to the frame that shows its matches (and only
  // its matches), one keystroke after another.
  const typed = await page.evaluate(async (queries) => {
    const b = window.__bench;
    const input = document.querySelector("input[type=search]");
    const painted = [];
    for (const q of queries) {
      const shownBefore = b.peopleRows().map((r) => r.getAttribute("href")).join();
      const started = performance.now();
      input.value = q;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const done = await b.until(() => {
        const rows = b.peopleRows();
        return rows.length > 0 && rows.every((r) => r.textContent.includes(q))
          && rows.map((r) => r.getAttribute("href")).join() !== shownBefore;
      }, 20_000).catch(() => NaN);
      painted.push(done - started);
    }
    return painted;
  }, QUERIES);
  await expect(kith.rows()).toHaveCount(1);
  await expect(kith.rows().first()).toContainText(person.name);

  // The person's page and their organisation's, followed by links in the app.
  const personInApp = await page.evaluate(async (name) => {
    const b = window.__bench;
    const started = performance.now();
    b.firstPeopleRow().click();
    const done = await b.until(() => document.querySelector("h1")?.textContent.trim() === name && b.checks.timeline());
    return done - started;
  }, person.name);
  await expect(page.getByRole("heading", { level: 1, name: person.name })).toBeVisible();
  await expect(page.getByRole("list", { name: "Interactions" }).getByRole("listitem")).toHaveCount(10);
  const orgInApp = await page.evaluate(async (name) => {
    const b = window.__bench;
    const started = performance.now();
    document.querySelector('[aria-label="Current roles"] a[href*="/organisations/"]').click();
    const members = await b.until(() => document.querySelector("h1")?.textContent.trim() === name && b.checks.members());
    const history = await b.until(() => b.checks.orgHistory());
    return { members: members - started, history: history - started };
  }, org.name);
  await expect(page.getByRole("heading", { level: 1, name: org.name })).toBeVisible();
  const members = backup.contacts.filter((c) => c.organisation_id === org.id).length;
  await expect(page.getByRole("list", { name: "People at this organisation" }).getByRole("listitem")).toHaveCount(members);

  // The same two pages loaded afresh.
  const personCold = await coldLoad(page, `/people/${person.id}`, ["timeline"]);
  await expect(page.getByRole("heading", { level: 1, name: person.name })).toBeVisible();
  const orgCold = await coldLoad(page, `/organisations/${org.id}`, ["members", "orgHistory"]);
  await expect(page.getByRole("heading", { level: 1, name: org.name })).toBeVisible();

  // Scrolling the people list top to bottom, a step a frame or two.
  await kith.goToPeople();
  await expect(kith.rows().first()).toBeVisible();
  await longTasks(page);
  await page.evaluate(async () => {
    const el = document.querySelector(".people-scroll") ?? document.scrollingElement;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (let k = 1; k <= 40; k++) {
      el.scrollTop = (el.scrollHeight * k) / 40;
      await frame();
      await frame();
    }
  });
  const scrollTasks = await longTasks(page);
  expect(await kith.rows().count()).toBeLessThan(100);

  // Search everything: the first search reads every note into the index
  // in the background, with progress; then queries over 100,000 notes, each
  // to the frame that shows its rows with every word marked. The floor:
  // the same notes read with getAll and lowercased, then a plain filter
  // (every word a substring) over them.
  const noteFloor = await page.evaluate(async ({ database, queries }) => {
    const request = (r) => new Promise((ok, fail) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const db = await request(indexedDB.open(database));
    try {
      const t = performance.now();
      const all = await request(db.transaction("interactions").objectStore("interactions").getAll());
      const notes = all.map((i) => i.notes.toLowerCase());
      const read = performance.now() - t;
      const filter = queries.map((q) => {
        const words = q.split(" ");
        const t = performance.now();
        notes.filter((n) => words.every((w) => n.includes(w)));
        return performance.now() - t;
      });
      return { read, filter, notes: notes.length };
    } finally {
      db.close();
    }
  }, { database: DATABASE, queries: NOTE_QUERIES });
  await longTasks(page);
  // People's search box (already on People): the first query with words
  // starts the index; timed until the build's status line is gone.
  const indexed = await page.evaluate(async (first) => {
    const b = window.__bench;
    const status = () => document.querySelector(".notes-found__status");
    const input = document.querySelector("#people-search");
    const started = performance.now();
    input.value = first;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    let progress = false;
    const done = await b.until(() => {
      progress ||= /Reading your notes for search: [\d,]+ of [\d,]+/.test(status()?.textContent ?? "");
      return progress && !status();
    });
    return { ms: done - started, progress };
  }, NOTE_QUERIES[0]);
  const indexTasks = await longTasks(page);
  expect(indexed.progress).toBe(true);
  const noteTyped = await page.evaluate(async (queries) => {
    const b = window.__bench;
    const input = document.querySelector("#people-search");
    const rows = () => [...document.querySelectorAll('[aria-label="Notes found"] li')];
    const marked = (row, words) => {
      const marks = [...row.querySelectorAll("mark")].map((m) => m.textContent.toLowerCase());
      return words.every((w) => marks.some((m) => m.startsWith(w)));
    };
    // From an empty box, as a person starts a new search.
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await b.until(() => rows().length === 0);
    const painted = [];
    for (const q of queries) {
      const words = q.split(" ");
      const started = performance.now();
      input.value = q;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const done = await b.until(() => rows().some((r) => marked(r, words)), 20_000).catch(() => NaN);
      painted.push(done - started);
    }
    return painted;
  }, NOTE_QUERIES);
  const noteTasks = await longTasks(page);
  await expect(page.getByRole("list", { name: "Notes found" }).getByRole("listitem")).toHaveCount(50);
  await expect(page.getByRole("heading", { name: /^Notes and follow-ups · newest 50 of / })).toBeVisible();

  // Everyone as vCard, and that file picked again: all found, nothing new.
  await kith.goTo("Settings");
  await longTasks(page);
  t = Date.now();
  const { path: vcardPath } = await kith.download("Export people (vCard)", { timeout: 180_000 });
  const vcardMs = Date.now() - t;
  const vcardTasks = await longTasks(page);
  const vcardMb = readFileSync(vcardPath).length / 1048576;
  t = Date.now();
  await kith.contactsImport().setInputFiles(vcardPath);
  await expect(page.getByRole("region", { name: "Contacts import preview" })).toContainText(
    `${count(PEOPLE)} people — ${count(PEOPLE)} already here with nothing new.`, { timeout: 180_000 });
  const rematchMs = Date.now() - t;
  const rematchTasks = await longTasks(page);

  const wasm = wasmSizes(join(root, "dist"));
  const { bySource } = describeBackup(backup);
  // The faster of the chunked puts, with the engine's default durability or relaxed.
  const [bulkName, bulk] = Object.entries({ "default durability": floor.bulkDefault, relaxed: floor.bulkRelaxed })
    .filter(([, x]) => Number.isFinite(x)).sort(([, a], [, b]) => a - b)[0];
  const whole = (x) => (Number.isFinite(x) ? `${count(Math.round(x))} ms` : "–");
  const median = (xs) => {
    const known = xs.filter(Number.isFinite).sort((a, b) => a - b);
    return known.length ? known[Math.floor(known.length / 2)] : NaN;
  };
  print([
    `data: ${count(backup.contacts.length)} people (timer own ${count(bySource.own)}, organisation ${count(bySource.organisation)}, tag ${count(bySource.tag)}, none ${count(bySource.none)}), ` +
      `${count(backup.organisations.length)} organisations, ${count(backup.interactions.length)} interactions, ${count(backup.dates.length)} dates, ` +
      `${count(backup.tasks.length)} follow-ups; backup ${mb(text.length / 1048576)}; Chromium ${browser.version()}`,
    "",
    ...table(`Kith at ${count(PEOPLE)} people, imported through the app`, [
      { what: "import: file picked → preview (floor: JSON.parse of the file)", kith: checkMs, floor: floor.parse },
      { what: `import: "Yes, replace everything" → done notice (floor: people, then interactions, in puts of 100 a transaction, ${bulkName})`, kith: writeMs, floor: bulk,
        floorNote: `(default durability ${whole(floor.bulkDefault)}, relaxed ${whole(floor.bulkRelaxed)})` },
      { what: "export backup → download (floor: JSON.stringify + Blob)", kith: exportMs, floor: floor.stringifyBlob },
      { what: "cold start: / (Today) → first Overdue row (floor: getAll of the people)", kith: todayCold.overdueRow, floor: store.getAll },
      { what: "cold start: /people → first row (floor: getAll of the people)", kith: peopleCold.peopleRow, floor: store.getAll },
      { what: `Today: elements in the DOM / rows in Overdue (its count says ${Number.isFinite(todayShape.count) ? count(todayShape.count) : "nothing"})`,
        kith: `${count(todayShape.elements)} / ${count(todayShape.rows)}` },
      { what: "\"Checked in\" on Today → row gone, count updated (floor: one small put committed, p50, default durability)", kith: checked.ms, floor: floor.defaultPut50,
        floorNote: `(p95 ${floor.defaultPut95.toFixed(1)} ms; strict, as the app writes: p50 ${floor.strictPut50.toFixed(1)}, p95 ${floor.strictPut95.toFixed(1)} ms)` },
      { what: `search keystroke → rows painted, median of ${QUERIES.map((q) => `"${q}"`).join(", ")} (floor: filter over the lowercased names)`,
        kith: median(typed), floor: median(floor.filter),
        floorNote: `(Kith each: ${typed.map((x) => (Number.isFinite(x) ? x.toFixed(1) : "–")).join(", ")} ms; floor each: ${floor.filter.map((x) => x.toFixed(2)).join(", ")} ms)` },
      { what: "person page, link in the app → timeline shown (floor: their interactions by index)", kith: personInApp, floor: store.byIndex },
      { what: "person page, fresh load → timeline shown", kith: personCold.timeline, floor: store.byIndex },
      { what: `organisation page, link in the app → ${members} people shown (its history at ${count(Math.round(orgInApp.history))} ms)`, kith: orgInApp.members, floor: store.byIndex },
      { what: `organisation page, fresh load → people shown (its history at ${count(Math.round(orgCold.orgHistory))} ms)`, kith: orgCold.members, floor: store.byIndex },
      { what: "longest main-thread task: start-up of Today / of People", kith: `${tasks(todayTasks)} / ${tasks(peopleTasks)}`, floor: "target ≤ 50 ms" },
      { what: "longest main-thread task: import preview / import write", kith: `${tasks(checkTasks)} / ${tasks(writeTasks)}`, floor: "target ≤ 50 ms" },
      { what: `search everything: first query → ${count(noteFloor.notes)} notes indexed in the background, progress shown (floor: getAll of the interactions, notes lowercased)`,
        kith: indexed.ms, floor: noteFloor.read },
      { what: `search everything: query → note rows painted, words marked, median of ${NOTE_QUERIES.map((q) => `"${q}"`).join(", ")} (floor: substring filter over the lowercased notes)`,
        kith: median(noteTyped), floor: median(noteFloor.filter),
        floorNote: `(Kith each: ${noteTyped.map((x) => (Number.isFinite(x) ? x.toFixed(1) : "–")).join(", ")} ms; floor each: ${noteFloor.filter.map((x) => x.toFixed(1)).join(", ")} ms; target ≤ 30 ms)` },
      { what: "longest main-thread task: building the note index / searching notes", kith: `${tasks(indexTasks)} / ${tasks(noteTasks)}`, floor: "target ≤ 50 ms" },
      { what: "longest main-thread task: export / scrolling People", kith: `${tasks(exportTasks)} / ${tasks(scrollTasks)}`, floor: "target ≤ 50 ms" },
      { what: `export people as vCard (${mb(vcardMb)}) → download`, kith: vcardMs },
      { what: `that vCard picked again → preview, all ${count(PEOPLE)} matched (timed from the test runner)`, kith: rematchMs },
      { what: "longest main-thread task: vCard export / vCard import", kith: `${tasks(vcardTasks)} / ${tasks(rematchTasks)}`, floor: "target ≤ 50 ms" },
      { what: "JS heap after a garbage collection, at full data: People / Today", kith: `${mb(peopleMemory.js)} / ${mb(todayMemory.js)}`, floor: "target ≤ 60 MB" },
      { what: "wasm linear memory (high-water mark): People / Today", kith: `${mb(peopleMemory.wasm)} / ${mb(todayMemory.wasm)}`, floor: "–" },
      { what: `wasm (${wasm.file}, ${kb(wasm.raw)} raw), brotli quality 11`, kith: wasm.brotli, unit: kb, floor: "target ≤ 300 kB" },
    ]),
    "",
    `run time: ${Math.round((Date.now() - began) / 1000)} s; load average (1 min) at start ${loadBefore}, at end ${load()} on ${cpus().length} cores`,
  ]);
});
