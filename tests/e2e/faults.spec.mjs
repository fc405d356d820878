// Faults a long-lived local app meets in a real browser (issue 15), each
// checked afterwards record by record, straight from IndexedDB:
// - the page closed in the middle of a large import ("Replace everything"
//   and "Merge") and of a single edit: the data is wholly the old or wholly
//   the new, never half;
// - the disk full (Chromium's DevTools protocol shrinks the origin's
//   quota): a save fails in words that say what to do, the form keeps what
//   was typed, nothing stored is lost;
// - a stored record that cannot be read: the app shows everything else and
//   names it (store and id); a backup leaves it out and says so.
// This file is longer than ~400 lines would suggest only because each
// fault's setup and its record-by-record check belong together.
import { test, expect } from "@playwright/test";
import { DATABASE, Kith, heavyBackup, interactionRecord, localToday, personRecord, putRecords, upload } from "./kith.mjs";

const STORES = ["contacts", "organisations", "interactions", "dates", "tasks", "photos"];

/** The record the disk-full test writes to learn whether the quota bites. */
const PROBE = { id: "zz-quota-probe", name: "Quota probe", notes: "", created: 1, updated: 1 };

/** Every store's records as stored, each as JSON text, in key order:
 * `{ contacts: [text, …], … }`. Read from a page of its own (the page
 * under test may be closed), which then closes. */
