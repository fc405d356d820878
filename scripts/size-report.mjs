// Prints the size of the built wasm (raw, gzip, brotli) and fails if the
// compressed size passes the budget, so growth is a decision, not a drift.
// Then, to show where the bytes go, the ten crates and the ten functions with
// the most code, read from cargo's wasm before wasm-bindgen and wasm-opt (the
// only copy that still has a name section). Those bytes are about an eighth
// more than the shipped code (wasm-opt drops and simplifies) but rank it well.
//
//   node scripts/size-report.mjs dist
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { Reader } from "./wasm-binary.mjs";

// Raised from 350 to 400 kB when check-ins, the Today screen and charts
// landed (the wasm was 353 kB), to 460 kB when the vCard, CSV and
// iCalendar import and export landed (+42 kB, to 431 kB), and to 470 kB
// when encrypted and sliced backups, the PWA glue, tab sync and the
// two-writer merge landed (to 460.4 kB). Ideas before raising it again:
// chrono's strftime formatting, fewer distinct view types, splitting rarely
// used screens (settings, import) out.
const BUDGET_BROTLI_KB = 470;
const NAMED_WASM = "target/wasm32-unknown-unknown/release/kith.wasm";
const namedWasm = fileURLToPath(new URL(`../${NAMED_WASM}`, import.meta.url));
const dir = process.argv[2] ?? "dist";
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
let failed = false;
for (const name of readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f)).sort()) {
  const raw = readFileSync(join(dir, name));
  const gz = gzipSync(raw, { level: 9 }).length;
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`[size] ${name}: raw ${kb(raw.length)}, gzip ${kb(gz)}, brotli ${kb(br)}`);
  if (name.endsWith(".wasm") && br > BUDGET_BROTLI_KB * 1024) {
    console.error(`[size] ${name} is over the ${BUDGET_BROTLI_KB} kB brotli budget`);
    failed = true;
  }
}
if (existsSync(namedWasm)) contributors(readFileSync(namedWasm));
else console.log(`[size] no ${NAMED_WASM}, so no breakdown by crate`);
process.exit(failed ? 1 : 0);

// Body size and name of every defined function: the code section holds the
// bodies in order, numbered after the imported functions; the "name" custom
// section's subsection 1 maps function numbers to (mangled) names.
function functions(buf) {
  const r = new Reader(buf);
  const sizes = [], names = new Map();
  let imported = 0;
  while (!r.done) {
    const id = r.byte(), size = r.u32(), end = r.at + size;
    if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        r.name(); r.name(); // module and field
        if (r.importDesc() === 0) imported++;
      }
    } else if (id === 10) {
      for (let n = r.u32(); n > 0; n--) { const len = r.u32(); sizes.push(len); r.at += len; }
    } else if (id === 0 && r.name() === "name") {
      while (r.at < end) {
        const sub = r.byte(), subSize = r.u32(), subEnd = r.at + subSize;
        if (sub === 1) for (let n = r.u32(); n > 0; n--) { const index = r.u32(); names.set(index, r.name()); }
        r.at = subEnd;
      }
    }
    r.at = end;
  }
  return sizes.map((size, i) => ({ size, name: demangle(names.get(i + imported) ?? "?") }));
}

// Rust symbols come in two manglings: the legacy one (_ZN…, our crates and
// the registry's) and v0 (_R…, the precompiled std). Generic arguments and
// hashes are left out: the path is what we group by.
function demangle(sym) {
  if (sym.startsWith("_ZN")) {
    const parts = [];
    for (let q = 3, m; (m = /^\d+/.exec(sym.slice(q))); ) {
      q += m[0].length; parts.push(sym.slice(q, q + +m[0])); q += +m[0];
    }
    if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
    const named = { SP: "@", BP: "*", RF: "&", LT: "<", GT: ">", LP: "(", RP: ")", C: "," };
    return parts.map((part) => part.replace(/^_\$/, "$")).join("::").replace(/\.\./g, "::")
      .replace(/\$(SP|BP|RF|LT|GT|LP|RP|C|u[0-9a-f]+)\$/g, (_, k) =>
        named[k] ?? String.fromCodePoint(parseInt(k.slice(1), 16)));
  }
  if (!sym.startsWith("_R")) return sym;
  try { return v0(sym.replace(/^_R\d*/, "")); } catch { return sym; }
}

