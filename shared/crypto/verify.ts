import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from './bytes.ts';
import { decodePublicKey, decodeSignature, leToBigint, type PublicKey, type Signature } from './keys.ts';

/**
 * Verifies a tagged signature over `message` with a tagged public key. This function *is* the ledger's validity rule;
 * every other verifier (the node's native one in main/node/crypto) must agree with it on every input, and tests
 * cross-check that. Malformed keys or signatures are simply invalid here; use decodePublicKey/decodeSignature for the
 * reason.
 *
 * - ECDSA P-256: ECDSA with SHA-256 over `message` (RFC 6979 / FIPS 186-5), r and s in [1, n−1], s ≤ n/2 (low-S).
 * - Ed25519: RFC 8032 with strict encodings (A and R canonical, neither A nor R of small order, S < L) and the
 *   *cofactorless* equation [S]B = R + [k]A, with k = SHA-512(R ‖ A ‖ M) mod L over the bytes as given.
 *   Cofactorless, because libraries that check the cofactored equation (noble's own verify does) accept a few more
 *   signatures, ones a key holder can craft with a small-order component in R; a network whose nodes used both would
 *   fork on such a transaction, so we pin one equation here and build it from noble's point arithmetic.
 *   R not of small order, because the node's fast verifier (libsodium) refuses such an R before it looks at the
 *   equation, and a key holder can make one pass it: R = identity and S = k·a mod L. Honest signers never produce
 *   one (R = [r]B with r a hash output mod L, zero with probability 2^-252), so refusing it costs nothing and keeps
 *   the rule and the node's verifier equal on every input.
 */
export function verifySignature(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  let key: PublicKey;
  let sig: Signature;
  try {
    key = decodePublicKey(publicKey);
    sig = decodeSignature(signature);
  } catch {
    return false;
  }
  if (key.scheme !== sig.scheme) return false;
  return key.scheme === 'ed25519' ? verifyEd25519(key.raw, message, sig.raw) : verifyP256(key.raw, message, sig.raw);
}

function verifyP256(raw: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  try {
    return p256.verify(sig, message, raw, { prehash: true, lowS: true, format: 'compact' });
  } catch {
    return false;
  }
}

const Point = ed25519.Point;
const L = Point.Fn.ORDER;

function verifyEd25519(raw: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  try {
    const A = Point.fromBytes(raw, false);
    const rBytes = sig.subarray(0, 32);
    const R = Point.fromBytes(rBytes, false);
    if (R.isSmallOrder()) return false;
    const S = leToBigint(sig.subarray(32)); // < L, checked by decodeSignature
    const k = leToBigint(sha512(concatBytes(rBytes, raw, message))) % L;
    const lhs = Point.BASE.multiplyUnsafe(S);
    const rhs = R.add(A.multiplyUnsafe(k));
    return lhs.equals(rhs);
  } catch {
    return false;
  }
}
