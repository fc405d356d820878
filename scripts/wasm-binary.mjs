// Reading and writing the numbers and names of the wasm binary format, for
// the scripts that look into the app's wasm (size-report.mjs) or rewrite
// its imports (short-imports.mjs).

/** A place in `buf` that reads forward; `at` is where it is. */
export class Reader {
  constructor(buf, at = 8) {
    this.buf = buf;
    this.at = at;
  }

  get done() {
    return this.at >= this.buf.length;
  }

  byte() {
    return this.buf[this.at++];
  }

  /** An unsigned LEB128 number. */
  u32() {
    let value = 0, shift = 0, byte;
    do {
      byte = this.buf[this.at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return value >>> 0;
  }

  /** A name: its length in bytes, then UTF-8. */
  name() {
    const len = this.u32();
    const text = this.buf.toString("utf8", this.at, this.at + len);
    this.at += len;
    return text;
  }

  /** What an import brings in, after its module and field names; returns
   * its kind: 0 a function, 1 a table, 2 a memory, 3 a global, 4 a tag. */
  importDesc() {
    const kind = this.byte();
    const limits = () => {
      const flags = this.byte();
      this.u32();
      if (flags & 1) this.u32();
    };
    if (kind === 0) this.u32(); // its type
    else if (kind === 1) { this.at++; limits(); } // element type, limits
    else if (kind === 2) limits();
    else if (kind === 3) this.at += 2; // value type, mutability
    else if (kind === 4) { this.at++; this.u32(); } // attribute, type
    else throw new Error(`wasm import kind ${kind} not known`);
    return kind;
  }
}

/** `n` as an unsigned LEB128 number. */
export function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

/** `text` as a wasm name: its length, then UTF-8. */
export function name(text) {
  return Buffer.concat([leb(Buffer.byteLength(text)), Buffer.from(text)]);
}
