import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeCanonical,
  encodeCanonical,
  EncodingError,
  EncodingErrorCode as E,
} from '../../../../shared/encoding/index.ts';

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function refused(bytes: Uint8Array, code: string, limits?: { maxBytes: number; maxDepth: number }) {
  assert.throws(
    () => decodeCanonical(bytes, limits),
    (err: unknown) => err instanceof EncodingError && err.code === code,
    `expected ${code} for ${toHex(bytes)}`,
  );
}

describe('canonical CBOR: byte-level examples (docs/encoding.md)', () => {
  const examples: [string, unknown, string][] = [
    ['zero', 0, '00'],
    ['23 fits in the initial byte', 23, '17'],
    ['24 needs one extra byte', 24, '1818'],
    ['255', 255, '18ff'],
    ['256', 256, '190100'],
    ['65536', 65536, '1a00010000'],
    ['2^32', 2 ** 32, '1b0000000100000000'],
    ['2^64 - 1 as bigint', (1n << 64n) - 1n, '1bffffffffffffffff'],
    ['-1', -1, '20'],
    ['-(2^64)', -(1n << 64n), '3bffffffffffffffff'],
    ['empty bytes', new Uint8Array(), '40'],
    ['bytes', Uint8Array.of(1, 2, 3), '43010203'],
    ['text', 'IETF', '6449455446'],
    ['non-ASCII text', '人民币', '69e4babae6b091e5b881'],
    ['text starting with U+FEFF', '\uFEFFx', '64efbbbf78'],
    ['false true null', [false, true, null], '83f4f5f6'],
    [
      'keys sorted bytewise: shorter key first when it is a prefix',
      { b: 1, a: 2, aa: 3 },
      'a3616102616201626161' + '03',
    ],
  ];
  for (const [name, value, expected] of examples) {
    it(`${name} → ${expected}`, () => {
      const bytes = encodeCanonical(value as never);
      assert.equal(toHex(bytes), expected);
      assert.equal(toHex(encodeCanonical(decodeCanonical(bytes))), expected);
    });
  }
});

describe('canonical CBOR: refusals, each with its code', () => {
  it('non-minimal integers and lengths', () => {
    refused(hex('1805'), E.NON_MINIMAL); // 5 in one extra byte
    refused(hex('190017'), E.NON_MINIMAL);
    refused(hex('1a0000ffff'), E.NON_MINIMAL);
    refused(hex('1b00000000ffffffff'), E.NON_MINIMAL);
    refused(hex('3817'), E.NON_MINIMAL); // -24 in one extra byte
    refused(hex('5801ff'), E.NON_MINIMAL); // byte string length 1 in long form
    refused(hex('98020102'), E.NON_MINIMAL); // array length 2 in long form
  });
  it('indefinite lengths and stray breaks', () => {
    refused(hex('9f0102ff'), E.INDEFINITE_LENGTH);
    refused(hex('5f4101ff'), E.INDEFINITE_LENGTH);
    refused(hex('bf616101ff'), E.INDEFINITE_LENGTH);
    refused(hex('ff'), E.INDEFINITE_LENGTH);
  });
  it('unsorted and duplicate map keys', () => {
    refused(hex('a2616202616101'), E.MAP_KEYS_UNSORTED); // {b, a}
    refused(hex('a2626161036161' + '02'), E.MAP_KEYS_UNSORTED); // {aa, a}: length-first is not bytewise
    refused(hex('a2616101616102'), E.DUPLICATE_MAP_KEY);
  });
  it('non-text map keys', () => {
    refused(hex('a10102'), E.MAP_KEY_NOT_TEXT);
    refused(hex('a1410102'), E.MAP_KEY_NOT_TEXT);
  });
  it('tags, floats, undefined and other simple values', () => {
    refused(hex('c11a514b67b0'), E.TAG_NOT_ALLOWED);
    refused(hex('c249010000000000000000'), E.TAG_NOT_ALLOWED); // bignum
    refused(hex('f93c00'), E.FLOAT_NOT_ALLOWED); // 1.0 as half float
    refused(hex('fb3ff0000000000000'), E.FLOAT_NOT_ALLOWED);
    refused(hex('f7'), E.SIMPLE_VALUE_NOT_ALLOWED); // undefined
    refused(hex('f0'), E.SIMPLE_VALUE_NOT_ALLOWED); // simple(16)
    refused(hex('f820'), E.SIMPLE_VALUE_NOT_ALLOWED); // simple(32)
  });
  it('reserved additional information', () => {
    refused(hex('1c'), E.RESERVED_ADDITIONAL_INFO);
    refused(hex('5d'), E.RESERVED_ADDITIONAL_INFO);
    refused(hex('fc'), E.RESERVED_ADDITIONAL_INFO);
  });
  it('invalid UTF-8 in text', () => {
    refused(hex('62c328'), E.INVALID_UTF8);
    refused(hex('63eda080'), E.INVALID_UTF8); // a lone surrogate
  });
  it('truncated input and trailing bytes', () => {
    refused(hex(''), E.TRUNCATED);
    refused(hex('19 01'), E.TRUNCATED);
    refused(hex('43 0102'), E.TRUNCATED);
    refused(hex('82 01'), E.TRUNCATED);
    refused(hex('9b ffffffffffffffff'), E.TRUNCATED); // a count no input could satisfy
    refused(hex('a1 6161'), E.TRUNCATED);
    refused(hex('01 00'), E.TRAILING_BYTES);
  });
  it('oversized and over-deep input', () => {
    refused(new Uint8Array(101), E.TOO_LARGE, { maxBytes: 100, maxDepth: 8 });
    const deep = new Uint8Array(10).fill(0x81);
    deep[9] = 0x00; // [[[[[[[[[0]]]]]]]]]: depth 9
    refused(deep, E.TOO_DEEP, { maxBytes: 100, maxDepth: 8 });
    assert.doesNotThrow(() => decodeCanonical(deep, { maxBytes: 100, maxDepth: 9 }));
    // A million nested arrays must be refused quickly, not overflow the stack.
    const bomb = new Uint8Array(1_000_000).fill(0x81);
    refused(bomb, E.TOO_DEEP);
  });
});

