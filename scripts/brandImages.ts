/**
 * Draws newsdesk's default brand images, original and text-free (the site name is configurable,
 * so it cannot be baked into a picture): the publisher logo Google asks for in structured data
 * (a square raster) and the default social card for pages without a cover. Writes PNGs into
 * src/assets/; run it again only to change the design:
 *   node_modules/.bin/node scripts/brandImages.ts
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
type Scene = (x: number, y: number) => Rgba;

const RED: Rgba = [155, 28, 28, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const PAPER: Rgba = [246, 244, 240, 255];
const INK: Rgba = [69, 75, 87, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Whether (x, y) lies inside the polygon (even-odd rule). */
function inPolygon(x: number, y: number, points: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!,
      [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi)
      inside = !inside;
  }
  return inside;
}

function inRoundedRect(
  x: number,
  y: number,
  left: number,
  top: number,
  w: number,
  h: number,
  r: number,
): boolean {
  if (x < left || y < top || x > left + w || y > top + h) return false;
  const cx = Math.min(Math.max(x, left + r), left + w - r),
    cy = Math.min(Math.max(y, top + r), top + h - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The mark in a unit square: a sun over two Atlas peaks above a printer's rule, on red. */
function mark(u: number, v: number): Rgba | null {
  if (!inRoundedRect(u, v, 0, 0, 1, 1, 0.125)) return null;
  if ((u - 0.3) ** 2 + (v - 0.3) ** 2 <= 0.1 ** 2) return WHITE;
  if (
    inPolygon(u, v, [
      [0.12, 0.74],
      [0.4, 0.4],
      [0.52, 0.55],
      [0.66, 0.33],
      [0.88, 0.74],
    ])
  )
    return WHITE;
  if (u >= 0.12 && u <= 0.88 && v >= 0.8 && v <= 0.85) return WHITE;
  return RED;
}

const logo: Scene = (x, y) => mark(x / 512, y / 512) ?? CLEAR;

const shareCard: Scene = (x, y) => {
  const m =
    x >= 105 && x < 525 && y >= 105 && y < 525
      ? mark((x - 105) / 420, (y - 105) / 420)
      : null;
  if (m) return m;
  // Abstract columns of text on the right: a headline and lines of copy.
  const bars: [number, number, number, number][] = [
    [620, 170, 1100, 215],
    [620, 240, 980, 285],
    [620, 350, 1100, 368],
    [620, 390, 1060, 408],
    [620, 430, 1090, 448],
    [620, 470, 900, 488],
  ];
  for (const [l, t, r, b] of bars)
    if (x >= l && x <= r && y >= t && y <= b) return t < 300 ? RED : INK;
  if (y >= 600) return RED;
  return PAPER;
};

/** Renders a scene with 4×4 supersampling, so edges are smooth. */
function render(width: number, height: number, scene: Scene): Buffer {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const c = scene(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);
          for (let k = 0; k < 3; k++) sum[k]! += c[k]! * c[3];
          sum[3]! += c[3];
        }
      const alpha = sum[3]! / 16;
      for (let k = 0; k < 3; k++)
        rows[row + 1 + x * 4 + k] = alpha ? Math.round(sum[k]! / sum[3]!) : 0;
      rows[row + 1 + x * 4 + 3] = Math.round(alpha);
    }
  }
  return png(width, height, rows);
}

function png(width: number, height: number, rows: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico holding PNG pictures (every browser since 2007 reads PNG inside ICO), largest last. */
function ico(sizes: number[]): Buffer {
  const images = sizes.map((size) =>
    render(size, size, (x, y) => mark(x / size, y / size) ?? CLEAR),
  );
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(sizes[i]! % 256, entry); // 0 means 256
    header.writeUInt8(sizes[i]! % 256, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(image.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += image.length;
  });
  return Buffer.concat([header, ...images]);
}

const out = new URL('../src/assets/', import.meta.url);
writeFileSync(new URL('logo.png', out), render(512, 512, logo));
writeFileSync(new URL('share-default.png', out), render(1200, 630, shareCard));
writeFileSync(new URL('favicon.ico', out), ico([16, 32, 48]));
console.log(
  'wrote src/assets/logo.png (512×512), src/assets/share-default.png (1200×630) and src/assets/favicon.ico (16, 32, 48)',
);
