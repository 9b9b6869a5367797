// Draws Daybook's plain notebook icon into PNG files (run once; the outputs are committed).
// Kept dependency-free: a tiny rasteriser with 4x supersampling and Node's zlib for PNG.
import { deflateSync, crc32 } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const BG = [0x3d, 0x5a, 0x6c];
const PAGE = [0xf6, 0xf4, 0xef];
const LINE = [0x9a, 0xab, 0xb4];
const SPINE = [0xb3, 0x8b, 0x4f];

function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Colour at a point in unit coordinates (0..1), or null for transparent. */
function shade(u, v, { maskable }) {
  const inset = maskable ? 0.2 : 0.12; // maskable icons keep content inside the safe zone
  if (!maskable && !inRoundRect(u, v, 0, 0, 1, 1, 0.18)) return null;
  const bookX0 = inset + 0.06,
    bookX1 = 1 - inset - 0.02,
    bookY0 = inset,
    bookY1 = 1 - inset;
  const w = bookX1 - bookX0,
    h = bookY1 - bookY0;
  if (inRoundRect(u, v, bookX0, bookY0, bookX0 + w * 0.12, bookY1, w * 0.03)) return SPINE;
  if (inRoundRect(u, v, bookX0 + w * 0.1, bookY0, bookX1, bookY1, w * 0.05)) {
    for (let i = 0; i < 4; i++) {
      const ly = bookY0 + h * (0.28 + i * 0.16);
      if (v >= ly && v <= ly + h * 0.035 && u >= bookX0 + w * 0.28 && u <= bookX1 - w * 0.12) return LINE;
    }
    return PAGE;
  }
  return BG;
}

function png(size, options) {
  const ss = 4;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, options);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      const n = ss * ss;
      const o = 1 + x * 4;
      row[o] = a ? Math.round(r / a) : 0;
      row[o + 1] = a ? Math.round(g / a) : 0;
      row[o + 2] = a ? Math.round(b / a) : 0;
      row[o + 3] = Math.round((a / n) * 255);
    }
    rows.push(row);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('icon-192.png', out), png(192, { maskable: false }));
writeFileSync(new URL('icon-512.png', out), png(512, { maskable: false }));
writeFileSync(new URL('icon-maskable-512.png', out), png(512, { maskable: true }));
writeFileSync(new URL('apple-touch-icon-180.png', out), png(180, { maskable: true }));
writeFileSync(
  new URL('icon.svg', out),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#3d5a6c"/><rect x="14" y="8" width="42" height="48" rx="3" fill="#f6f4ef"/><rect x="12" y="8" width="6" height="48" rx="2" fill="#b38b4f"/><g fill="#9aabb4"><rect x="24" y="20" width="26" height="2"/><rect x="24" y="28" width="26" height="2"/><rect x="24" y="36" width="26" height="2"/><rect x="24" y="44" width="26" height="2"/></g></svg>\n`,
);
console.log('icons written to public/icons/');
