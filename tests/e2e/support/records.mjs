// Records written straight into Kith's IndexedDB, for tests that need more
// history than a person could type (a long timeline, 10,000 people) or a
// stored value from the past. The builders make records in the shape
// src/storage/idb.rs writes them (schema in src/storage/schema.rs); when
// that shape changes, this is the one place to follow it. Open the app once
// first (`kith.open()`) so the database exists at the current version, and
// wait for `kith.saved()` so the app is not writing at the same time.

/** The database the app keeps everything in. */
export const DATABASE = "kith";

/** A person: `id`, `name`, and optionally an organisation id, one work
 * email, a check-in timer and the day of the last interaction. */
export function personRecord({ id, name, organisation, email, cadence, lastInteraction }) {
  return {
    id,
    name,
    ...(organisation === undefined ? {} : { organisation_id: organisation }),
    emails: email === undefined ? [] : [{ label: "work", value: email }],
    phones: [],
    notes: "",
    ...(cadence === undefined ? {} : { cadence }),
    ...(lastInteraction === undefined ? {} : { last_interaction: lastInteraction }),
    created: 1,
    updated: 1,
  };
}

/** An organisation. */
export function organisationRecord({ id, name }) {
  return { id, name, notes: "", created: 1, updated: 1 };
}

/** An interaction with one person (`who`, their id) on `date` (YYYY-MM-DD),
 * with the `timeline` keys the app stores beside it
 * (kith_core::model::timeline_key) so it shows in their history. */
export function interactionRecord({ id, who, date, notes = "", kind = "call" }) {
  return {
    id, contact_ids: [who], kind, date, time: null, notes,
    temperature: null, created: 1, updated: 1,
    timeline: [`${who}|${date}|--:--:--|${id}`],
  };
}

/** Puts `records` (`{ storeName: [record, …] }`) in one transaction; the
 * milliseconds the page took to write them. Records are plain JSON values
 * (so not photos, whose bytes are a Uint8Array). */
export function putRecords(page, records) {
  return inDatabase(page, { write: records });
}

/** Every record in `store`, as stored. */
export function readRecords(page, store) {
  return inDatabase(page, { read: store });
}

// One function runs in the page for both, so opening the database and
// waiting on its requests is written once. Records cross to the page as one
// JSON string: Playwright passes a string at once, but walks an object
// graph value by value (110,000 records: about 45 s more).
function inDatabase(page, { read, write }) {
  return page.evaluate(
    async ({ name, read, json }) => {
      const result = (r) => new Promise((ok, fail) => {
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const started = performance.now();
      const db = await result(indexedDB.open(name));
      try {
        if (read) return await result(db.transaction(read).objectStore(read).getAll());
        const write = JSON.parse(json);
        const tx = db.transaction(Object.keys(write), "readwrite");
        for (const [store, records] of Object.entries(write)) {
          for (const record of records) tx.objectStore(store).put(record);
        }
        await new Promise((ok, fail) => {
          tx.oncomplete = ok;
          tx.onerror = tx.onabort = () => fail(tx.error);
        });
        return performance.now() - started;
      } finally {
        db.close();
      }
    },
    { name: DATABASE, read, json: write === undefined ? undefined : JSON.stringify(write) },
  );
}
