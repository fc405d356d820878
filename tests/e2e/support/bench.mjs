// The scale benchmark's instruments: probes the page carries from its
// first script on (long tasks, the first time a thing shows, "until this
// is on screen"), plain-JavaScript floors measured in the same page on the
// same data, and the one table the benchmark prints.
//
// Times are `performance.now()` in the page, so a figure never includes
// the round trip to the test runner. "Shown" means: in the DOM and laid
// out (it has a box) at an animation frame, just before it is painted;
// checks run once a frame, never on every DOM change, so they do not
// slow the app down while it renders.
// Selectors name what a person sees (lists and sections by their labels)
// and allow for screens that window their rows (`[role=row]`) or say a
// section's size in words ("Overdue · 9,412").
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

/** Init script (`page.addInitScript(probes)`): sets up `window.__bench`
 * on every page load. `sessionStorage["bench-watch"]` names the checks to
 * time from navigation start (see `coldLoad`); each is looked at once a
 * frame, so the time is that of the first frame showing it. */
export function probes() {
  const bench = (window.__bench = { longTasks: [], seen: {} });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // No long-task timing in this engine: the figures say 0.
  }
  const shown = (el) => (el && el.getClientRects().length > 0 ? el : null);
  const section = (id) => document.getElementById(id)?.closest("section") ?? document.querySelector(`[aria-labelledby="${id}"]`);
  const rowsIn = (el) => {
    if (!el) return [];
    const rows = el.querySelectorAll("[role=row]");
    return [...(rows.length ? rows : el.querySelectorAll("li"))];
  };
  bench.overdue = () => section("home-overdue");
  bench.overdueRows = () => rowsIn(bench.overdue());
  bench.firstOverdueRow = () => {
    const s = bench.overdue();
    return s?.querySelector("[role=row]") ?? s?.querySelector("li");
  };
  /** The Overdue section's size as it says it (".count", or the last
   * number in its heading); NaN when it says none. */
  bench.overdueCount = () => {
    const s = bench.overdue();
    const label = s?.querySelector(".count") ?? document.getElementById("home-overdue");
    const numbers = (label?.textContent ?? "").match(/\d[\d,.\u00a0\u202f]*/g);
    return numbers ? Number(numbers[numbers.length - 1].replace(/\D/g, "")) : NaN;
  };
  bench.peopleRows = () => [...document.querySelectorAll('[aria-label="People"] a[href*="/people/"]')];
  bench.firstPeopleRow = () => document.querySelector('[aria-label="People"] a[href*="/people/"]');
  bench.checks = {
    peopleRow: () => shown(bench.firstPeopleRow()),
    overdueRow: () => shown(bench.firstOverdueRow()),
    timeline: () => shown(document.querySelector('[aria-label="Interactions"] li')),
    members: () => shown(document.querySelector('[aria-label="People at this organisation"] li')),
    orgHistory: () => shown(document.querySelector('[aria-label="Interactions with its people"] li')),
  };

  /** Resolves with the time of the first animation frame (never the
   * current one) at which `check()` holds: polled once a frame, so it
   * costs nothing while the page works and reads as "painted". */
  bench.until = (check, timeout = 180_000) => new Promise((ok, fail) => {
    const started = performance.now();
    const frame = (now) => {
      if (check()) ok(performance.now());
      else if (now - started > timeout) fail(new Error(`not shown within ${timeout} ms`));
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });

  // Wasm memory (linear, so its high-water mark), from Trunk's loader.
  addEventListener("TrunkApplicationStarted", (e) => (bench.wasmMemory = e.detail?.wasm?.memory));

  let wanted = [];
  try {
    wanted = (sessionStorage.getItem("bench-watch") ?? "").split(",").filter((k) => k in bench.checks);
  } catch {
    // about:blank and the like have no storage.
  }
  const pending = new Set(wanted);
  const watch = () => {
    for (const key of [...pending]) {
      if (!bench.checks[key]()) continue;
      pending.delete(key);
      bench.seen[key] = performance.now();
    }
    if (pending.size) requestAnimationFrame(watch);
  };
  if (pending.size) requestAnimationFrame(watch);
}