// Rust's v0 mangling: enough of its grammar to print a path, with generic
// arguments parsed and dropped (https://doc.rust-lang.org/rustc/symbol-mangling/v0.html).
function v0(s) {
  let i = 0;
  const B62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const num = () => { let n = 0; for (; s[i] !== "_"; i++) n = n * 62 + B62.indexOf(s[i]); i++; return n; };
  const b62 = () => (s[i] === "_" ? (i++, 0) : num() + 1);
  const opt = (tag) => { if (s[i] === tag) { i++; b62(); } };
  const back = (f) => { const at = b62(), ret = i; i = at; const r = f(); i = ret; return r; };
  const ident = () => {
    opt("s");
    if (s[i] === "u") i++;
    const len = /^\d+/.exec(s.slice(i))[0];
    i += len.length;
    if (s[i] === "_") i++;
    return s.slice(i, (i += +len));
  };
  const path = () => {
    const c = s[i++];
    if (c === "C") return ident();
    if (c === "N") { const ns = s[i++], p = path(), id = ident(); return `${p}::${id || (ns === "C" ? "{closure}" : `{${ns}}`)}`; }
    if (c === "M") { opt("s"); const p = path(); return `${p}::<impl ${type()}>`; }
    if (c === "X") { opt("s"); path(); const t = type(); return `<${t} as ${path()}>`; }
    if (c === "Y") { const t = type(); return `<${t} as ${path()}>`; }
    if (c === "I") { const p = path(); while (s[i] !== "E") arg(); i++; return p; }
    if (c === "B") return back(path);
    throw new Error(`v0 path ${c}`);
  };
  const arg = () => {
    if (s[i] === "L") { i++; b62(); } else if (s[i] === "K") { i++; konst(); } else type();
  };
  const konst = () => {
    if (s[i] === "p") i++; else if (s[i] === "B") { i++; b62(); } else { i++; if (s[i] === "n") i++; while (s[i++] !== "_"); }
  };
  const list = () => { const ts = []; while (s[i] !== "E") ts.push(type()); i++; return ts.join(", "); };
  const type = () => {
    const c = s[i];
    const basic = { a: "i8", b: "bool", c: "char", d: "f64", e: "str", f: "f32", h: "u8", i: "isize", j: "usize",
      l: "i32", m: "u32", n: "i128", o: "u128", s: "i16", t: "u16", u: "()", v: "...", x: "i64", y: "u64", z: "!", p: "_" };
    if (basic[c]) { i++; return basic[c]; }
    if ("RQ".includes(c)) { i++; opt("L"); return (c === "R" ? "&" : "&mut ") + type(); }
    if ("PO".includes(c)) { i++; return (c === "P" ? "*const " : "*mut ") + type(); }
    if (c === "A") { i++; const t = type(); konst(); return `[${t}; _]`; }
    if (c === "S") { i++; return `[${type()}]`; }
    if (c === "T") { i++; return `(${list()})`; }
    if (c === "F") { i++; opt("G"); if (s[i] === "U") i++; if (s[i] === "K") { i++; s[i] === "C" ? i++ : ident(); } list(); type(); return "fn"; }
    if (c === "D") {
      i++; opt("G");
      const traits = [];
      while (s[i] !== "E") { traits.push(path()); while (s[i] === "p") { i++; ident(); type(); } }
      i++; opt("L");
      return `dyn ${traits.join(" + ")}`;
    }
    if (c === "B") { i++; return back(type); }
    return path();
  };
  return path();
}

// The crate a function's code comes from: the first path segment, or for
// `<Type as Trait>::f` the type's crate (the trait's when the type is a
// generic parameter or a primitive). Generic code is counted where it is
// written, so core/alloc/std includes drops, closures and collections
// instantiated for our own types.
function crateOf(name) {
  const lead = (t) => /^(?:[<&(\[]|mut |\*const |\*mut |dyn )*([A-Za-z_]\w*)::/.exec(t)?.[1];
  const impl = /^<(.*?) as (.*?)>::/.exec(name);
  const crate = (impl ? lead(impl[1]) ?? lead(impl[2]) : lead(name)) ?? "(glue and exports)";
  return ["core", "alloc", "std", "__rustc"].includes(crate) ? "core/alloc/std" : crate;
}

// wasm-bindgen's describe functions are left out: it runs them at build time
// and drops them from the app.
function contributors(buf) {
  const fns = functions(buf).filter((f) => !/__wbindgen_describe|WasmDescribe/.test(f.name));
  const total = fns.reduce((sum, f) => sum + f.size, 0);
  const byCrate = new Map();
  for (const f of fns) {
    const c = byCrate.get(crateOf(f.name)) ?? { size: 0, count: 0 };
    c.size += f.size; c.count++;
    byCrate.set(crateOf(f.name), c);
  }
  const share = (n) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
  console.log(`[size] top crates by pre-optimisation function bytes (of ${kb(total)} in ${fns.length} functions):`);
  for (const [crate, c] of [...byCrate].sort((a, b) => b[1].size - a[1].size).slice(0, 10))
    console.log(`[size]   ${kb(c.size).padStart(9)} ${share(c.size)}  ${crate} (${c.count} functions)`);
  console.log("[size] largest functions by pre-optimisation function bytes:");
  for (const f of [...fns].sort((a, b) => b.size - a.size).slice(0, 10))
    console.log(`[size]   ${kb(f.size).padStart(9)} ${share(f.size)}  ${f.name}`);
}
