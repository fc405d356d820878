// Files a test hands to the app: the sample files under tests/samples/, and
// pictures made on the spot.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { deflateSync, crc32 } from "node:zlib";

const samples = new URL("../../samples/", import.meta.url);

/** The bytes of a sample file, by its path under tests/samples/ (e.g. "vcard/ios.vcf"). */
export function sample(path) {
  return readFileSync(new URL(path, samples));
}

// The type a browser gives a picked file, from its name. Kith decides the
// format from the contents and the name, never from this.
const types = { ".vcf": "text/vcard", ".csv": "text/csv", ".json": "application/json", ".png": "image/png" };

/** A file to pick in a file input: `name` with `buffer` as its contents. */
export function upload(name, buffer) {
  return { name, mimeType: types[extname(name).toLowerCase()] ?? "application/octet-stream", buffer };
}

/** A real PNG of `width` x `height` pixels: a gradient, so it compresses like a photo would not. */
export function png(width, height) {
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "ascii");
    data.copy(out, 8);
    out.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, "ascii"), data])), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const start = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, (x ^ y) & 255], start + 1 + x * 3);
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}
