import { z } from 'zod';

/**
 * Schema building blocks for canonical messages. Decoded CBOR carries small integers as numbers and large ones as
 * bigints; these schemas accept both and always yield bigint, so callers never see the difference.
 */

const U64_MAX = (1n << 64n) - 1n;

function integerIn(min: bigint, max: bigint, what: string) {
  return z
    .union([z.bigint(), z.number().int()])
    .transform((n) => BigInt(n))
    .refine((n) => n >= min && n <= max, { message: `${what} must be between ${min} and ${max}` });
}

/** Unsigned 64-bit integer as bigint (amounts in minor units, nonces). */
export const u64 = integerIn(0n, U64_MAX, 'value');

/** A small unsigned integer kept as a number (heights, rounds, counts, decimals). */
export function uint(max: number = Number.MAX_SAFE_INTEGER) {
  return z.number().int().min(0).max(max);
}

/** Byte string, optionally of an exact length or a maximum length. */
export function bytes(opts: { length?: number; max?: number } = {}) {
  let schema = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'must be a byte string' });
  if (opts.length !== undefined) {
    const length = opts.length;
    schema = schema.refine((b) => b.length === length, { message: `must be exactly ${length} bytes` });
  }
  if (opts.max !== undefined) {
    const max = opts.max;
    schema = schema.refine((b) => b.length <= max, { message: `must be at most ${max} bytes` });
  }
  return schema;
}

/** Text with a length bound (in UTF-16 code units, which bounds the bytes to 3× that). */
export function text(max: number, min = 0) {
  return z.string().min(min).max(max);
}
