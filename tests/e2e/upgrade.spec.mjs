// Faults between versions of Kith, in the real browser (issue 15): an
// older tab and a newer one sharing the database across a schema upgrade,
// a browser that refuses localStorage, and backups from every backup
// version Kith has written (and one from a newer Kith). Each test checks
// the stored records afterwards, one by one.
//
// How the "other version" is made: the built app is one version, so the
// other side of each upgrade is a second tab of the same origin that opens
// Kith's database from plain JavaScript, as a newer or an older build
// would: `indexedDB.open("kith", current + 1)` for a newer Kith, and the
// database at an older schema (v3, made as schema.rs's first three steps
// make it) for an older one. That older tab has no `versionchange`
// handler: every Kith build closes on `versionchange`, but a tab frozen in
// the background or busy in a long transaction holds the upgrade back in
// the same way, and the newer tab must say what to do while it waits.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DATABASE, Kith, interactionRecord, organisationRecord, personRecord, readRecords, root, upload } from "./kith.mjs";

// The service worker would answer the stand-in tabs' addresses with the
// app itself; none of these tests is about working offline.
test.use({ serviceWorkers: "block" });

const STORES = ["contacts", "organisations", "interactions", "dates", "tasks", "photos"];

/** A same-origin tab that is not the app: a stand-in for another Kith
 * build, which opens the database from plain JavaScript. */
