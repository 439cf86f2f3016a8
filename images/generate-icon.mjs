// Draws the extension icon images/icon.png (128×128 RGBA PNG): a shield with a check mark on a rounded dark-blue tile.
// No dependencies: shapes are tested per sub-sample (4×4 per pixel, for smooth edges) and the PNG bytes are written
// with node:zlib (PNG spec: signature, IHDR, one IDAT of filter-0 rows, IEND; CRC-32 over chunk type + data).
// Run: node images/generate-icon.mjs  (rewrites images/icon.png; the output is deterministic).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SUB = 4;

/** Linear blend of two [r,g,b] colours; t in 0..1. */
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

/** Inside a rounded square filling the whole icon (corner radius 24 px). */
function inTile(x, y) {
  const r = 24;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= 0 && y >= 0 && x <= SIZE && y <= SIZE;
}

/**
 * Inside a shield centred on x = 64, scaled by `s` around (64, 62): a top edge that dips towards the middle,
 * straight sides down to 45 % of the height, then a curve that narrows to the point at the bottom.
 */
function inShield(x, y, s) {
  const ux = (x - 64) / s;
  const uy = (y - 62) / s + 62;
  const top = 14;
  const bottom = 116;
  const half = 44;
  const dx = Math.abs(ux);
  if (dx > half) return false;
  const topEdge = top + 7 * (1 - (dx / half) ** 2) - 3;
  if (uy < topEdge || uy > bottom) return false;
  const t = (uy - top) / (bottom - top);
  const w = t <= 0.45 ? half : half * Math.cos((((t - 0.45) / 0.55) * Math.PI) / 2);
  return dx <= w;
}

/** Distance from point p to segment a–b. */
function segDist(px, py, ax, ay, bx, by) {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}

/** On the check mark: a round-capped stroke 11 px wide through (43,63) → (58,78) → (86,47). */
function inCheck(x, y) {
  return Math.min(segDist(x, y, 43, 63, 58, 78), segDist(x, y, 58, 78, 86, 47)) <= 5.5;
}

/** Colour [r,g,b,a] (0..255) of one sub-sample. */
function sample(x, y) {
  if (!inTile(x, y)) return [0, 0, 0, 0];
  const v = y / SIZE;
  if (inCheck(x, y) && inShield(x, y, 0.84)) return [255, 255, 255, 255];
  if (inShield(x, y, 0.84)) return [...mix([28, 200, 150], [12, 128, 100], v), 255];
  if (inShield(x, y, 1)) return [245, 248, 250, 255];
  return [...mix([20, 52, 92], [11, 30, 56], v), 255];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  const row = py * (SIZE * 4 + 1);
  raw[row] = 0; // filter type 0 (None)
  for (let px = 0; px < SIZE; px++) {
    // Average premultiplied colour over the sub-samples, then un-premultiply.
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SUB; sy++) {
      for (let sx = 0; sx < SUB; sx++) {
        const [cr, cg, cb, ca] = sample(px + (sx + 0.5) / SUB, py + (sy + 0.5) / SUB);
        r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
      }
    }
    const o = row + 1 + px * 4;
    raw[o] = a ? Math.round(r / a) : 0;
    raw[o + 1] = a ? Math.round(g / a) : 0;
    raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round(a / (SUB * SUB));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // colour type RGBA
// compression 0, filter 0, interlace 0 (bytes 10..12 stay 0)
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('./icon.png', import.meta.url);
writeFileSync(out, png);
console.log(`wrote ${out.pathname} (${png.length} bytes)`);
