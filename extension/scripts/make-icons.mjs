// Makes the extension's toolbar and store icons (16, 32, 48, 128 px) from the app's largest icon,
// /work/main/icons/icon.png or the path given, by area averaging: a tiny PNG reader and writer for 8-bit RGBA,
// so that nothing beyond Node is needed. Run once after the app's icon changes (`npm run icons`); the results are
// committed in icons/.
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32, inflateSync, deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const source = process.argv[2] ?? join(here, '../../icons/icon.png');
const SIZES = [16, 32, 48, 128];


/** Reads an 8-bit RGBA, non-interlaced PNG into {width, height, pixels}. */
function readPng(file) {
  const buf = readFileSync(file);
  let pos = 8;
  let width = 0, height = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error(`${file}: only 8-bit RGBA, non-interlaced`);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? pixels[y * stride + x - 4] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, pixels };
}

/** Shrinks by averaging each target pixel's source area, colours weighted by alpha. */
function shrink({ width, height, pixels }, size) {
  const out = Buffer.alloc(size * size * 4);
  const sx = width / size, sy = height / size;
  for (let ty = 0; ty < size; ty++) {
    for (let tx = 0; tx < size; tx++) {
      let r = 0, g = 0, b = 0, a = 0, area = 0;
      for (let y = Math.floor(ty * sy); y < Math.ceil((ty + 1) * sy); y++) {
        const wy = Math.min(y + 1, (ty + 1) * sy) - Math.max(y, ty * sy);
        for (let x = Math.floor(tx * sx); x < Math.ceil((tx + 1) * sx); x++) {
          const w = wy * (Math.min(x + 1, (tx + 1) * sx) - Math.max(x, tx * sx));
          const i = (y * width + x) * 4;
          const alpha = pixels[i + 3] * w;
          r += pixels[i] * alpha; g += pixels[i + 1] * alpha; b += pixels[i + 2] * alpha;
          a += alpha; area += w;
        }
      }
      const o = (ty * size + tx) * 4;
      out[o] = a ? Math.round(r / a) : 0;
      out[o + 1] = a ? Math.round(g / a) : 0;
      out[o + 2] = a ? Math.round(b / a) : 0;
      out[o + 3] = Math.round(a / area);
    }
  }
  return out;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function writePng(file, size, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  writeFileSync(file, png);
}

const image = readPng(source);
for (const size of SIZES) {
  writePng(join(here, '../icons', `icon-${size}.png`), size, shrink(image, size));
  console.log(`icons/icon-${size}.png`);
}