/** Loads `path` afresh with `keys` (names in `probes`' checks) timed from
 * navigation start: `{ key: ms }` once all have shown. */
export async function coldLoad(page, path, keys, { timeout = 180_000 } = {}) {
  await page.evaluate((k) => sessionStorage.setItem("bench-watch", k.join(",")), keys);
  await page.goto(path);
  const seen = await page.waitForFunction(
    (k) => k.every((key) => key in window.__bench.seen) && window.__bench.seen,
    keys, { timeout, polling: 100 },
  );
  const times = await seen.jsonValue();
  await page.evaluate(() => sessionStorage.removeItem("bench-watch"));
  return times;
}

/** The long main-thread tasks since the last call (or the page load):
 * `{ max, over50, count }`, durations in ms. */
export function longTasks(page) {
  return page.evaluate(() => {
    const all = window.__bench.longTasks.splice(0);
    return { max: Math.max(0, ...all), over50: all.filter((d) => d > 50).length, count: all.length };
  });
}

/** Memory in MB at this moment: `js`, the JS heap after a garbage
 * collection (Chromium's DevTools protocol; without it, NaN), and `wasm`,
 * the wasm linear memory (its high-water mark). */
export async function memory(page) {
  let js = NaN;
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    js = (await cdp.send("Runtime.getHeapUsage")).usedSize / 1048576;
    await cdp.detach();
  } catch {
    // Not Chromium: no figure.
  }
  const wasm = await page.evaluate(() => (window.__bench.wasmMemory?.buffer.byteLength ?? NaN) / 1048576);
  return { js, wasm };
}

/** Floors measured before the import, in the page, on the backup's own
 * text: parse, stringify + Blob, chunked puts into a scratch database
 * (same key paths and indexes as the app's) with the engine's default
 * durability and relaxed, a single small put, and a filter over the
 * people's names for each of `queries`. Milliseconds. */
