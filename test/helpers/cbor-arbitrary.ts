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

/** Integers compare equal whether decoded as number or bigint. */
export function normalize(value: unknown): unknown {
  if (typeof value === 'number') return BigInt(value);
  if (value instanceof Uint8Array) return Array.from(value).map((b) => `b${b}`);
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
