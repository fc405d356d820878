// Serves the built app (dist/) on loopback only, as any static host would:
// files by path, and index.html for every other path so a deep link such as
// /people/<id> opens the app after a reload. Used by the README's serve
// command and by the end-to-end tests.
//
//   node scripts/serve-dist.mjs [--port 8080] [--dir dist] [--base /kith/]

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const root = resolve(fileURLToPath(new URL("..", import.meta.url)), option("dir", "dist"));
const port = Number(option("port", "8080"));
// The public path the build was made for (trunk build --public-url /kith/).
let base = option("base", "/");
if (!base.endsWith("/")) base += "/";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

async function file(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? await readFile(path) : null;
  } catch {
    return null;
  }
}

createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (!url.pathname.startsWith(base) && url.pathname !== base.slice(0, -1)) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end(`Kith is served under ${base}\n`);
    return;
  }
  const wanted = normalize(join(root, decodeURIComponent(url.pathname.slice(base.length - 1))));
  const inside = wanted === root || wanted.startsWith(root + sep);
  let path = inside ? wanted : null;
  let body = path && (await file(path));
  if (!body) {
    path = join(root, "index.html");
    body = await file(path);
  }
  if (!body) {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(`No build in ${root}: run the build first.\n`);
    return;
  }
  const hashed = /-[0-9a-f]{16}\.(js|wasm|css)$/.test(path);
  res.writeHead(200, {
    "content-type": types[extname(path)] ?? "application/octet-stream",
    "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
    // What a <meta> policy cannot say: no framing by other sites.
    "content-security-policy": "frame-ancestors 'none'",
  });
  res.end(body);
}).listen(port, "127.0.0.1", () => {
  console.log(`Kith is served at http://127.0.0.1:${port}${base} (from ${root})`);
});
