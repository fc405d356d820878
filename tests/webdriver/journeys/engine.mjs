//! Journeys for what was seen in one engine (issue 14), run in every engine
//! where the check means something:
//! - notices never cover a control, at a 714 px tall window (where Firefox
//!   showed "Encrypted backup saved…" over the import preview's buttons) and
//!   at the size of that window zoomed to 200% (640 × 357 CSS px);
//! - where `navigator.storage` is missing (WebKitGTK), Settings says so and
//!   what protects the data, with no button that does nothing;
//! - Safari's engine, not installed: told once how to keep the data
//!   (Safari clears a site's storage after 7 days without a visit), and
//!   Settings keeps saying it; other engines are not told;
//! - the console stays free of errors on every screen (WebKit logged
//!   "Unrecognized Content-Security-Policy directive 'manifest-src'").

import { spawn } from "node:child_process";
import { click, fill, hasText, label, one, q } from "../support/find.mjs";

function expect(what, ok) {
  if (!ok) throw new Error(what);
}

// Runs in the page: the controls a notice covers. A control counts when
// part of it that is on screen (inside the scrolling main area, unless it
// floats) is under a notice: the topmost element there is the notice.
function coveredByNotice() {
  const notices = Array.from(document.querySelectorAll(".notice, .update"));
  if (!notices.length) return null;
  const main = document.querySelector("main");
  const floats = (el) => {
    for (let e = el; e && e !== main; e = e.parentElement) if (getComputedStyle(e).position === "fixed") return true;
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll("button, a[href], input, select, textarea, [role=button]")) {
    if (notices.some((n) => n.contains(el))) continue;
    let r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    if (main?.contains(el) && !floats(el)) {
      const m = main.getBoundingClientRect();
      r = { left: Math.max(r.left, m.left), right: Math.min(r.right, m.right), top: Math.max(r.top, m.top), bottom: Math.min(r.bottom, m.bottom) };
    }
    for (const notice of notices) {
      const n = notice.getBoundingClientRect();
      const x0 = Math.max(r.left, n.left), x1 = Math.min(r.right, n.right);
      const y0 = Math.max(r.top, n.top), y1 = Math.min(r.bottom, n.bottom);
      if (x0 >= x1 || y0 >= y1) continue;
      const top = document.elementFromPoint((x0 + x1) / 2, (y0 + y1) / 2);
      if (top && notice.contains(top)) out.push(el.getAttribute("aria-label") || el.textContent.trim() || el.name || el.localName);
    }
  }
  return out;
}

// Runs in the page: each named button brought into view as a person
// scrolls to it, then whether a click at its centre reaches it.
function reachable(names) {
  return names.map((name) => {
    const button = Array.from(document.querySelectorAll("button")).find((b) => b.textContent.trim() === name);
    if (!button) return `${name}: not there`;
    button.scrollIntoView({ block: "nearest" });
    const r = button.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return button.contains(top) ? null : `${name}: under ${top?.className || top?.localName}`;
  }).filter(Boolean);
}

/** The window's inner size in CSS px, after asking for `width` × `height`
 * (outer): engines differ in how much chrome they add. */
async function sized(driver, width, height) {
  await driver.manage().window().setRect({ width, height });
  return driver.executeScript(() => [innerWidth, innerHeight]);
}

/** Console lines MiniBrowser prints for `url` while it loads and runs for
 * a few seconds. WebKitWebDriver does not pass the page's console on, so
 * MiniBrowser is run alone with its console written to stdout. */
