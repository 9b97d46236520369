import assert from 'node:assert/strict';
import { crc32, inflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { badgeText, drawTrayIcon, trayIconPng } from '../../../../main/electron/tray-icon.ts';

/** Decodes the PNGs this module writes (RGBA, filter 0) and checks every chunk's CRC. */
function decodePng(png: Buffer): { size: number; rgba: Uint8Array } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let size = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    assert.equal(png.readUInt32BE(at + 8 + length), crc32(png.subarray(at + 4, at + 8 + length)), `${type} CRC`);
    if (type === 'IHDR') {
      size = data.readUInt32BE(0);
      assert.equal(data.readUInt32BE(4), size);
      assert.deepEqual([...data.subarray(8)], [8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    assert.equal(raw[y * (size * 4 + 1)], 0);
    rgba.set(raw.subarray(y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1)), y * size * 4);
  }
  return { size, rgba };
}

const pixel = (rgba: Uint8Array, size: number, x: number, y: number) => [
  ...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4),
];

describe('tray icon with the pending count', () => {
  it('is a valid PNG whose pixels are the drawing', () => {
    for (const count of [0, 3, 42]) {
      const { size, rgba } = decodePng(trayIconPng(count));
      assert.equal(size, 32);
      assert.deepEqual(rgba, drawTrayIcon(count));
    }
    assert.equal(decodePng(trayIconPng(0, 512)).size, 512);
  });

  it('shows a red badge only when something waits, and different counts draw differently', () => {
    const none = drawTrayIcon(0);
    const one = drawTrayIcon(1);
    const red = [207, 19, 34, 255];
    // The badge's edge (top right) is red with a count and blue tile without.
    assert.deepEqual(pixel(one, 32, 29, 9), red);
    assert.notDeepEqual(pixel(none, 32, 29, 9), red);
    assert.notDeepEqual(drawTrayIcon(1), drawTrayIcon(7));
    assert.deepEqual(drawTrayIcon(10), drawTrayIcon(99), 'past nine the badge says 9+');
    assert.deepEqual(
      [badgeText(0), badgeText(1), badgeText(9), badgeText(10), badgeText(-1)],
      ['', '1', '9', '9+', ''],
    );
  });
});
