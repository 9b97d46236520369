import { p256 } from '@noble/curves/nist.js';
import { CryptoError, CryptoErrorCode as E } from './errors.ts';
import { beToBigint } from './keys.ts';

const N = p256.Point.Fn.ORDER;

/**
 * Rewrites an ECDSA P-256 signature (r ‖ s, 64 bytes) with s replaced by n − s when s is in the upper half.
 * Both forms verify under plain ECDSA; hardware tokens emit either. The ledger accepts only the low form, so every
 * signer normalises before a signature leaves it, and every node agrees on validity.
 */
export function normalizeLowS(compact: Uint8Array): Uint8Array {
  if (compact.length !== 64) throw new CryptoError(E.BAD_LENGTH, 'p256 signature must be 64 bytes');
  const s = beToBigint(compact.subarray(32));
  if (s <= N >> 1n) return compact;
  const out = new Uint8Array(64);
  out.set(compact.subarray(0, 32));
  out.set(bigintTo32(N - s), 32);
  return out;
}

export function isLowS(compact: Uint8Array): boolean {
  return beToBigint(compact.subarray(32, 64)) <= N >> 1n;
}

/** Strict DER (X.690) ECDSA-Sig-Value → r ‖ s. BER variants, extra bytes and out-of-range values are refused. */
export function ecdsaDerToCompact(der: Uint8Array): Uint8Array {
  try {
    return p256.Signature.fromBytes(der, 'der').toBytes('compact');
  } catch (err) {
    throw new CryptoError(E.MALFORMED_DER, `malformed DER ECDSA signature: ${(err as Error).message}`);
  }
}

/** Accepts a SEC 1 P-256 point, compressed (33 bytes) or uncompressed (65, as tokens return it), and compresses it. */
export function compressP256PublicKey(sec1: Uint8Array): Uint8Array {
  try {
    return p256.Point.fromBytes(sec1).toBytes(true);
  } catch {
    throw new CryptoError(E.INVALID_POINT, 'not a P-256 point in SEC 1 form');
  }
}

function bigintTo32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}
