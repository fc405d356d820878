// Static hosting under a subpath: the build made with
// `trunk build --release --public-url /kith/ --dist target/dist-kith`
// (scripts/test.sh makes it), served as /kith/ by a plain static server.
// Links, deep links after a reload, the manifest's scope and the offline
// copy all stay under /kith/.
import { test, expect } from "@playwright/test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Kith, root, serve } from "./kith.mjs";

const site = join(root, "target/dist-kith");

test("served as /kith/: links, a deep link after a reload, and offline all stay under /kith/", async ({ page, context, request }) => {
  expect(existsSync(join(site, "index.html")), "build it first: trunk build --release --public-url /kith/ --dist target/dist-kith").toBe(true);
  const server = await serve(site, { base: "/kith/" });
  try {
    const origin = server.url;
    expect((await request.get(`${origin}/`)).status()).toBe(404);

    const kith = new Kith(page);
    await page.goto(`${origin}/kith/`);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await kith.goToPeople();
    await expect(page).toHaveURL(`${origin}/kith/people`);
    await kith.addPerson({ name: "Sub Path", email: "sub@example.test" });
    await kith.saved();
    expect(new URL(page.url()).pathname).toMatch(/^\/kith\/people\/[^/]+$/);
    const deep = page.url();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Sub Path" })).toBeVisible();
    await page.getByRole("link", { name: "‹ People" }).click();
    await expect(page).toHaveURL(`${origin}/kith/people`);

    const manifest = await (await request.get(`${origin}/kith/manifest.webmanifest`)).json();
    expect(new URL(manifest.start_url, `${origin}/kith/manifest.webmanifest`).pathname).toBe("/kith/");
    expect(new URL(manifest.scope, `${origin}/kith/manifest.webmanifest`).pathname).toBe("/kith/");
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe("/kith/");

    await kith.offlineReady();
    await context.setOffline(true);
    await page.goto(deep);
    await expect(page.getByText("sub@example.test")).toBeVisible();
    await context.setOffline(false);
  } finally {
    server.stop();
  }
});
