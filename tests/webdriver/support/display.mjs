//! A virtual X display (Xvfb) for WebKitGTK's MiniBrowser, started by the
//! runner itself rather than by wrapping it in `xvfb-run`: so one process
//! owns everything it starts, and Ctrl-C or a CI timeout stops it all.
//! `-displayfd` makes Xvfb pick a free display number and tell it back, as
//! `xvfb-run -a` does. No xauth cookie: the display is local to this run.

import { spawn } from "node:child_process";

/** Starts Xvfb on a free display; `{ display, stop }` (display is ":N"). */
export function startXvfb() {
  return new Promise((ok, fail) => {
    const child = spawn("Xvfb", ["-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    let out = "";
    const timer = setTimeout(() => {
      child.kill();
      fail(new Error("Xvfb did not start within 10 s"));
    }, 10_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      fail(new Error(`could not start Xvfb (apt-get install xvfb): ${e.message}`));
    });
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (!out.includes("\n")) return;
      clearTimeout(timer);
      const stop = () =>
        new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.once("exit", done);
          child.kill();
        });
      ok({ display: `:${out.trim()}`, stop });
    });
  });
}
