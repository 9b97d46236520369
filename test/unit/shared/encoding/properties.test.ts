import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode as cborgEncode } from 'cborg';
import fc from 'fast-check';
import {
  decodeCanonical,
  encodeCanonical,
  EncodingError,
  DEFAULT_DECODE_LIMITS,
  type CborValue,
} from '../../../../shared/encoding/index.ts';
import { scanCanonical } from '../../../../shared/encoding/scan.ts';
import { cborValue as anyValue, normalize } from '../../../helpers/cbor-arbitrary.ts';
import { byteMutation, mutateBytes } from '../../../helpers/byte-mutation.ts';

const BOM = '\uFEFF';

/**
 * Text in which about half the code points are U+FEFF, so one often leads a value or a key (where a default
 * TextDecoder drops it), with lengths on both sides of cborg's 32-byte switch from its own ASCII loop to TextDecoder.
 */
const bomText = (maxLength: number) =>
  fc.string({ unit: fc.oneof(fc.constant(BOM), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength });

/** Values whose texts and keys are such text, mixed with values of the whole data model. */
const bomValue: fc.Arbitrary<CborValue> = fc.letrec<{ value: CborValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    bomText(80),
    anyValue,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(bomText(6), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const cborValue = fc.oneof(anyValue, bomValue);

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
      fc.property(cborValue, byteMutation, (value, m) => {
        const original = encodeCanonical(value);
        const mutated = mutateBytes(original, m);
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
    // decodeCanonical does not re-encode to check (the scan is the rule), so everything the scan lets through must
    // build, through the same tokenizer, a value whose canonical encoding is exactly the input.
    fc.assert(
      fc.property(cborValue, byteMutation, (value, m) => {
        const mutated = mutateBytes(encodeCanonical(value), m);
        try {
          scanCanonical(mutated, DEFAULT_DECODE_LIMITS);
        } catch {
          return;
        }
        const again = encodeCanonical(decodeCanonical(mutated));
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