async function snapshot(context) {
  const page = await context.newPage();
  // A page of the same origin without the app (a script shown as text):
  // the app itself would write (its start-up purge) while we read.
  await page.goto("/pwa.js");
  const json = await page.evaluate(async ({ name, stores, probe }) => {
    const result = (r) => new Promise((ok, fail) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const db = await result(indexedDB.open(name));
    try {
      const tx = db.transaction(stores);
      const out = {};
      for (const store of stores) {
        const rows = await result(tx.objectStore(store).getAll());
        out[store] = rows.filter((row) => row.id !== probe)
          .map((row) => JSON.stringify(row, (_, v) => (v instanceof Uint8Array ? Array.from(v) : typeof v === "bigint" ? `${v}n` : v)));
      }
      return JSON.stringify(out);
    } finally {
      db.close();
    }
  }, { name: DATABASE, stores: STORES, probe: PROBE.id });
  await page.close();
  return JSON.parse(json);
}

/** How `actual` compares with `expected`, store by store: the records
 * equal, missing and extra or changed (by their text). */
function compare(actual, expected) {
  const out = { same: 0, missing: 0, other: 0 };
  for (const store of STORES) {
    const want = new Set(expected[store]);
    for (const row of actual[store]) (want.has(row) ? out.same++ : out.other++);
    out.missing += expected[store].filter((row) => !actual[store].includes(row)).length;
  }
  return out;
}

function total(snap) {
  return STORES.reduce((n, s) => n + snap[s].length, 0);
}

/** Which of `old` and `fresh` the stored data is, wholly: "old", "new",
 * or a failure naming how many records of each it holds. */
function wholly(actual, old, fresh) {
  const same = (a, b) => STORES.every((s) => a[s].length === b[s].length && a[s].every((row, k) => row === b[s][k]));
  if (same(actual, old)) return "old";
  if (same(actual, fresh)) return "new";
  const o = compare(actual, old);
  const n = compare(actual, fresh);
  return `half: ${total(actual)} records; like the old: ${o.same} equal, ${o.missing} missing; like the new: ${n.same} equal, ${n.missing} missing`;
}

/** The old data: 200 people (ids "old…", so a merge keeps them beside the
 * backup's), each with two interactions. */
function oldRecords() {
  const contacts = [];
  const interactions = [];
  for (let i = 0; i < 200; i++) {
    contacts.push(personRecord({ id: `old${i}`, name: `Old Friend ${i}`, email: `old${i}@example.test` }));
    for (const [k, date] of ["2024-02-01", "2024-05-09"].entries()) {
      interactions.push(interactionRecord({ id: `oi${i}-${k}`, who: `old${i}`, date, notes: `Old note ${i}/${k}` }));
    }
  }
  return { contacts, interactions };
}

/** A fresh browser context with the old data stored, the app open on
 * Settings. */
async function withOldData(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const kith = new Kith(page);
  await kith.open();
  await kith.saved();
  await putRecords(page, oldRecords());
  await kith.reload();
  return { context, page, kith };
}

// 2,000 people, 100 organisations, 20,000 interactions, their dates and
// follow-ups: about 22,000 records, several seconds of writing here.
const BACKUP = Buffer.from(JSON.stringify(heavyBackup({ today: localToday(), people: 2_000 })));

/** Picks the backup, waits for the preview and starts `how` ("replace" or
 * "merge"). */
async function startImport(kith, how) {
  await kith.importBackup("big.json", BACKUP);
  const preview = kith.page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText("This backup holds 2,000 people", { timeout: 60_000 });
  if (how === "merge") {
    await preview.getByRole("button", { name: "Merge into what is here" }).click();
  } else {
    await preview.getByRole("button", { name: "Replace everything" }).click();
    await preview.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
  }
}

/** What the progress says now: `{ stage, permille }`, or null. */
function progressNow(page) {
  return page.evaluate(() => {
    const bar = document.querySelector('progress[aria-label="Backup progress"]');
    if (!bar) return null;
    return { stage: bar.parentElement.textContent, permille: Number(bar.getAttribute("value") ?? -1) };
  });
}

/** Waits until the import is writing at least `share` (thousandths) of its
 * records, and returns what the progress said. Polls the screen: no sleep. */
async function whenWriting(page, share) {
  // Never for ever: a write that ends between two looks (the bar gone) is
  // closed after it; the outcome is then checked as any other.
  const until = Date.now() + 120_000;
  let seenBar = false;
  while (Date.now() < until) {
    const now = await progressNow(page);
    if (now) seenBar = true;
    if (now && now.stage.startsWith("Writing") && now.permille >= share) return now.stage;
    if (now && now.stage.startsWith("Finishing")) return now.stage;
    if (!now && seenBar) return "(after the write ended)";
  }
  return "(no progress seen in 2 minutes)";
}

/** Reopens the app in `context` and finds the last person of `expected`
 * by name: the screen shows what is stored. */
async function expectShown(context, expected) {
  const kith = new Kith(await context.newPage());
  await kith.open();
  const name = JSON.parse(expected.contacts.at(-1)).name;
  await kith.search().fill(name);
  const list = kith.page.getByRole("list", { name: "People" });
  await expect(list.getByText(name, { exact: true })).toBeVisible({ timeout: 30_000 });
  await kith.page.close();
}

for (const how of ["replace", "merge"]) {
  test(`the page closed in the middle of a large import (${how}) leaves wholly the old or wholly the new`, async ({ browser }) => {
    test.setTimeout(900_000);
    // The old data, and the new: the same import run to its end.
    const reference = await withOldData(browser);
    const old = await snapshot(reference.context);
    expect(old.contacts.length).toBe(200);
    expect(old.interactions.length).toBe(400);
    await startImport(reference.kith, how);
    const done = how === "merge" ? "Merged the backup." : "Replaced everything with the backup.";
    await expect(reference.page.getByRole("status").getByText(done)).toBeVisible({ timeout: 300_000 });
    await reference.kith.saved();
    const fresh = await snapshot(reference.context);
    expect(fresh.contacts.length).toBe(how === "merge" ? 2_200 : 2_000);
    expect(fresh.interactions.length).toBe(how === "merge" ? 20_400 : 20_000);
    await reference.context.close();

    // Closed at points through the write: before it starts, at a share of
    // the records written, and as it finishes.
    const points = [0, 50, 300, 600, 900, 1000];
    const seen = [];
    for (const share of points) {
      const { context, page } = await withOldData(browser);
      await startImport(new Kith(page), how);
      const said = share === 0 ? "(just after the click)" : await whenWriting(page, share);
      await page.close();
      // Reopened: the app starts, and the data is one or the other.
      const after = await snapshot(context);
      const outcome = wholly(after, old, fresh);
      seen.push(`${said} → ${outcome}`);
      console.log(`${how}: closed at ${said} → ${outcome}`);
      expect(outcome, `closed at ${said}`).toMatch(/^(old|new)$/);
      // A close while many records were still to be written leaves the old.
      // Near the end (90% of the records) the notice lags the write, which
      // may commit before the close lands: wholly new is right there too.
      if (/^Writing/.test(said) && share <= 600) expect(outcome, `closed at ${said}`).toBe("old");
      await expectShown(context, outcome === "old" ? old : fresh);
      await context.close();
    }
    console.log(`close during ${how}: ${seen.join("; ")}`);
    expect(seen.filter((s) => s.startsWith("Writing")).length).toBeGreaterThanOrEqual(3);
  });
}

test("the page closed or crashed in the middle of a single edit leaves wholly the old or wholly the new", async ({ browser }) => {
  test.setTimeout(600_000);
  // One edit that writes several records: an interaction, the follow-up
  // it sets, the detail it teaches about the person and their last
  // interaction. Its one transaction spans several turns of the event
  // loop (it first reads what it replaces, for undo). The tab is closed
  // (Playwright's page.close) or its renderer crashed (DevTools'
  // Page.crash, which does not wait for the page) at points after Save.
  const seen = [];
  const points = [["crash", 0], ["crash", 2], ["crash", 5], ["crash", 10], ["crash", 20], ["crash", 40], ["crash", 80], ["crash", 200], ["crash", 400],
    ["close", 0], ["close", 50], ["close", "saved"]];
  for (const [how, delay] of points) {
    const { context, page } = await withOldData(browser);
    const kith = new Kith(page);
    await kith.open("/people/old7");
    const old = await snapshot(context);
    // A slower machine (the CPU 10 times slower), so the write takes long
    // enough for the crashes to fall before, during and after it.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 10 });
    await page.getByRole("button", { name: "Log interaction" }).click();
    await page.getByLabel("Notes", { exact: true }).fill("Coffee by the harbour");
    await page.getByLabel("Details learned (one per line)").fill("Learning the cello");
    await page.getByLabel("Follow-up (optional)").fill("Send the concert dates");
    await page.getByLabel("Follow-up due").fill("2030-01-15");
    // Pressed from inside the page: no round trip between Save and the close.
    await page.evaluate(() => [...document.querySelectorAll("button")].find((b) => b.textContent === "Save interaction").click());
    if (delay === "saved") await kith.saved();
    else if (delay > 0) await new Promise((ok) => setTimeout(ok, delay)); // a close point, not a check
    if (how === "crash") {
      const crashed = page.waitForEvent("crash");
      cdp.send("Page.crash").catch(() => {});
      await crashed;
    }
    await page.close();
    const after = await snapshot(context);
    const outcome = editOutcome(after, old);
    seen.push(`${how} ${delay} ms → ${outcome}`);
    expect(outcome, `${how} ${delay} ms after Save`).toMatch(/^(old|new)$/);
    if (outcome === "new") {
      const again = new Kith(await context.newPage());
      await again.open("/people/old7");
      await expect(again.page.getByRole("list", { name: "Interactions" })).toContainText("Coffee by the harbour");
      await expect(again.page.getByRole("region", { name: "Details learned" })).toContainText("Learning the cello");
    }
    await context.close();
  }
  console.log(`close during an edit: ${seen.join("; ")}`);
  // Both outcomes were met: the closes fell on each side of the commit.
  expect(seen.some((s) => s.endsWith("old"))).toBe(true);
  expect(seen.some((s) => s.endsWith("new"))).toBe(true);
});

/** "old" when `after` is `old`; "new" when it is `old` plus the logged
 * interaction, its follow-up and the changed person and nothing else;
 * otherwise what is half there. */
function editOutcome(after, old) {
  if (wholly(after, old, old) === "old") return "old";
  const added = (store) => after[store].filter((row) => !old[store].includes(row));
  const lost = (store) => old[store].filter((row) => !after[store].includes(row));
  const interaction = added("interactions");
  const task = added("tasks");
  const person = added("contacts");
  const parts = {
    interaction: interaction.length === 1 && interaction[0].includes("Coffee by the harbour"),
    followUp: task.length === 1 && task[0].includes("Send the concert dates"),
    detail: person.length === 1 && person[0].includes("Learning the cello") && JSON.parse(person[0]).id === "old7",
    untouched: lost("interactions").length === 0 && lost("tasks").length === 0 && lost("contacts").length <= 1
      && STORES.every((s) => ["interactions", "tasks", "contacts"].includes(s) || wholly({ ...old, [s]: after[s] }, old, old) === "old"),
  };
  if (Object.values(parts).every(Boolean)) return "new";
  return `half: ${JSON.stringify(parts)}`;
}

/** Shrinks (or, without `bytes`, gives back) the storage this origin may
 * use, through Chromium's DevTools protocol, and waits until Kith's
 * database feels it: Chromium keeps what it last learned of the space left
 * for about 30 seconds. The probe writes the same record over and over
 * (deleting it between probes kept Chromium from noticing) and deletes it
 * once the space is given back; [`snapshot`] leaves it out. */
const sessions = new WeakMap();

async function quota(page, bytes) {
  // The override lasts as long as its DevTools session: one, kept.
  sessions.set(page, sessions.get(page) ?? await page.context().newCDPSession(page));
  const origin = new URL(page.url()).origin;
  await sessions.get(page).send("Storage.overrideQuotaForOrigin", bytes === undefined ? { origin } : { origin, quotaSize: bytes });
  const want = bytes === undefined ? "stored" : "QuotaExceededError";
  await expect.poll(() => page.evaluate(async ({ name, probe, shrunk }) => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const write = (change) => {
      const tx = db.transaction("organisations", "readwrite");
      change(tx.objectStore("organisations"));
      return new Promise((ok) => {
        tx.oncomplete = () => ok("stored");
        tx.onabort = () => ok(tx.error?.name ?? "aborted");
      });
    };
    const outcome = await write((s) => s.put(probe));
    if (outcome === "stored" && !shrunk) await write((s) => s.delete(probe.id));
    db.close();
    return outcome;
  }, { name: DATABASE, probe: PROBE, shrunk: bytes !== undefined }), { timeout: 90_000, intervals: [5_000] }).toBe(want);
}

