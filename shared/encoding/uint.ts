import { EncodingError, EncodingErrorCode as E } from './errors.ts';

const U64_MAX = (1n << 64n) - 1n;

/**
 * The canonical encoding of an unsigned integer (CBOR major type 0, shortest argument), written directly. Balances
 * are written twice per transfer, and going through the general encoder for one integer cost more than the rest of
 * the write; test/unit/shared/encoding/uint.test.ts checks it against encodeCanonical.
 */
export function encodeUnsigned(value: bigint): Uint8Array {
  if (value < 0n || value > U64_MAX)
    throw new EncodingError(E.UNENCODABLE, `${value} is not an unsigned 64-bit integer`);
  if (value < 24n) return Uint8Array.of(Number(value));
  if (value <= 0xffn) return Uint8Array.of(0x18, Number(value));
  if (value <= 0xffffn) {
    const n = Number(value);
    return Uint8Array.of(0x19, n >> 8, n & 0xff);
  }
  if (value <= 0xffffffffn) {
    const n = Number(value);
    return Uint8Array.of(0x1a, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  }
  const out = new Uint8Array(9);
  out[0] = 0x1b;
  new DataView(out.buffer).setBigUint64(1, value);
  return out;
}
