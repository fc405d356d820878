// Finishes a build as an installable, offline and sealed web app. Trunk runs
// it after every build (Trunk.toml, post_build hook) on the staging folder:
//
// - copies the manifest, icons and the service worker's registration script;
// - writes sw.js with the list of every file of this build (hashed names and
//   all) and a version derived from their contents;
// - puts a Content-Security-Policy into index.html that allows only the
//   page's own origin, with the hash of Trunk's inline loader script;
// - links the manifest and icons, and names the public base path;
// - copies index.html to 404.html, so hosts that serve 404.html for unknown
//   paths (GitHub Pages) open deep links too.
//
//   node scripts/pwa.mjs [dir] [public-url]    (default: Trunk's variables)
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(root, "dist");
let base = process.argv[3] ?? process.env.TRUNK_PUBLIC_URL ?? "/";
if (!base.endsWith("/")) base += "/";

// 1. Static parts.
mkdirSync(join(dir, "icons"), { recursive: true });
for (const name of readdirSync(join(root, "pwa", "icons"))) {
  copyFileSync(join(root, "pwa", "icons", name), join(dir, "icons", name));
}
copyFileSync(join(root, "pwa", "manifest.webmanifest"), join(dir, "manifest.webmanifest"));
copyFileSync(join(root, "pwa", "pwa.js"), join(dir, "pwa.js"));

// 2. index.html: policy, links, base.
const indexPath = join(dir, "index.html");
// Run again on a finished folder, the earlier block is replaced.
let html = readFileSync(indexPath, "utf8").replace(/\s*<!-- kith:pwa -->[\s\S]*?<!-- \/kith:pwa -->/, "");
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline.map((body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  "style-src 'self'",
  "img-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  // No manifest-src: WebKit does not know the directive and logs an error
  // for it; the manifest is covered by default-src 'self' in every engine.
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
const head = [
  "<!-- kith:pwa -->",
  `<meta http-equiv="Content-Security-Policy" content="${policy}" />`,
  `<meta name="kith-base" content="${base}" />`,
  `<link rel="manifest" href="${base}manifest.webmanifest" />`,
  `<link rel="icon" href="${base}icons/kith.svg" type="image/svg+xml" />`,
  `<link rel="apple-touch-icon" href="${base}icons/kith-192.png" />`,
  `<script src="${base}pwa.js" defer></script>`,
  "<!-- /kith:pwa -->",
].join("\n    ");
// Right after <meta charset>, before any script or style.
html = html.replace(/<meta charset="utf-8" \/>/, (m) => `${m}\n    ${head}`);
if (!html.includes("Content-Security-Policy")) throw new Error("index.html has no <meta charset=\"utf-8\" />");
writeFileSync(indexPath, html);
writeFileSync(join(dir, "404.html"), html);

// 3. sw.js: every file of the build, and a version from their contents.
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d).sort()) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(relative(dir, path).split(sep).join("/"));
  }
};
walk(dir);
const cached = files.filter((f) => f !== "sw.js" && f !== "404.html");
const version = createHash("sha256");
for (const f of cached) version.update(f).update(readFileSync(join(dir, f)));
const sw = readFileSync(join(root, "pwa", "sw.js"), "utf8")
  .replace("__VERSION__", version.digest("hex").slice(0, 16))
  .replace("__BASE__", base)
  .replace("__FILES__", JSON.stringify(cached.map((f) => base + f)));
writeFileSync(join(dir, "sw.js"), sw);
console.log(`[pwa] ${cached.length} files precached under ${base}; policy: ${policy}`);
