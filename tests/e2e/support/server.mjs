// A second static server of a built app, for tests that need a site of
// their own (a build changed on disk, a build published under a subpath)
// beside the one playwright.config.mjs starts.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../../scripts/free-port.mjs";

/** The repository's root folder (where dist/, target/ and scripts/ are). */
export const root = fileURLToPath(new URL("../../../", import.meta.url));

/** Serves `dir` under `base` with scripts/serve-dist.mjs, as a separate
 * process, and waits until it answers there: `{ url, stop }`, where `url`
 * is the origin (no path). */
export async function serve(dir, { base = "/" } = {}) {
  const port = await freePort();
  const child = spawn("node", [join(root, "scripts/serve-dist.mjs"), "--port", String(port), "--dir", dir, "--base", base], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${url}${base}`).catch(() => null);
    if (res?.ok) return { url, stop: () => child.kill() };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`the test server for ${dir} did not start`);
}