async function otherTab(context, name) {
  const page = await context.newPage();
  await page.route(`**/${name}`, (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><title>${name}</title>` }));
  await page.goto(`/${name}`);
  return page;
}

/** Every record of every store the database has, by store, read without
 * asking for a version (so at whatever version it is). */
function everything(page) {
  return page.evaluate(async (name) => {
    const result = (r) => new Promise((ok, fail) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const db = await result(indexedDB.open(name));
    try {
      const out = { version: db.version };
      for (const store of db.objectStoreNames) {
        const rows = await result(db.transaction(store).objectStore(store).getAll());
        // Photos hold their bytes as a Uint8Array; compare them as numbers.
        out[store] = rows.map((r) => (r.bytes ? { ...r, bytes: Array.from(r.bytes) } : r));
      }
      return out;
    } finally {
      db.close();
    }
  }, DATABASE);
}

/** The schema version the app opened the database at. */
function storedVersion(page) {
  return page.evaluate(async (name) =>
    (await indexedDB.databases()).find((d) => d.name === name)?.version, DATABASE);
}

test.describe("an older and a newer Kith in two tabs", () => {
  test("the older tab lets go of the database when a newer Kith upgrades it, and says to reload", async ({ context, page }) => {
    const kith = new Kith(page);
    await kith.open();
    await kith.addPerson({ name: "Ana Lima", email: "ana@harbor.example", notes: "Met at the harbour." });
    await kith.logInteraction({ kind: "Call", date: "2026-10-01", notes: "Talked about the move" });
    await kith.saved();
    const before = await everything(page);
    const current = await storedVersion(page);
    expect(before.contacts.map((c) => c.name)).toEqual(["Ana Lima"]);
    expect(before.interactions.map((i) => i.notes)).toEqual(["Talked about the move"]);

    // An edit typed in the older tab and not saved yet.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await kith.field("Notes").fill("Typed before the update");

    // The newer Kith opens the database one version up and upgrades it.
    const newer = await otherTab(context, "newer-kith");
    const upgraded = await newer.evaluate(async ({ name, version }) => {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(name, version);
        r.onupgradeneeded = () => r.result.createObjectStore("newer_things", { keyPath: "id" });
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      // Held open, as the newer tab would.
      window.newerKith = db;
      return { version: db.version, stores: [...db.objectStoreNames].sort() };
    }, { name: DATABASE, version: current + 1 });
    // The upgrade went through (the older tab did not hold it back) ...
    expect(upgraded.version).toBe(current + 1);
    expect(upgraded.stores).toEqual([...STORES, "newer_things"].sort());

    // ... and the older tab says, in words, what to do; the unsaved edit
    // is still on its screen to copy.
    const told = page.getByRole("alert").filter({ hasText: "Kith was updated in another tab" });
    await expect(told).toContainText("Kith was updated in another tab: reload this tab to go on. "
      + "Anything typed here and not saved yet can't be saved now, so copy it first.");
    await expect(told.getByRole("button", { name: "Reload" })).toBeVisible();
    await expect(kith.field("Notes")).toHaveValue("Typed before the update");

    // Saving there cannot reach the database any more: it says so (and,
    // as it cannot read either, the page says to reload).
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").getByText("Couldn't save: Kith was updated in another tab; "
      + "reload this page to go on. Nothing was changed.")).toBeVisible();
    await expect(page.getByRole("main")).toContainText("Kith was updated in another tab; reload this page to go on.");

    // Nothing stored was lost or changed, record by record.
    const after = await everything(newer);
    expect(after.version).toBe(current + 1);
    for (const store of STORES) expect(after[store], store).toEqual(before[store]);
    expect(after.newer_things).toEqual([]);

    // Reloaded, this (older) build cannot open the newer database: it says
    // why in words instead of a blank page, and changes nothing.
    await page.reload();
    const refused = page.getByRole("alert");
    await expect(refused).toContainText("made by a newer version of Kith; reload to get the new version");
    await expect(refused).toContainText("Your data has not been changed.");
    const untouched = await everything(newer);
    for (const store of STORES) expect(untouched[store], store).toEqual(before[store]);
  });

  test("a newer Kith waits for an older tab to let go, saying to close it, then upgrades without losing a record", async ({ context, page }) => {
    // The older Kith: the database at schema v3, with a person, their
    // organisation, an interaction and a birthday, held open.
    const older = await otherTab(context, "older-kith");
    const records = {
      organisations: [organisationRecord({ id: "org-harbor", name: "Harbor Logistics" })],
      contacts: [personRecord({ id: "p-ana", name: "Ana Lima", organisation: "org-harbor", email: "ana@harbor.example" })],
      interactions: [interactionRecord({ id: "i-call", who: "p-ana", date: "2026-10-01", notes: "Talked about the move" })],
      dates: [{
        id: "d-birthday", contact_id: "p-ana", family_member: null, kind: { type: "birthday" },
        month: 7, day: 9, year: 1988, lead_days: 7, created: 1, updated: 1, deleted: null,
      }],
    };
    await older.evaluate(async ({ name, json }) => {
      const records = JSON.parse(json);
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(name, 3);
        // src/storage/schema.rs, steps v1 to v3.
        r.onupgradeneeded = () => {
          const db = r.result;
          const contacts = db.createObjectStore("contacts", { keyPath: "id" });
          db.createObjectStore("organisations", { keyPath: "id" });
          const interactions = db.createObjectStore("interactions", { keyPath: "id" });
          interactions.createIndex("by_date", "date");
          interactions.createIndex("by_timeline", "timeline", { multiEntry: true });
          db.createObjectStore("dates", { keyPath: "id" }).createIndex("by_contact", "contact_id");
          contacts.createIndex("by_organisation", "organisation_id");
          db.createObjectStore("photos", { keyPath: "contact_id" });
        };
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const tx = db.transaction(Object.keys(records), "readwrite");
      for (const [store, rows] of Object.entries(records)) for (const row of rows) tx.objectStore(store).put(row);
      await new Promise((ok, fail) => {
        tx.oncomplete = ok;
        tx.onerror = tx.onabort = () => fail(tx.error);
      });
      // No versionchange handler: this tab does not let go.
      window.olderKith = db;
    }, { name: DATABASE, json: JSON.stringify(records) });

    // The newer Kith (the app) cannot upgrade yet: it says what to do.
    await page.goto("/people");
    const waiting = page.getByRole("alert");
    await expect(waiting.getByRole("heading", { level: 1, name: "Close your other Kith tabs" })).toBeVisible();
    await expect(waiting).toContainText("Close it (or reload it), and this tab will open by itself. Nothing is lost.");
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toHaveCount(0);

    // The older tab is closed: the app goes on by itself.
    await older.close();
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);
    const kith = new Kith(page);
    await expect(kith.rows()).toHaveCount(1);
    await kith.openPerson("Ana Lima");
    await expect(page.getByRole("list", { name: "Interactions" })).toContainText("Talked about the move");

    // Upgraded to this build's schema, every record as it was, and the
    // indexes the upgrade added built over them.
    const after = await everything(page);
    expect(after.version).toBe(4);
    for (const [store, rows] of Object.entries(records)) expect(after[store], store).toEqual(rows);
    expect(after.tasks).toEqual([]);
    const birthdays = await page.evaluate(async (name) => {
      const db = await new Promise((ok) => { indexedDB.open(name).onsuccess = (e) => ok(e.target.result); });
      const count = await new Promise((ok) => {
        db.transaction("dates").objectStore("dates").index("by_month_day").count([7, 9]).onsuccess = (e) => ok(e.target.result);
      });
      db.close();
      return count;
    }, DATABASE);
    expect(birthdays).toBe(1);

    // And it saves as usual.
    await kith.logInteraction({ kind: "Message", date: "2026-11-02", notes: "Sent the photos" });
    await kith.saved();
    const logged = await readRecords(page, "interactions");
    expect(logged.map((i) => i.notes).sort()).toEqual(["Sent the photos", "Talked about the move"]);
  });
});

const NOT_KEPT = "This browser won't let Kith keep its preferences here (private windows can do that): "
  + "your theme, check-in settings and backup reminder will be forgotten when you close this tab.";

// Two ways browsers refuse localStorage: reaching it throws (storage
// turned off; some private windows), or it is there but every write
// throws (Safari's old private mode).
const REFUSALS = {
  "reaching localStorage throws": () => {
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  },
  "every localStorage write throws": () => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  },
};

for (const [how, refuse] of Object.entries(REFUSALS)) {
  test(`without localStorage (${how}) Kith works, keeps records, and says which preferences go`, async ({ page }) => {
    const crashes = [];
    page.on("pageerror", (e) => crashes.push(e.message));
    page.on("console", (m) => { if (/panicked|unreachable/.test(m.text())) crashes.push(m.text()); });
    await page.addInitScript(refuse);
    const kith = new Kith(page);
    await kith.open();
    // Said once, in words, naming the preferences.
    await expect(page.getByRole("status").getByText(NOT_KEPT)).toBeVisible();

    await kith.addPerson({ name: "Bo Chen", email: "bo@chen.example" });
    await kith.logInteraction({ kind: "Meal", date: "2026-10-20", notes: "Dinner at the harbour" });
    await kith.saved();

    // A preference lasts for this visit.
    await kith.goTo("Settings");
    await expect(page.getByText(NOT_KEPT)).toBeVisible();
    await page.getByRole("radio", { name: "Dark" }).check();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await kith.goToPeople();
    await kith.goTo("Settings");
    await expect(page.getByRole("radio", { name: "Dark" })).toBeChecked();

    // Records are in IndexedDB and come back after a reload; the theme,
    // as said, does not.
    await kith.reload();
    await expect(page.getByRole("status").getByText(NOT_KEPT)).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
    await kith.goToPeople();
    await kith.openPerson("Bo Chen");
    await expect(page.getByRole("list", { name: "Interactions" })).toContainText("Dinner at the harbour");
    const people = await readRecords(page, "contacts");
    expect(people.map((c) => [c.name, c.emails.map((e) => e.value)])).toEqual([["Bo Chen", ["bo@chen.example"]]]);
    const logged = await readRecords(page, "interactions");
    expect(logged.map((i) => [i.notes, i.date, i.contact_ids])).toEqual([["Dinner at the harbour", "2026-10-20", [people[0].id]]]);
    expect(crashes).toEqual([]);
  });
}

test("with localStorage, the preferences notice is not shown", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.goTo("Settings");
  await expect(page.getByText(NOT_KEPT)).toHaveCount(0);
});

const FIXTURES = `${root}tests/fixtures/backups`;

/** Imports the backup fixture `file` on Settings and replaces everything
 * with it; the preview's words. */
async function importFixture(kith, file) {
  await kith.importBackup(file, readFileSync(`${FIXTURES}/${file}`));
  const preview = kith.page.getByRole("region", { name: "Import preview" });
  await expect(preview).toBeVisible();
  const words = await preview.textContent();
  await kith.replaceEverything();
  await expect(kith.page.getByRole("status").getByText("Replaced everything with the backup.")).toBeVisible();
  await kith.saved();
  return words;
}

const VERSIONS = [
  { file: "v1.json", people: ["Ana Lima", "Bo Chen"], photos: 0, settings: false },
  { file: "v2.json", people: ["Ana Lima", "Bo Chen"], photos: 1, settings: true },
  { file: "v3.json", people: ["Ana Lima", "Bo Chen", "Dee Okafor"], photos: 1, settings: true },
  { file: "v5.json", people: ["Ana Lima", "Bo Chen", "Dee Okafor"], photos: 1, settings: true },
  { file: "v6.json", people: ["Ana Lima", "Bo Chen", "Dee Okafor"], photos: 1, settings: true },
];

for (const { file, people, photos, settings } of VERSIONS) {
  test(`a backup from backup version ${file.slice(1, 2)} (${file}) is read as docs/backup-format.md says`, async ({ page }) => {
    const source = JSON.parse(readFileSync(`${FIXTURES}/${file}`, "utf8"));
    const kith = new Kith(page);
    await kith.open();
    const words = await importFixture(kith, file);
    expect(words).toContain(`This backup holds ${people.length} people`);

    // On screen: the live people (the deleted one is in the trash), the
    // details, family, organisation and history of one of them.
    await kith.goToPeople();
    await expect(kith.rows()).toHaveCount(people.length);
    for (const name of people) await expect(kith.rows().filter({ hasText: name })).toHaveCount(1);
    await kith.openPerson("Ana Lima");
    await expect(page.getByRole("region", { name: "Details learned" })).toContainText("Allergic to peanuts");
    await expect(page.getByRole("main")).toContainText("Harbor Logistics");
    await expect(page.getByRole("main")).toContainText("Leo");
    await expect(page.getByRole("list", { name: "Interactions" })).toContainText("Talked about her move to Bristol.");
    await expect(page.getByRole("list", { name: "Interactions" })).toContainText("Dinner at the harbour.");
    // Version 6 brought households: Ana and Bo live together.
    const household = page.getByRole("region", { name: "Household" });
    if (source.version >= 6) {
      await expect(household).toContainText("Lima household");
      await expect(household.getByRole("list", { name: "Who lives here" }).getByRole("link")).toHaveText(["Bo Chen"]);
      await expect(household).toContainText("12 Quay Street, Bristol");
      await expect(household.getByLabel("A check-in with one counts for everyone here")).toBeChecked();
    } else {
      await expect(household.getByRole("list", { name: "Who lives here" })).toHaveCount(0);
    }

    // In IndexedDB: every record of the file, tombstones included.
    const stored = await everything(page);
    for (const list of ["contacts", "organisations", "interactions", "dates", "tasks"]) {
      expect(stored[list].map((r) => r.id).sort(), list).toEqual(source[list].map((r) => r.id).sort());
    }
    const byId = (rows, id) => rows.find((r) => r.id === id);
    for (const person of source.contacts) {
      const kept = byId(stored.contacts, person.id);
      expect(kept.name).toBe(person.name);
      expect(kept.emails).toEqual(person.emails);
      expect(kept.phones).toEqual(person.phones);
      expect(kept.tags).toEqual(person.tags);
      expect(kept.deleted ?? null).toEqual(person.deleted ?? null);
      expect(kept.details.map((d) => d.text)).toEqual(person.details.map((d) => d.text));
      expect(kept.family.map((f) => f.name)).toEqual(person.family.map((f) => f.name));
      // Version 1 knew no other apps' ids; version 2 added them (empty).
      expect(kept.uids ?? []).toEqual(person.uids ?? []);
      // Before version 3 nobody had their own maximum interval.
      expect(kept.overdue_after_days ?? null).toEqual(person.overdue_after_days ?? null);
    }
    for (const date of source.dates) {
      const kept = byId(stored.dates, date.id);
      expect([kept.month, kept.day, kept.year, kept.kind]).toEqual([date.month, date.day, date.year, date.kind]);
    }
    for (const interaction of source.interactions) {
      const kept = byId(stored.interactions, interaction.id);
      expect([kept.date, kept.kind, kept.notes, kept.contact_ids]).toEqual(
        [interaction.date, interaction.kind, interaction.notes, interaction.contact_ids]);
    }
    expect(stored.tasks.map((t) => t.text)).toEqual(["Send Bo the recipe"]);
    expect(stored.photos.length).toBe(photos);
    if (photos) {
      const bytes = Buffer.from(source.photos[0].data, "base64");
      expect(stored.photos[0].contact_id).toBe(source.photos[0].contact_id);
      expect(Buffer.from(stored.photos[0].bytes).equals(bytes)).toBe(true);
    }

    // Preferences: a version 1 file has none (this browser's stay); later
    // ones bring theirs.
    await kith.goTo("Settings");
    await expect(page.getByLabel("Overdue after")).toHaveValue(settings ? "150" : "125");
  });
}

test("a backup from a newer Kith (v7-newer.json) is refused in words and changes nothing", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await importFixture(kith, "v3.json");
  // Opened again, Kith empties the trash of people deleted more than 30
  // days ago (Cy, here): wait for that before taking the "before".
  await page.goto("/settings");
  const cy = JSON.parse(readFileSync(`${FIXTURES}/v3.json`, "utf8")).contacts.find((c) => c.name === "Cy Dorr");
  await expect.poll(async () => (await readRecords(page, "contacts")).find((c) => c.id === cy.id).name).toBe("");
  await kith.saved();
  const before = await everything(page);

  await kith.backupImport().setInputFiles(upload("v7-newer.json", readFileSync(`${FIXTURES}/v7-newer.json`)));
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("“v7-newer.json” was not imported.");
  await expect(alert).toContainText("made by a newer Kith (backup version 7");
  await expect(alert).toContainText("Update Kith");
  await expect(alert).toContainText("Your data is unchanged.");
  await expect(page.getByRole("region", { name: "Import preview" })).toHaveCount(0);

  expect(await everything(page)).toEqual(before);
  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(3);
});
