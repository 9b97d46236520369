import fc from 'fast-check';
import type { CborValue } from '../../shared/encoding/index.ts';

/** Arbitrary values of the canonical data model, nested up to a few levels. */
export const cborValue: fc.Arbitrary<CborValue> = fc.letrec<{ value: CborValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -1000, max: 1000 }),
    fc.maxSafeInteger(),
    fc.bigInt({ min: -(1n << 64n), max: (1n << 64n) - 1n }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 40 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A byte string in normalized form: its own class, so it never compares equal to an array or a map. */
class Bytes {
  readonly hex: string;
  constructor(bytes: Uint8Array) {
    this.hex = Buffer.from(bytes).toString('hex');
  }
}

/**
 * The value as the data model sees it: integers compare equal whether decoded as number or bigint, byte strings
 * never equal arrays (an empty byte string and an empty array are different values with different encodings).
 */
export function normalize(value: unknown): unknown {
  if (typeof value === 'number') return BigInt(value);
  if (value instanceof Uint8Array) return new Bytes(value);
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, normalize(v)]),
    );
  }
  return value;
}
