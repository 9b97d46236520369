import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { encodeSignature } from '../../shared/crypto/index.ts';

const Point = ed25519.Point;
const L = Point.Fn.ORDER;
/** A point of order 8 (a published small-order encoding). */
const ORDER_8 = Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');

const le = (b: Uint8Array) => {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  return n;
};
const toLe32 = (n: bigint) => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
};

/**
 * A signature its key holder crafted with a small-order component in R: R = rB + T. It satisfies the cofactored
 * equation 8[S]B = 8R + 8[k]A but not the cofactorless one, so verifiers that differ on that choice disagree on it.
 */
export function torsionSignature(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  const { scalar: a, pointBytes: A } = ed25519.utils.getExtendedPublicKey(secretKey);
  const r = 123456789n;
  const R = Point.BASE.multiply(r).add(ORDER_8).toBytes();
  const k = le(sha512(Uint8Array.from([...R, ...A, ...message]))) % L;
  const S = (r + k * a) % L;
  return encodeSignature('ed25519', Uint8Array.from([...R, ...toLe32(S)]));
}
