// Installable, offline and sealed: the manifest and icons, the service
// worker's precache list, a reload with no network, the update prompt, the
// page's content policy and every request it makes, two tabs at once, an
// edit right before the tab closes, and persistent storage.
import { test, expect } from "@playwright/test";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { Kith, root, serve } from "./kith.mjs";

const dist = join(root, "dist");

function filesIn(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

test("installable: a manifest, icons and a service worker that precaches every file of the build", async ({ page, request }) => {
  await new Kith(page).open();
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ name: "Kith", short_name: "Kith", display: "standalone", start_url: "./", scope: "./" });
  expect(manifest.theme_color).toMatch(/^#/);
  const sizes = {};
  for (const icon of manifest.icons) {
    const res = await request.get(`/${icon.src}`);
    expect(res.ok(), icon.src).toBe(true);
    const body = await res.body();
    if (icon.type === "image/png") {
      // The PNG's own width and height (IHDR) match what the manifest says.
      expect(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`).toBe(icon.sizes);
      sizes[`${icon.sizes} ${icon.purpose}`] = true;
    }
  }
  expect(sizes).toEqual({ "192x192 any": true, "512x512 any": true, "512x512 maskable": true });
  expect(manifest.icons.some((i) => i.type === "image/svg+xml")).toBe(true);
  await expect(page.locator('link[rel="manifest"]')).toHaveCount(1);

  const sw = await (await request.get("/sw.js")).text();
  const listed = JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]).map((f) => f.replace(/^\//, "")).sort();
  expect(listed).toEqual(filesIn(dist).filter((f) => f !== "sw.js" && f !== "404.html"));
  // Trunk prints the hash without leading zeros: 15 digits in about 1 build in 16.
  expect(listed.some((f) => /^kith-[0-9a-f]{1,16}_bg\.wasm$/.test(f))).toBe(true);
});

test("offline after the first visit: a reload and a deep link open the app with all data", async ({ page, context }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Olive Offline", email: "olive@example.test" });
  await kith.saved();
  const personUrl = page.url();
  await kith.offlineReady();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Olive Offline" })).toBeVisible();
  await page.goto("/people");
  await expect(kith.rows()).toHaveText([/Olive Offline/]);
  await page.goto(personUrl);
  await expect(page.getByText("olive@example.test")).toBeVisible();
  await kith.goToPeople();
  await kith.addPerson({ name: "Added Offline" });
  await kith.saved();
  await context.setOffline(false);
});

test("a sealed page: only its own origin, no policy violations, through a whole session", async ({ page }) => {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  const kith = new Kith(page);
  await kith.open();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  for (const part of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval' 'sha256-", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "style-src 'self'"]) {
    expect(policy).toContain(part);
  }
  expect(policy).not.toContain("unsafe-inline");
  await kith.addPerson({ name: "Ana Cruz", organisation: "Acme Ltd", email: "ana@acme.test" });
  await kith.addDetail("Daughter Ava started university");
  await kith.goToPeople();
  await kith.addPerson({ name: "Bo Lind" });
  await kith.saved();
  await kith.exportBackup();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const origin = new URL(page.url()).origin;
  const away = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:"));
  expect(away).toEqual([]);
  expect(requests.length).toBeGreaterThan(5);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
});

test("two tabs stay in step: a change in one shows in the other without a reload", async ({ context }) => {
  const ka = await Kith.inNewTab(context);
  const kb = await Kith.inNewTab(context);
  const [a, b] = [ka.page, kb.page];
  await ka.addPerson({ name: "Tab One" });
  await ka.saved();
  await expect(kb.rows()).toHaveText([/Tab One/]);
  await kb.addPerson({ name: "Tab Two" });
  await kb.saved();
  await ka.goToPeople();
  await expect(ka.rows()).toHaveCount(2);
  // Both write to different people at once: neither edit is lost.
  await ka.openPerson("Tab One");
  await kb.goToPeople();
  await kb.openPerson("Tab Two");
  await Promise.all([ka.addDetail("Written in tab A"), kb.addDetail("Written in tab B")]);
  await kb.goToPeople();
  await kb.openPerson("Tab One");
  await expect(b.getByRole("region", { name: "Details learned" })).toContainText("Written in tab A");
  await ka.goToPeople();
  await ka.openPerson("Tab Two");
  await expect(a.getByRole("region", { name: "Details learned" })).toContainText("Written in tab B");
  // Both write to the same person at once: each tab's detail survives.
  await kb.goToPeople();
  await kb.openPerson("Tab Two");
  await Promise.all([ka.addDetail("Same person, tab A"), kb.addDetail("Same person, tab B")]);
  for (const [page, kith] of [[a, ka], [b, kb]]) {
    await kith.reload();
    const details = page.getByRole("region", { name: "Details learned" });
    await expect(details).toContainText("Same person, tab A");
    await expect(details).toContainText("Same person, tab B");
  }
});

test("an edit made just before the tab closes is there when Kith opens again", async ({ context }) => {
  const kith = await Kith.inNewTab(context);
  const page = kith.page;
  await kith.addPerson({ name: "Quick Close" });
  await page.getByRole("textbox", { name: /^New detail about/ }).fill("Said right before closing");
  await page.getByRole("button", { name: "Add detail" }).click();
  await page.close({ runBeforeUnload: true });
  const k2 = await Kith.inNewTab(context);
  await k2.openPerson("Quick Close");
  await expect(k2.page.getByRole("region", { name: "Details learned" })).toContainText("Said right before closing");
});

test("settings say whether the browser keeps the data for good, in plain words", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Kept Person" });
  await kith.saved();
  await page.goto("/settings");
  const kept = await page.evaluate(() => navigator.storage.persisted());
  const region = page.getByRole("region", { name: "Keeping your data" });
  await expect(region).toContainText(kept ? "Kept for good." : "Not guaranteed.");
  await region.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "../../target/screenshots/keeping-data.png" });
  if (!kept) {
    await expect(region).toContainText("the browser may clear Kith's data without asking");
    await region.getByRole("button", { name: /Ask/ }).click();
  }
  await expect(page.getByText(/MB of .* MB this browser allows/)).toBeVisible();
});

test("a new build is offered with a prompt; accepting runs it with the data intact and old caches gone", async ({ page }) => {
  const site = mkdtempSync(join(tmpdir(), "kith-site-"));
  cpSync(dist, site, { recursive: true });
  const server = await serve(site);
  try {
    await page.goto(`${server.url}/people`);
    const kith = new Kith(page);
    await kith.addPerson({ name: "Uma Update" });
    await kith.saved();
    await kith.offlineReady();
    const before = await page.evaluate(() => caches.keys());
    expect(before.length).toBe(1);

    // Build B is deployed: the same app with one more line, re-finished.
    const index = join(site, "index.html");
    writeFileSync(index, readFileSync(index, "utf8").replace("<title>Kith</title>", '<title>Kith</title>\n    <meta name="kith-build" content="B" />'));
    const finish = spawn("node", [join(root, "scripts/pwa.mjs"), site, "/"], { stdio: "ignore" });
    await new Promise((ok) => finish.on("exit", ok));

    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole("region", { name: "Update" });
    await expect(banner).toContainText("A new version of Kith is ready.");
    await page.screenshot({ path: "../../target/screenshots/update-banner.png" });
    await expect(page.locator('meta[name="kith-build"]')).toHaveCount(0);
    await Promise.all([page.waitForEvent("load"), banner.getByRole("button", { name: "Reload" }).click()]);
    await expect(page.locator('meta[name="kith-build"]')).toHaveCount(1);
    await expect(page.getByRole("region", { name: "Update" })).toHaveCount(0);
    await kith.goToPeople();
    await expect(kith.rows()).toHaveText([/Uma Update/]);
    await expect.poll(() => page.evaluate(() => caches.keys())).toHaveLength(1);
    expect(await page.evaluate(() => caches.keys())).not.toEqual(before);
  } finally {
    server.stop();
    rmSync(site, { recursive: true, force: true });
  }
});

test("a schema upgrade in another tab is not blocked by this one, and this one says to reload", async ({ context }) => {
  const ka = await Kith.inNewTab(context);
  const a = ka.page;
  await ka.addPerson({ name: "Old Tab" });
  await ka.saved();
  const b = await context.newPage();
  await b.goto(a.url());
  // Tab B opens the database at a newer version, as a newer Kith would.
  const outcome = await b.evaluate(() => new Promise((done) => {
    const probe = indexedDB.open("kith");
    probe.onsuccess = () => {
      const next = probe.result.version + 1;
      probe.result.close();
      const upgrade = indexedDB.open("kith", next);
      let blocked = false;
      upgrade.onblocked = () => { blocked = true; };
      upgrade.onsuccess = () => { upgrade.result.close(); done({ ok: true, blocked }); };
      upgrade.onerror = () => done({ ok: false, blocked });
    };
  }));
  expect(outcome).toEqual({ ok: true, blocked: false });
  await expect(a.getByRole("alert")).toContainText("Kith was updated in another tab: reload this tab to go on.");
});
