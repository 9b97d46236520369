import { verify as cryptoVerify } from 'node:crypto';
import { ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519.js';
import { decodeSignature } from '../../../shared/crypto/index.ts';
import { keyObjectOf, vettedKey, type VettedKey } from './vetted-keys.ts';

/**
 * The rule computed by OpenSSL through node:crypto, for both schemes. The node verifies P-256 this way; for Ed25519
 * libsodium is about twice as fast (OpenSSL 3 sets up a context and fetches a provider on every call), so this is
 * kept for P-256, for benchmarks, and as a third implementation in the cross-checks.
 *
 * Why it agrees with the rule: keys and signatures go through the rule's decoders first; OpenSSL's Ed25519 check is
 * cofactorless and compares R byte for byte (so a non-canonical R fails), and the one thing it does not refuse that
 * the rule does, a small-order R, is refused here before OpenSSL sees it. Its ECDSA is standard ECDSA-SHA256 over the
 * message, with the DER-free IEEE P1363 (r ‖ s) encoding.
 */
export function verifyWithOpenssl(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = vettedKey(publicKey);
    const sig = decodeSignature(signature);
    if (key.scheme !== sig.scheme) return false;
    if (key.scheme === 'p256') return verifyP256WithOpenssl(key, message, sig.raw);
    if (isSmallOrderEncoding(sig.raw)) return false;
    return cryptoVerify(null, message, keyObjectOf(key), sig.raw);
  } catch {
    return false;
  }
}

/** ECDSA P-256 with SHA-256 over `message`; `raw` is r ‖ s, already vetted by decodeSignature (range, low-S). */
export function verifyP256WithOpenssl(key: VettedKey, message: Uint8Array, raw: Uint8Array): boolean {
  return cryptoVerify('sha256', message, { key: keyObjectOf(key), dsaEncoding: 'ieee-p1363' }, raw);
}

/** The encodings of the 8 points of small order without their sign bit (they share 5 y-coordinates). */
const SMALL_ORDER_Y = ED25519_TORSION_SUBGROUP.map((hex) => {
  const y = Uint8Array.from(Buffer.from(hex, 'hex'));
  y[31]! &= 0x7f;
  return y;
});

/**
 * Whether the first 32 bytes of `bytes` encode a point of small order with either sign bit (so also the
 * non-canonical x = 0 with the sign bit set). The other non-canonical encodings of two of them, y = p and y = p + 1,
 * pass this, but OpenSSL refuses them anyway: it compares R with the canonical encoding of the point it computes.
 */
export function isSmallOrderEncoding(bytes: Uint8Array): boolean {
  return SMALL_ORDER_Y.some((y) => {
    for (let i = 0; i < 31; i++) if (bytes[i] !== y[i]) return false;
    return (bytes[31]! & 0x7f) === y[31];
  });
}
