//! The static server of the built app (scripts/serve-dist.mjs) on a free
//! loopback port, as a child process the runner starts and stops. It can be
//! stopped and started again on the SAME port, so the origin (and with it
//! the browser's IndexedDB and service worker) stays the same: the offline
//! journey needs exactly that.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../../scripts/free-port.mjs";

/** The repository's root folder (where dist/ and scripts/ are). */
export const root = fileURLToPath(new URL("../../../", import.meta.url));

export class Server {
  /** A server of the build in `dir` (not started yet). */
  constructor(dir) {
    this.dir = dir;
    this.port = null;
    this.child = null;
  }

  /** The origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts serving (on the port it had before, if any) and waits until it answers. */
  async start() {
    if (this.closed) throw new Error("the static server was closed for good");
    if (this.child) return;
    this.port ??= await freePort();
    const child = spawn(process.execPath, [join(root, "scripts/serve-dist.mjs"), "--port", String(this.port), "--dir", this.dir], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    this.child = child;
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) break;
      const res = await fetch(`${this.url}/`).catch(() => null);
      if (res?.ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.stop();
    throw new Error(`the static server for ${this.dir} did not start on port ${this.port}`);
  }

  /** Stops for good: `start` refuses afterwards (the run is ending). */
  async close() {
    this.closed = true;
    await this.stop();
  }

  /** Stops serving and waits until the process has gone. */
  async stop() {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((ok) => child.once("exit", ok));
    child.kill();
    await exited;
  }
}