export function dataFloors(page, text, { queries, chunk = 100 }) {
  return page.evaluate(async ({ text, queries, chunk }) => {
    const now = () => performance.now();
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
    const request = (r) => new Promise((ok, fail) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const committed = (tx) => new Promise((ok, fail) => {
      tx.oncomplete = ok;
      tx.onerror = tx.onabort = () => fail(tx.error);
    });
    const out = {};
    let t = now();
    const backup = JSON.parse(text);
    out.parse = now() - t;

    const stringify = [];
    for (let k = 0; k < 3; k++) {
      t = now();
      const blob = new Blob([JSON.stringify(backup)], { type: "application/json" });
      stringify.push(now() - t);
      out.bytes = blob.size;
    }
    out.stringifyBlob = median(stringify);

    // Names lowercased once, as a search memo holds folded keys; each
    // query filtered 20 times over and divided, since the clock ticks in
    // tenths of a millisecond.
    const names = backup.contacts.map((c) => c.name.toLowerCase());
    let hits = 0;
    out.filter = queries.map((q) => {
      t = now();
      for (let k = 0; k < 20; k++) hits += names.filter((n) => n.includes(q)).length;
      return (now() - t) / 20;
    });
    out.filterHits = hits / 20;

    const name = "kith-bench-floor";
    await request(indexedDB.deleteDatabase(name));
    const opening = indexedDB.open(name, 1);
    opening.onupgradeneeded = () => {
      const db = opening.result;
      db.createObjectStore("contacts", { keyPath: "id" }).createIndex("by_organisation", "organisation_id");
      const store = db.createObjectStore("interactions", { keyPath: "id" });
      store.createIndex("by_date", "date");
      store.createIndex("by_timeline", "timeline", { multiEntry: true });
    };
    const db = await request(opening);
    // As the app stores them: each interaction with its timeline keys.
    const interactions = backup.interactions.map((i) => ({
      ...i, timeline: i.contact_ids.map((c) => `${c}|${i.date}|${i.time ?? "--:--:--"}|${i.id}`),
    }));
    const writes = [["contacts", backup.contacts], ["interactions", interactions]];
    const clear = async () => {
      const tx = db.transaction(["contacts", "interactions"], "readwrite");
      tx.objectStore("contacts").clear();
      tx.objectStore("interactions").clear();
      await committed(tx);
    };
    const chunked = async (options) => {
      await clear();
      const started = now();
      for (const [store, records] of writes) {
        for (let k = 0; k < records.length; k += chunk) {
          const tx = db.transaction(store, "readwrite", options);
          const s = tx.objectStore(store);
          for (let r = k; r < Math.min(k + chunk, records.length); r++) s.put(records[r]);
          await committed(tx);
        }
      }
      return now() - started;
    };
    out.bulkDefault = await chunked(undefined);
    const relaxed = "durability" in IDBTransaction.prototype;
    out.bulkRelaxed = relaxed ? await chunked({ durability: "relaxed" }) : NaN;

    // One person edited and committed, 21 times: with the engine's default
    // durability, and with "strict" (what the app asks for its writes).
    for (const durability of ["default", "strict"]) {
      const single = [];
      for (let k = 0; k < 21; k++) {
        const record = { ...backup.contacts[k], notes: `edited ${k}`, updated: Date.now() };
        t = now();
        const tx = db.transaction("contacts", "readwrite", relaxed ? { durability } : undefined);
        tx.objectStore("contacts").put(record);
        await committed(tx);
        single.push(now() - t);
      }
      out[`${durability}Put50`] = pct(single, 0.5);
      out[`${durability}Put95`] = pct(single, 0.95);
    }
    db.close();
    await request(indexedDB.deleteDatabase(name));
    return out;
  }, { text, queries, chunk });
}

/** Floors read from the app's own database once the data is in: getAll of
 * every person (median of 3), and `person`'s interactions read through the
 * timeline index (median of 11). Milliseconds. */
export function storeFloors(page, { database, person }) {
  return page.evaluate(async ({ database, person }) => {
    const request = (r) => new Promise((ok, fail) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const db = await request(indexedDB.open(database));
    try {
      const all = [];
      let people = 0;
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        people = (await request(db.transaction("contacts").objectStore("contacts").getAll())).length;
        all.push(performance.now() - t);
      }
      const one = [];
      let history = 0;
      const range = IDBKeyRange.bound(`${person}|`, `${person}|\uffff`);
      for (let k = 0; k < 11; k++) {
        const t = performance.now();
        const index = db.transaction("interactions").objectStore("interactions").index("by_timeline");
        history = (await request(index.getAll(range))).length;
        one.push(performance.now() - t);
      }
      return { getAll: median(all), people, byIndex: median(one), history };
    } finally {
      db.close();
    }
  }, { database, person });
}

/** The built wasm's size, raw and brotli-compressed at the highest quality. */
export function wasmSizes(dist) {
  const file = readdirSync(dist).find((f) => f.endsWith("_bg.wasm"));
  const bytes = readFileSync(join(dist, file));
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { file, raw: bytes.length, brotli };
}

const ms = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en")} ms` : "–");

/** A benchmark table's lines: `rows` of `{ what, kith, floor, unit }`,
 * where `kith` and `floor` are numbers (ms unless `unit` formats them) or
 * text, and the ratio is kith / floor when both are numbers. */
export function table(title, rows) {
  const cell = (x, unit) => (typeof x === "number" ? (unit ?? ms)(x) : x ?? "–");
  const lines = [
    `### ${title}`,
    "| what | Kith | floor (same run) | ratio |",
    "|---|---|---|---|",
    ...rows.map(({ what, kith, floor, unit, floorNote }) => {
      const r = typeof kith === "number" && typeof floor === "number" && floor > 0 ? kith / floor : NaN;
      const ratio = Number.isFinite(r) ? `${r >= 10 ? Math.round(r).toLocaleString("en") : r.toFixed(1)}×` : "–";
      const f = floorNote ? `${cell(floor, unit)} ${floorNote}` : cell(floor, unit);
      return `| ${what} | ${cell(kith, unit)} | ${f} | ${ratio} |`;
    }),
  ];
  return lines;
}

/** Prints lines for the test log, each prefixed `[bench] `. */
export function print(lines) {
  console.log(`\n${lines.map((l) => `[bench] ${l}`).join("\n")}`);
}
