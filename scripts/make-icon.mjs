// Draws the extension's icon (media/icon.png, 128×128 RGBA) without an image library:
// shapes as distance functions, 4×4 supersampling, PNG written with zlib.
// Usage: node scripts/make-icon.mjs [OUT.png]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const out = process.argv[2] ?? 'media/icon.png';

const roundedRect = (x, y, x0, y0, x1, y1, r) => {
  const qx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const qy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return Math.hypot(qx, qy) - r; // < 0 inside
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const segment = (x, y, ax, ay, bx, by, w) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - w / 2;
};
const triangle = (x, y, p) => {
  // inside when on the same side of the three edges
  const s = (a, b) => (x - b[0]) * (a[1] - b[1]) - (a[0] - b[0]) * (y - b[1]);
  const d1 = s(p[0], p[1]), d2 = s(p[1], p[2]), d3 = s(p[2], p[0]);
  const neg = d1 < 0 || d2 < 0 || d3 < 0, pos = d1 > 0 || d2 > 0 || d3 > 0;
  return neg && pos ? 1 : -1;
};

const WHITE = [255, 255, 255];
const AZURE = [0, 120, 212];
const DEEP = [16, 55, 120];
const GREEN = [80, 200, 120];

/** The colour at a point, or undefined outside the icon. Later layers paint over earlier ones. */
function paint(x, y) {
  if (roundedRect(x, y, 4, 4, 124, 124, 24) > 0) return undefined;
  const t = (x + y) / 256; // diagonal gradient
  let c = AZURE.map((v, i) => Math.round(v * (1 - t) + DEEP[i] * t));
  // Two protected sites on the left, mapping arrows to the recovery site on the right.
  const left = [[34, 38], [34, 90]];
  const right = [94, 64];
  for (const [lx, ly] of left) {
    if (segment(x, y, lx, ly, right[0] - 22, right[1] + (ly - right[1]) * 0.25, 6) < 0) c = WHITE;
  }
  for (const [lx, ly] of left) {
    const tip = [right[0] - 20, right[1] + (ly - right[1]) * 0.2];
    const ang = Math.atan2(tip[1] - ly, tip[0] - lx);
    const back = (d, side) => [tip[0] - d * Math.cos(ang) + side * 9 * Math.sin(ang), tip[1] - d * Math.sin(ang) - side * 9 * Math.cos(ang)];
    if (triangle(x, y, [[tip[0] + 3 * Math.cos(ang), tip[1] + 3 * Math.sin(ang)], back(14, 1), back(14, -1)]) < 0) c = WHITE;
  }
  for (const [lx, ly] of left) {
    if (circle(x, y, lx, ly, 15) < 0) c = WHITE;
    if (circle(x, y, lx, ly, 8) < 0) c = AZURE;
  }
  if (circle(x, y, right[0], right[1], 22) < 0) c = WHITE;
  if (circle(x, y, right[0], right[1], 14) < 0) c = GREEN;
  if (segment(x, y, right[0] - 7, right[1], right[0] - 1, right[1] + 6, 4.5) < 0 || segment(x, y, right[0] - 1, right[1] + 6, right[0] + 8, right[1] - 6, 4.5) < 0) c = WHITE;
  return c;
}

const N = 4; // supersamples per axis
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < N; sy++) {
      for (let sx = 0; sx < N; sx++) {
        const c = paint(px + (sx + 0.5) / N, py + (sy + 0.5) / N);
        if (!c) continue;
        r += c[0]; g += c[1]; b += c[2]; a++;
      }
    }
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    if (a > 0) {
      raw[o] = Math.round(r / a); raw[o + 1] = Math.round(g / a); raw[o + 2] = Math.round(b / a);
    }
    raw[o + 3] = Math.round((a / (N * N)) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(out, png);
console.log(`wrote ${out} (${SIZE}×${SIZE}, ${png.length} bytes)`);
