import { crc32, deflateSync } from 'node:zlib';

/**
 * The tray icon, drawn in code so the pending count is part of the image (Linux and Windows trays show no text next
 * to an icon): a blue tile with a white check mark and, when something awaits a signature, a red badge with the
 * count ("9+" past nine). The same drawing at 512 px is the app icon for packaging. Output is a PNG.
 */

type Rgba = readonly [number, number, number, number];
const BLUE: Rgba = [31, 58, 95, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const RED: Rgba = [207, 19, 34, 255];

// 3×5 pixel digits and "+", row by row, most significant bit on the left.
const GLYPHS: Readonly<Record<string, readonly number[]>> = {
  '0': [7, 5, 5, 5, 7],
  '1': [2, 6, 2, 2, 7],
  '2': [7, 1, 7, 4, 7],
  '3': [7, 1, 7, 1, 7],
  '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7],
  '6': [7, 4, 7, 5, 7],
  '7': [7, 1, 1, 1, 1],
  '8': [7, 5, 7, 5, 7],
  '9': [7, 5, 7, 1, 7],
  '+': [0, 2, 7, 2, 0],
};

export function badgeText(count: number): string {
  if (!Number.isInteger(count) || count <= 0) return '';
  return count > 9 ? '9+' : String(count);
}

/** RGBA pixels of the icon, `size` × `size`. */
export function drawTrayIcon(count: number, size = 32): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const u = size / 32; // drawing unit: the design is on a 32 × 32 grid
  const set = (x: number, y: number, c: Rgba) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    px.set(c, (y * size + x) * 4);
  };
  const inRoundedSquare = (x: number, y: number) => {
    const r = 6 * u;
    const cx = Math.min(Math.max(x, r), size - r);
    const cy = Math.min(Math.max(y, r), size - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const nearSegment = (x: number, y: number, ax: number, ay: number, bx: number, by: number, w: number) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= w * w;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      if (!inRoundedSquare(cx, cy)) continue;
      const check =
        nearSegment(cx, cy, 8 * u, 16 * u, 14 * u, 22 * u, 2.2 * u) ||
        nearSegment(cx, cy, 14 * u, 22 * u, 25 * u, 10 * u, 2.2 * u);
      set(x, y, check ? WHITE : BLUE);
    }
  }

  const text = badgeText(count);
  if (text !== '') {
    const bx = 23 * u;
    const by = 9 * u;
    const br = 9 * u;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if ((x + 0.5 - bx) ** 2 + (y + 0.5 - by) ** 2 <= br * br) set(x, y, RED);
      }
    }
    const scale = Math.max(1, Math.round(2 * u));
    const width = text.length * 3 * scale + (text.length - 1) * scale;
    const left = Math.round(bx - width / 2);
    const top = Math.round(by - (5 * scale) / 2);
    [...text].forEach((ch, i) => {
      const rows = GLYPHS[ch] ?? [];
      rows.forEach((bits, row) => {
        for (let col = 0; col < 3; col++) {
          if ((bits >> (2 - col)) & 1) {
            for (let sy = 0; sy < scale; sy++) {
              for (let sx = 0; sx < scale; sx++) {
                set(left + i * 4 * scale + col * scale + sx, top + row * scale + sy, WHITE);
              }
            }
          }
        }
      });
    });
  }
  return px;
}

/** A PNG (8-bit RGBA, no interlace) of `size` × `size` pixels. */
export function encodePng(rgba: Uint8Array, size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function trayIconPng(count: number, size = 32): Buffer {
  return encodePng(drawTrayIcon(count, size), size);
}
