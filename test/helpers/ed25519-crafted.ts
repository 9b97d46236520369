import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { encodePublicKey, encodeSignature } from '../../shared/crypto/index.ts';

/**
 * Ed25519 keys and signatures a key holder can build by hand, to reach the corners where verifiers differ: small-order
 * and mixed-order points, non-canonical encodings, S out of range. Everything is plain arithmetic on noble's points.
 */

export const Point = ed25519.Point;
export const L = Point.Fn.ORDER;
export const P = Point.Fp.ORDER;

/** The 8 points of small order (the torsion subgroup), identity first. */
export const SMALL_ORDER_POINTS: readonly EdwardsPoint[] = ED25519_TORSION_SUBGROUP.map((h) => Point.fromHex(h));

export function le(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

export function toLe32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}

/** An encoding with y written as given (so y ≥ p gives a non-canonical one) and the x sign bit as given. */
export function encodeY(y: bigint, signBit: 0 | 1 = 0): Uint8Array {
  const out = toLe32(y);
  out[31]! |= signBit << 7;
  return out;
}

/** A key holder: secret scalar `a`, public point A = [a]B + torsion (of mixed order unless torsion is the identity). */
export function holder(a: bigint, torsion: EdwardsPoint = Point.ZERO) {
  const A = Point.BASE.multiply(a).add(torsion);
  const raw = A.toBytes();
  return { a, A, raw, publicKey: encodePublicKey('ed25519', raw) };
}

/** k = SHA-512(R ‖ A ‖ M) mod L over the bytes as given. */
export function challenge(rBytes: Uint8Array, aBytes: Uint8Array, message: Uint8Array): bigint {
  return le(sha512(Uint8Array.from([...rBytes, ...aBytes, ...message]))) % L;
}

/**
 * The tagged signature R ‖ S with S = r + k·a mod L, where `rBytes` is whatever the holder puts as R (for a holder
 * following RFC 8032 it is [r]B). `sOffset` is added to S after reduction, to push it out of range.
 */
export function craftSignature(
  h: { a: bigint; raw: Uint8Array },
  rBytes: Uint8Array,
  r: bigint,
  message: Uint8Array,
  sOffset = 0n,
): Uint8Array {
  const S = ((r + challenge(rBytes, h.raw, message) * h.a) % L) + sOffset;
  return encodeSignature('ed25519', Uint8Array.from([...rBytes, ...toLe32(S)]));
}

/**
 * Whether [S]B = R + [k]A holds, decoding A and R leniently (ZIP 215: any y below 2^255) and S whatever its size
 * ([S]B depends only on S mod L): what a verifier that checked nothing but the cofactorless equation would answer.
 * Untagged key and signature.
 */
export function equationHolds(rawKey: Uint8Array, message: Uint8Array, rawSig: Uint8Array): boolean {
  const A = Point.fromBytes(rawKey, true);
  const R = Point.fromBytes(rawSig.subarray(0, 32), true);
  const k = challenge(rawSig.subarray(0, 32), rawKey, message);
  const S = le(rawSig.subarray(32)) % L;
  return Point.BASE.multiplyUnsafe(S).equals(R.add(A.multiplyUnsafe(k)));
}
