import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode as cborgDecode, encode as cborgEncode, rfc8949EncodeOptions } from 'cborg';
import fc from 'fast-check';
import {
  decodeCanonical,
  encodeCanonical,
  EncodingError,
  DEFAULT_DECODE_LIMITS,
} from '../../../../shared/encoding/index.ts';
import { scanCanonical } from '../../../../shared/encoding/scan.ts';
import { cborValue, normalize } from '../../../helpers/cbor-arbitrary.ts';

/** A random small change to an encoding: flip, insert, delete, truncate, append, or swap two bytes. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const out = Array.from(bytes);
  const at = 'at' in m ? m.at % (out.length + 1) : 0;
  switch (m.kind) {
    case 'flip':
      if (out.length) out[at % out.length]! ^= m.bits;
      break;
    case 'insert':
      out.splice(at, 0, m.byte);
      break;
    case 'delete':
      if (out.length) out.splice(at % out.length, 1);
      break;
    case 'truncate':
      out.length = Math.min(at, Math.max(out.length - 1, 0));
      break;
    case 'append':
      out.push(m.byte);
      break;
    case 'swap': {
      if (out.length) {
        const i = at % out.length;
        const j = m.other % out.length;
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      break;
    }
  }
  return Uint8Array.from(out);
}

describe('canonical CBOR properties', () => {
  it('encode → decode round-trips every value of the data model', () => {
    fc.assert(
      fc.property(cborValue, (value) => {
        const bytes = encodeCanonical(value);
        const back = decodeCanonical(bytes);
        assert.deepEqual(normalize(back), normalize(value));
        assert.deepEqual(encodeCanonical(back), bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('a mutated encoding is refused or decodes to a different value (no value has two accepted encodings)', () => {
    fc.assert(
      fc.property(cborValue, mutation, (value, m) => {
        const original = encodeCanonical(value);
        const mutated = mutate(original, m);
        if (Buffer.compare(mutated, original) === 0) return; // the mutation was a no-op
        let decoded;
        try {
          decoded = decodeCanonical(mutated);
        } catch (err) {
          assert.ok(err instanceof EncodingError, `unexpected error type: ${String(err)}`);
          return;
        }
        assert.notDeepEqual(normalize(decoded), normalize(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('the structural scan alone accepts only bytes that are the canonical encoding of what they decode to', () => {
    // This checks the scan without decodeCanonical's final re-encode safeguard: every input it lets through must be
    // exactly what cborg would write for the decoded value.
    fc.assert(
      fc.property(cborValue, mutation, (value, m) => {
        const mutated = mutate(encodeCanonical(value), m);
        try {
          scanCanonical(mutated, DEFAULT_DECODE_LIMITS);
        } catch {
          return;
        }
        const again = cborgEncode(cborgDecode(mutated, { strict: true, useMaps: false }), rfc8949EncodeOptions);
        assert.equal(Buffer.from(again).toString('hex'), Buffer.from(mutated).toString('hex'));
      }),
      { numRuns: 5000 },
    );
  });

  it('every value has exactly one encoding: cborg with its default (RFC 7049) key order is refused when it differs', () => {
    fc.assert(
      fc.property(cborValue, (value) => {
        const canonical = encodeCanonical(value);
        const lengthFirst = cborgEncode(value);
        if (Buffer.compare(lengthFirst, canonical) !== 0) {
          assert.throws(() => decodeCanonical(lengthFirst), EncodingError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
