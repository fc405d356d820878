#!/usr/bin/env node
//! The cross-engine end-to-end suite: Kith's core journeys over W3C
//! WebDriver in Chromium, Firefox ESR and WebKitGTK, against the built app
//! in dist/ served from loopback. Run from the repository root:
//!
//!   (cd tests/webdriver && npm ci)               # once: selenium-webdriver
//!   node tests/webdriver/run.mjs                 # all three engines, in turn
//!   node tests/webdriver/run.mjs --engine firefox          # one engine
//!   node tests/webdriver/run.mjs --engine webkit --journey vCard   # a journey by part of its name
//!   node tests/webdriver/run.mjs --dist /path/to/dist      # another build (default: dist/)
//!
//! WebKitGTK needs an X display: with no DISPLAY the runner starts its own
//! Xvfb (Debian's xvfb) for the run. Each journey runs in a
//! fresh browser (an empty profile); a failure prints "[engine] journey: why"
//! and the exit code is 1. Skips are printed with their reason, never counted
//! as passes. Its own tiny runner (not `node --test`) so a failure names the
//! engine and the journey on one line, and engines run strictly one after
//! another (the machine has 2 cores).
//!
//! selenium-webdriver is pinned at 4.46.0: the last release that runs on
//! the Node.js 20 here (4.47 and later require Node 22).

import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ENGINES, open } from "./support/engines.mjs";
import { startXvfb } from "./support/display.mjs";
import { Server, root } from "./support/server.mjs";
import { Kith } from "./support/kith.mjs";
import { journeys } from "./journeys/index.mjs";

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const engines = (option("engine") ?? Object.keys(ENGINES).join(",")).split(",").map((e) => e.trim()).filter(Boolean);
for (const e of engines) {
  if (!ENGINES[e]) {
    console.error(`Unknown engine "${e}". Known: ${Object.keys(ENGINES).join(", ")}.`);
    process.exit(2);
  }
}
const only = option("journey");
const dist = resolve(option("dist") ?? join(root, "dist"));
if (!existsSync(join(dist, "index.html"))) {
  console.error(`No build in ${dist}: build the app first (trunk build --release), or pass --dist.`);
  process.exit(2);
}

/** Thrown by `t.skip(reason)`. */
class Skip extends Error {}

/** Whatever a journey needs: its engine, the server, a first browser, more
 * browsers (each a fresh, empty profile) and a way to skip with a reason. */
function context(engine, server, sessions, seen) {
  return {
    engine,
    server,
    /** A new browser of this engine, with an empty profile, on the app. */
    async browser() {
      if (interrupted) throw new Error("interrupted");
      const driver = await open(engine);
      sessions.push(driver);
      live.add(driver);
      if (interrupted) await driver.quit();
      if (!seen.version) {
        const caps = await driver.getCapabilities();
        seen.version = `${caps.getBrowserName()} ${caps.getBrowserVersion()}`;
        console.log(`  (${seen.version})`);
      }
      return new Kith(driver, server.url);
    },
    skip(reason) {
      throw new Skip(reason);
    },
  };
}

/** Says where the page was when a journey failed: the address, the heading
 * and any alert, which is usually enough to see what happened. */
async function whereWasI(driver) {
  try {
    return await driver.executeScript(() => {
      const h1 = document.querySelector("h1")?.textContent?.trim();
      const alerts = Array.from(document.querySelectorAll("[role=alert]")).map((a) => a.textContent.trim()).filter(Boolean);
      return `at ${location.pathname}${h1 ? `, heading "${h1}"` : ""}${alerts.length ? `, alert "${alerts.join(" | ")}"` : ""}`;
    });
  } catch (e) {
    return `(page unreadable: ${String(e.message).split("\n")[0]})`;
  }
}

/** What the browser's console said, where the driver can tell (chromedriver). */
async function consoleOf(driver) {
  try {
    const entries = await driver.manage().logs().get("browser");
    return entries.filter((e) => e.level.value >= 900).map((e) => e.message).slice(-5);
  } catch {
    return [];
  }
}

const JOURNEY_TIMEOUT = 180_000;

async function runEngine(engine, server) {
  const results = { engine, passed: 0, failed: 0, skipped: 0, failures: [], seconds: 0 };
  const seen = {};
  const started = Date.now();
  console.log(`\n${engine}`);
  for (const journey of journeys) {
    if (interrupted) break;
    if (only && !journey.name.toLowerCase().includes(only.toLowerCase())) continue;
    const sessions = [];
    const t0 = Date.now();
    let timer;
    try {
      const t = context(engine, server, sessions, seen);
      const timeout = new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error(`the journey took over ${JOURNEY_TIMEOUT / 1000} s`)), JOURNEY_TIMEOUT);
      });
      await Promise.race([journey.run(t), timeout]);
      results.passed++;
      console.log(`  ✓ [${engine}] ${journey.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      if (e instanceof Skip) {
        results.skipped++;
        console.log(`  - [${engine}] ${journey.name}: SKIPPED: ${e.message}`);
      } else {
        results.failed++;
        const where = sessions.length ? await whereWasI(sessions.at(-1)) : "(no browser opened)";
        const logs = sessions.length ? await consoleOf(sessions.at(-1)) : [];
        const line = `[${engine}] ${journey.name}: ${String(e.message ?? e).split("\n")[0]} — ${where}`;
        results.failures.push(line);
        console.log(`  ✗ ${line}`);
        for (const l of logs) console.log(`      console: ${l}`);
        if (process.env.KITH_WD_STACK) console.log(e.stack);
      }
    } finally {
      clearTimeout(timer);
      await server.start().catch(() => {}); // a journey that stopped it
      for (const driver of sessions) {
        await driver.quit().catch(() => {});
        live.delete(driver);
      }
    }
  }
  results.seconds = (Date.now() - started) / 1000;
  return results;
}

const server = new Server(dist);
// Interrupted (Ctrl-C, a CI timeout): close the browsers and the server
// this run started, so no driver or browser outlives it.
const live = new Set();
let xvfb = null;
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    interrupted = true;
    await server.close();
    await Promise.allSettled([...live].map((d) => d.quit()));
    await xvfb?.stop();
    process.exit(130);
  });
}
// WebKitGTK's MiniBrowser is a GTK window: give it a virtual display.
if (engines.includes("webkit") && !process.env.DISPLAY) {
  xvfb = await startXvfb();
  process.env.DISPLAY = xvfb.display;
}
await server.start();
console.log(`Serving ${dist} at ${server.url}`);
const summary = [];
try {
  for (const engine of engines) summary.push(await runEngine(engine, server));
} finally {
  await server.close();
  await xvfb?.stop();
}

console.log("\nSummary");
for (const r of summary) {
  console.log(`  ${r.engine}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped in ${r.seconds.toFixed(1)} s`);
}
const failures = summary.flatMap((r) => r.failures);
if (failures.length) {
  console.log("\nFailed:");
  for (const f of failures) console.log(`  ${f}`);
}
process.exit(failures.length ? 1 : 0);