function webkitConsole(url, seconds) {
  return new Promise((done, fail) => {
    const browser = spawn(process.env.KITH_MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
      ["--enable-write-console-messages-to-stdout=true", url], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    browser.stdout.on("data", (d) => (out += d));
    browser.stderr.on("data", (d) => (out += d));
    browser.on("error", fail);
    const timer = setTimeout(() => browser.kill("SIGTERM"), seconds * 1000);
    browser.on("exit", () => {
      clearTimeout(timer);
      done(out.split("\n").filter((l) => l.startsWith("CONSOLE ")));
    });
  });
}

export default [
  {
    name: "notices never cover controls (714 px tall, and the same zoomed to 200%)",
    async run(t) {
      const a = await t.browser();
      await a.openEmpty();
      await a.addPerson({ name: "Ana Cruz", email: "ana@acme.test" });
      await a.goto("/settings");
      for (const [width, height] of [[1280, 714], [640, 357]]) {
        const inner = await sized(a.driver, width, height);
        // The notice "Encrypted backup saved…", then the import preview of
        // that very file, in the same page, while the notice still shows.
        await a.catchDownloads();
        const protect = q("checkbox", "Protect the file with a passphrase");
        if (!(await (await one(a.driver, protect)).isSelected())) await click(a.driver, protect);
        await fill(a.driver, label("Passphrase"), "correct horse battery");
        await fill(a.driver, label("Passphrase again"), "correct horse battery");
        const file = await a.download("Export backup");
        await hasText(a.driver, q("status"), "Encrypted backup saved");
        await a.pick("Import a backup file", "mine.json", file.text);
        const locked = q("region", "Encrypted backup");
        await fill(a.driver, label("Passphrase for this file").in(locked), "correct horse battery");
        await click(a.driver, q("button", "Unlock").in(locked));
        await one(a.driver, q("region", "Import preview"));
        const noticeShows = await a.driver.executeScript(() => !!document.querySelector(".notice"));
        expect(`at ${inner.join(" × ")}: the notice was gone before the preview showed`, noticeShows);
        const covered = await a.driver.executeScript(coveredByNotice);
        expect(`at ${inner.join(" × ")} CSS px, a notice covers: ${covered?.join(", ")}`, covered && covered.length === 0);
        const blocked = await a.driver.executeScript(reachable, ["Merge into what is here", "Replace everything", "Cancel"]);
        expect(`at ${inner.join(" × ")} CSS px: ${blocked.join("; ")}`, blocked.length === 0);
        await click(a.driver, q("button", "Cancel").in(q("region", "Import preview")));
        await a.driver.executeScript(() => document.querySelector(".notice__close")?.click());
      }
    },
  },
  {
    name: "Settings says plainly what keeps the data in this browser",
    async run(t) {
      const a = await t.browser();
      await a.openEmpty();
      const browser = await a.driver.executeScript(() => ({
        canAsk: typeof navigator.storage?.persist === "function",
        safari: /AppleWebKit\//.test(navigator.userAgent) && !/Chrome\/|Chromium\/|Firefox\//.test(navigator.userAgent),
      }));
      // Safari's engine: told once, on the first visit, how to keep the data.
      const sevenDays = "Safari deletes Kith's data after 7 days without a visit.";
      if (browser.safari) {
        await hasText(a.driver, q("status"), sevenDays);
        await hasText(a.driver, q("status"), "add Kith to your home screen");
      }
      await a.goto("/settings");
      const keeping = q("region", "Keeping your data");
      if (browser.canAsk) {
        await one(a.driver, q("button", /^(Ask the browser to keep it|Ask again)$/).in(keeping));
      } else {
        await hasText(a.driver, keeping, "This browser cannot be asked to keep Kith's data");
        await hasText(a.driver, keeping, "add Kith to your home screen");
        const button = await a.driver.executeScript(() =>
          Array.from(document.querySelectorAll("#keeping button")).map((b) => b.textContent.trim()));
        expect(`Settings offers "${button.join(", ")}" where the browser cannot be asked`, button.length === 0);
      }
      const says = await a.driver.executeScript(() => document.getElementById("keeping").textContent);
      expect(`Settings ${browser.safari ? "does not say" : "says"} Safari's 7-day rule in ${t.engine}`, says.includes(sevenDays) === browser.safari);
      // Once: not again after a reload, nor anywhere in another engine.
      await a.reload();
      await a.goto("/people");
      const again = await a.driver.executeScript(() => document.querySelector("[role=status]")?.textContent ?? "");
      expect(`the 7-day note showed again after a reload: "${again}"`, !again.includes("7 days"));
    },
  },
  {
    name: "the console stays free of errors on every screen",
    async run(t) {
      if (t.engine === "firefox") t.skip("geckodriver does not hand over the page's console");
      const a = await t.browser();
      await a.openEmpty();
      await a.addPerson({ name: "Ana Cruz", organisation: "Acme Ltd" });
      const paths = ["/", "/people", "/organisations", "/settings"];
      if (t.engine === "webkit") {
        for (const path of paths) {
          const lines = await webkitConsole(a.origin + path, 4);
          const errors = lines.filter((l) => /^CONSOLE \S+ ERROR/.test(l));
          expect(`WebKit's console on ${path}: ${errors.join(" | ")}`, errors.length === 0);
        }
        return;
      }
      for (const path of paths) {
        await a.goto(path);
        const entries = await a.driver.manage().logs().get("browser");
        const errors = entries.filter((e) => e.level.value >= 1000).map((e) => e.message);
        expect(`the console on ${path}: ${errors.join(" | ")}`, errors.length === 0);
      }
    },
  },
];
