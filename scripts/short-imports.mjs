// Gives the wasm's imports short names. wasm-bindgen names each function the
// wasm imports from its JS glue after the function and a 16-digit hash
// (`__wbg_createElement_de4a31ed2fb252be`): 285 names, 12.9 kB, 3.8 kB of
// the brotli-compressed wasm, since hashes do not compress. This renames
// them `a`, `b`, … `Zz` in the wasm's import section and, in step, the keys
// of the imports object in the glue, then puts the new files' hashes into
// index.html's integrity attributes. Nothing else changes: the same
// functions are imported in the same order. Trunk runs it after every build
// (Trunk.toml, post_build hook), before scripts/pwa.mjs; run twice, it
// finds no long names and leaves the files as they are.
//
//   node scripts/short-imports.mjs [dir]    (default: Trunk's staging folder)
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { leb, name, Reader } from "./wasm-binary.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(root, "dist");
const files = readdirSync(dir);
const wasmName = files.find((f) => f.endsWith("_bg.wasm"));
const jsName = wasmName && files.find((f) => f === wasmName.replace(/_bg\.wasm$/, ".js"));
if (!wasmName || !jsName) {
  console.error(`[short-imports] no wasm and glue in ${dir}`);
  process.exit(1);
}
const wasm = readFileSync(join(dir, wasmName));
let js = readFileSync(join(dir, jsName), "utf8");

// `a` … `z`, `A` … `Z`, then two letters: never a name the glue uses.
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const short = (k) => (k < LETTERS.length ? LETTERS[k]
  : LETTERS[Math.floor(k / LETTERS.length) - 1] + LETTERS[k % LETTERS.length]);
// Only names made by wasm-bindgen, which end in a 16-digit hash or number.
const LONG = /^__wbg_\w+_[0-9a-f]{16}$|^__wbindgen_\w+$/;

const r = new Reader(wasm);
const parts = [wasm.subarray(0, 8)];
const renamed = new Map();
while (!r.done) {
  const start = r.at;
  const id = r.byte(), size = r.u32(), end = r.at + size;
  if (id !== 2) {
    parts.push(wasm.subarray(start, end));
    r.at = end;
    continue;
  }
  // The import section: module, field and what is imported, for each.
  const count = r.u32();
  const body = [leb(count)];
  for (let k = 0; k < count; k++) {
    const module = r.name(), field = r.name();
    const descStart = r.at;
    r.importDesc();
    let newField = field;
    // (A name the glue also reads from the wasm's exports stays.)
    if (LONG.test(field) && js.includes(field) && !js.includes(`wasm.${field}`)) {
      newField = short(renamed.size);
      renamed.set(field, newField);
    }
    body.push(name(module), name(newField), wasm.subarray(descStart, r.at));
  }
  if (r.at !== end) throw new Error("[short-imports] the import section did not end where it said");
  const section = Buffer.concat(body);
  parts.push(Buffer.from([2]), leb(section.length), section);
}
if (renamed.size === 0) {
  console.log("[short-imports] no long import names: nothing to do");
  process.exit(0);
}

// The glue names each import once, as a key of its imports object; every
// mention is renamed, whole words only.
for (const [long, s] of renamed) {
  const before = js;
  js = js.replace(new RegExp(`\\b${long}\\b`, "g"), s);
  if (js === before) throw new Error(`[short-imports] ${long} is not in ${jsName}`);
}
const newWasm = Buffer.concat(parts);
writeFileSync(join(dir, wasmName), newWasm);
writeFileSync(join(dir, jsName), js);

// index.html preloads both with Subresource Integrity: new hashes.
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
for (const [file, bytes] of [[wasmName, newWasm], [jsName, Buffer.from(js)]]) {
  const tag = new RegExp(`(<link[^>]*href="[^"]*/${file.replace(/[.]/g, "\\.")}"[^>]*integrity=")[^"]*(")`, "g");
  html = html.replace(tag, `$1${sri(bytes)}$2`);
}
writeFileSync(indexPath, html);
console.log(`[short-imports] ${renamed.size} imports renamed: wasm ${wasm.length} -> ${newWasm.length} bytes`);
