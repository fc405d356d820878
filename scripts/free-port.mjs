// A loopback port nothing listens on right now, for a server a test run
// starts: imported by the test suites' server helpers, and run as
// `node scripts/free-port.mjs` by scripts/test.sh (prints the port).
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.on("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await freePort());
