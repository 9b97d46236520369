import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeCanonical,
  encodeCanonical,
  EncodingError,
  EncodingErrorCode as E,
  type CborValue,
} from '../../../../shared/encoding/index.ts';

const BOM = '\uFEFF';
const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** decode(encode(v)) is v, and encode(decode(b)) is b: the value and its bytes determine each other. */
function roundTrips(value: CborValue): void {
  const bytes = encodeCanonical(value);
  const back = decodeCanonical(bytes);
  assert.deepEqual(back, value);
  assert.equal(toHex(encodeCanonical(back)), toHex(bytes));
}

// cborg decodes short ASCII text with its own loop and everything else with TextDecoder, whose default drops a leading
// U+FEFF; the lengths cover both sides of its 32-byte switch and the 1-, 2- and 4-byte length heads.
const LENGTHS = [1, 30, 100, 5000];

describe('canonical CBOR: a text value is exactly the text whose UTF-8 bytes are on the wire', () => {
  it('"\\uFEFFx" (64 ef bb bf 78) keeps its U+FEFF, so it is not a second encoding of "x" (61 78)', () => {
    assert.equal(decodeCanonical(hex('64 efbbbf 78')), `${BOM}x`);
    assert.equal(decodeCanonical(hex('61 78')), 'x');
    assert.equal(toHex(encodeCanonical(`${BOM}x`)), '64efbbbf78');
  });

  it('U+FEFF alone, twice, and as a map key', () => {
    assert.equal(decodeCanonical(hex('63 efbbbf')), BOM);
    assert.equal(decodeCanonical(hex('66 efbbbf efbbbf')), BOM + BOM);
    const map = decodeCanonical(hex('a2 61 61 01 64 efbbbf 61 02')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(map), ['a', `${BOM}a`]);
    roundTrips({ [BOM]: 1, [`${BOM}a`]: { [`${BOM}b`]: `${BOM}c` } });
  });

  for (const n of LENGTHS) {
    it(`U+FEFF at the start, in the middle and at the end of ${n}-character text, as values and keys`, () => {
      for (const text of [BOM + 'x'.repeat(n), 'x'.repeat(n) + BOM + 'y'.repeat(n), 'é'.repeat(n) + BOM]) {
        roundTrips(text);
        roundTrips([text, { [text]: text }]);
      }
    });
  }

  it('a map with keys "x" and "\\uFEFFx" is two keys, not a duplicate', () => {
    roundTrips({ x: 1, [`${BOM}x`]: 2 });
  });

  it('invalid UTF-8 after a U+FEFF is still refused', () => {
    assert.throws(
      () => decodeCanonical(hex('65 efbbbf c328')),
      (err: unknown) => err instanceof EncodingError && err.code === E.INVALID_UTF8,
    );
  });
});