describe('canonical CBOR: what has no encoding', () => {
  for (const [name, value] of [
    ['a float', 1.5],
    ['NaN', NaN],
    ['an unsafe integer number', 2 ** 60],
    ['a bigint beyond 64 bits', 1n << 64n],
    ['undefined at top level', undefined],
    ['a Map', new Map()],
    ['a Date', new Date(0)],
    ['a class instance', new (class X {})()],
  ] as [string, unknown][]) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => encodeCanonical(value as never),
        (err: unknown) => err instanceof EncodingError && err.code === E.UNENCODABLE,
      );
    });
  }
  it('names the path of the offending field', () => {
    assert.throws(
      () => encodeCanonical({ a: [1, { b: 0.5 }] }),
      (err: unknown) => err instanceof EncodingError && err.field === 'a.1.b',
    );
  });
  it('encodes an absent optional field and an undefined one identically', () => {
    assert.deepEqual(encodeCanonical({ a: 1, b: undefined }), encodeCanonical({ a: 1 }));
  });
});

describe('canonical CBOR: values that look alike are distinct', () => {
  it('an empty array and an empty byte string differ by one bit and decode to different values', () => {
    assert.deepEqual(encodeCanonical([]), Uint8Array.of(0x80));
    const bytes = decodeCanonical(Uint8Array.of(0x40));
    assert.ok(bytes instanceof Uint8Array && bytes.length === 0);
    assert.ok(Array.isArray(decodeCanonical(Uint8Array.of(0x80))));
  });
});

describe('canonical CBOR: decoded values are plain and independent of the input', () => {
  it('a Buffer input decodes to plain Uint8Array byte strings that do not share its memory', () => {
    const input = Buffer.from('82 42 0102 63 efbbbf'.replace(/\s/g, ''), 'hex');
    const [bytes, text] = decodeCanonical(input) as [Uint8Array, string];
    assert.equal(bytes.constructor, Uint8Array);
    input[2] = 0xff;
    assert.deepEqual(bytes, Uint8Array.of(1, 2));
    assert.equal(text, '\uFEFF');
  });
});