test("the disk full: a save fails in words that say what to do, the form keeps what was typed, nothing stored is lost", async ({ page, context }) => {
  test.setTimeout(400_000);
  const kith = new Kith(page);
  await kith.open();
  await putRecords(page, oldRecords());
  await kith.reload();
  await kith.addPerson({ name: "Ana Cruz", email: "ana@example.test", notes: "Met at the book fair" });
  await kith.saved();
  const before = await snapshot(context);
  const full = "the browser ran out of storage space for Kith. Nothing was changed.";
  const what = "Free some space on this device";
  const backupToo = "Exporting a backup from Settings keeps a copy of everything saved so far.";

  // A person edit.
  await quota(page, 1);
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await kith.field("Name").fill("Ana Cruz-Lind");
  await kith.field("Notes").fill("Met at the book fair; now runs the harbour café");
  await page.getByRole("button", { name: "Save changes" }).click();
  const notice = page.getByRole("status").filter({ hasText: "Couldn't save" });
  await expect(notice).toContainText(`Couldn't save: ${full}`);
  await expect(notice).toContainText(what);
  await expect(notice).toContainText(backupToo);
  await expect(page.getByRole("heading", { level: 1, name: "Edit person" })).toBeVisible();
  await expect(kith.field("Name")).toHaveValue("Ana Cruz-Lind");
  await expect(kith.field("Notes")).toHaveValue("Met at the book fair; now runs the harbour café");
  await kith.saved();
  expect(wholly(await snapshot(context), before, before)).toBe("old");
  // Space again: the same form saves what was typed.
  await quota(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ana Cruz-Lind" })).toBeVisible();
  await kith.saved();
  const edited = await snapshot(context);
  const ana = edited.contacts.map((row) => JSON.parse(row)).find((c) => c.name === "Ana Cruz-Lind");
  expect(ana.notes).toBe("Met at the book fair; now runs the harbour café");
  expect(compare(edited, before)).toEqual({ same: total(before) - 1, missing: 1, other: 1 });

  // An import, both ways.
  const backup = Buffer.from(JSON.stringify(heavyBackup({ today: localToday(), people: 100 })));
  await quota(page, 1);
  for (const how of ["replace", "merge"]) {
    await kith.importBackup("hundred.json", backup);
    const preview = page.getByRole("region", { name: "Import preview" });
    if (how === "merge") {
      await preview.getByRole("button", { name: "Merge into what is here" }).click();
    } else {
      await preview.getByRole("button", { name: "Replace everything" }).click();
      await preview.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
    }
    const alert = page.getByRole("alert");
    await expect(alert).toContainText(`Couldn't import: ${full}`, { timeout: 60_000 });
    await expect(alert).toContainText(what);
    await expect(alert).toContainText(backupToo);
    await kith.saved();
    expect(wholly(await snapshot(context), edited, edited), how).toBe("old");
  }
  await quota(page);
  await kith.goToPeople();
  await kith.search().fill("Ana Cruz-Lind");
  await expect(kith.rows()).toHaveText([/Ana Cruz-Lind/]);
});

/** Writes the records `make(stored)` returns (`{ store: [[id, record],
 * …] }`, built in the page, so they can hold what JSON cannot; `stored`
 * holds the stored dates and tasks) straight into Kith's database, from a
 * page without the app; the put errors, by id. */
async function putOdd(context, make) {
  const page = await context.newPage();
  await page.goto("/pwa.js");
  const refused = await page.evaluate(async ({ name, make }) => {
    const records = new Function("stored", `return (${make})(stored)`);
    const result = (r) => new Promise((ok, fail) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const db = await result(indexedDB.open(name));
    const read = db.transaction(["dates", "tasks"]);
    const stored = { dates: await result(read.objectStore("dates").getAll()), tasks: await result(read.objectStore("tasks").getAll()) };
    const refused = {};
    for (const [store, rows] of Object.entries(records(stored))) {
      for (const [id, row] of rows) {
        const tx = db.transaction(store, "readwrite");
        try {
          tx.objectStore(store).put(row);
        } catch (e) {
          refused[id] = e.name;
          continue;
        }
        await new Promise((ok, fail) => {
          tx.oncomplete = ok;
          tx.onabort = () => fail(tx.error);
        });
      }
    }
    db.close();
    return refused;
  }, { name: DATABASE, make: make.toString() });
  await page.close();
  return refused;
}

test("a stored record that cannot be read: the app shows everything else and names it; a backup leaves it out and says so", async ({ page, context }) => {
  test.setTimeout(180_000);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const kith = new Kith(page);
  await kith.open();
  const backup = heavyBackup({ today: localToday(), people: 30 });
  await kith.importBackup("thirty.json", Buffer.from(JSON.stringify(backup)));
  await kith.replaceEverything();
  await expect(page.getByRole("status").getByText("Replaced everything with the backup.")).toBeVisible();
  await kith.saved();
  const good = await snapshot(context);

  // Wrong shapes, written by hand.
  const refused = await putOdd(context, (stored) => {
    const person = (id, more) => ({ id, emails: [], phones: [], notes: "", created: 1, updated: 1, ...more });
    const date = stored.dates[0];
    const task = stored.tasks.find((t) => t.open_due);
    return {
      contacts: [
        ["p-text", "just a text"],
        ["p-list", Object.assign(["just a text"], { id: "p-list" })],
        ["p-noname", person("p-noname", {})],
        ["p-big", person("p-big", { name: "Big Number", created: 10n })],
      ],
      interactions: [
        ["i-baddate", { id: "i-baddate", contact_ids: ["p1"], kind: "call", date: "2024-13-45", time: null, notes: "A day that never was",
          temperature: null, created: 1, updated: 1, timeline: ["p1|2024-13-45|--:--:--|i-baddate"] }],
        ["i-notes", { id: "i-notes", contact_ids: ["p1"], kind: "call", date: "2024-06-01", time: null, notes: { text: "not text" },
          temperature: null, created: 1, updated: 1, timeline: ["p1|2024-06-01|--:--:--|i-notes"] }],
      ],
      dates: [["d-bad", { ...date, id: "d-bad", contact_id: "p1", month: "June" }]],
      tasks: [["t-bad", { ...task, id: "t-bad", due: "soon" }]],
    };
  });
  // A record that is a bare text cannot even be stored: the store keys
  // records by their "id".
  expect(refused).toEqual({ "p-text": "DataError" });

  const unreadable = () => page.getByRole("alert").filter({ hasText: "Kith couldn't read" });
  const names = (...items) => Promise.all(items.map((item) => expect(unreadable()).toContainText(item)));

  // People: everyone else, and the three people it could not read, named.
  await kith.reload();
  await kith.goToPeople();
  await expect(page.getByText("30 people", { exact: true })).toBeVisible();
  await expect(kith.rows().first()).toBeVisible();
  await names("Kith couldn't read 3 stored records", "the person “p-list”", "the person “p-noname” (its “name” is missing)",
    "the person “p-big” (it holds values that are not text, numbers or lists)", "Everything else is here.");

  // A person's page: their history without the two interactions, their
  // dates without the broken one.
  const p1 = backup.contacts[1];
  await kith.open("/people/p1");
  await expect(page.getByRole("heading", { level: 1, name: p1.name })).toBeVisible();
  const history = page.getByRole("list", { name: "Interactions" });
  const newest = backup.interactions.filter((i) => i.contact_ids.includes("p1")).sort((a, b) => b.date.localeCompare(a.date))[0];
  await expect(history).toContainText(newest.notes.slice(0, 40));
  await expect(history).not.toContainText("A day that never was");
  await names("the interaction “i-baddate” (a date in it is not a real day or time)",
    "the interaction “i-notes” (one of its values is of the wrong kind)", "the important date “d-bad”");

  // Today: the follow-ups it can read, and the one it cannot, named.
  await kith.goToToday();
  await expect(page.getByText("Send the revised proposal").first()).toBeVisible();
  await names("the follow-up “t-bad”");

  // Export: the backup holds every record it could read and leaves out,
  // by name, those it could not; it restores.
  const file = JSON.parse((await kith.exportBackup()).toString());
  await names("Kith couldn't read 7 stored records", "leaves them out of what it shows and of backups");
  const ids = (list) => list.map((r) => r.id).sort();
  const goodIds = (store) => good[store].map((row) => JSON.parse(row).id).sort();
  expect(ids(file.contacts)).toEqual(goodIds("contacts"));
  expect(ids(file.interactions)).toEqual(goodIds("interactions"));
  expect(ids(file.dates)).toEqual(goodIds("dates"));
  expect(ids(file.tasks)).toEqual(goodIds("tasks"));
  expect(ids(file.organisations)).toEqual(goodIds("organisations"));
  // Nothing stored was changed by reading it: the odd records are still
  // there, as written, for a person (or a later Kith) to look at.
  const now = await snapshot(context);
  for (const store of STORES) expect(now[store].filter((row) => !good[store].includes(row)).length, store).toBe(store === "contacts" ? 3 : store === "interactions" ? 2 : store === "dates" || store === "tasks" ? 1 : 0);
  expect(compare(now, good).missing).toBe(0);

  // The file restores (in a browser of its own).
  const other = await context.browser().newContext();
  const restored = new Kith(await other.newPage());
  await restored.open();
  await restored.importBackup("saved.json", Buffer.from(JSON.stringify(file)));
  await expect(restored.page.getByRole("region", { name: "Import preview" })).toContainText("This backup holds 30 people");
  await other.close();
  expect(errors).toEqual([]);
});
