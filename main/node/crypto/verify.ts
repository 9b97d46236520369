import sodium from 'sodium-native';
import { decodeSignature, verifySignature as verifyWithNoble } from '../../../shared/crypto/index.ts';
import { verifyP256WithOpenssl, verifyWithOpenssl } from './openssl-verify.ts';
import { vettedKey } from './vetted-keys.ts';

/**
 * The node's signature verification: the same rule as shared/crypto's verifySignature (which is the definition),
 * computed natively: Ed25519 by libsodium (crypto_sign_verify_detached, through sodium-native; about half the cost of
 * OpenSSL's, which sets up a context on every call), P-256 by OpenSSL through node:crypto, each some 25–45× faster
 * than noble. Agreement on every input is what makes this allowed, and test/unit/main/node/crypto cross-checks
 * them on standard vectors, random and mutated signatures and crafted edge cases.
 *
 * Why libsodium (1.0.21, crypto_sign/ed25519/ref10/open.c) agrees with the rule on Ed25519:
 * - Keys and signatures go through the rule's decoders first (vetted keys cached), so libsodium only ever sees a
 *   canonical key that is on the curve and not of small order, and an S below L. Its own checks of the same things
 *   (S < L; A canonical, y < p; A not of small order; A decodes) therefore always pass.
 * - It refuses an R of small order (its list holds their encodings, sign bit ignored, and the non-canonical y = p and
 *   y = p + 1); so does the rule.
 * - It computes k = SHA-512(R ‖ A ‖ M) mod L over the bytes as given, then [S]B − [k]A, and compares that point's
 *   canonical encoding with R byte for byte. For a canonical R this is the rule's cofactorless equation
 *   [S]B = R + [k]A (the encoding is one-to-one); a non-canonical R never matches, and the rule refuses it when
 *   decoding. Like the rule, it checks no subgroup beyond small order: a key or R of mixed order is judged by the
 *   equation alone.
 * P-256 agrees as openssl-verify.ts explains.
 */
export function verifySignature(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = vettedKey(publicKey);
    const sig = decodeSignature(signature);
    if (key.scheme !== sig.scheme) return false;
    return key.scheme === 'ed25519'
      ? sodium.crypto_sign_verify_detached(sig.raw, message, key.raw)
      : verifyP256WithOpenssl(key, message, sig.raw);
  } catch {
    return false;
  }
}

/** 'node': the node's verifier above; 'openssl': node:crypto for both schemes; 'noble': the rule itself. */
export type VerifyPath = 'node' | 'openssl' | 'noble';

/** Every path behind one signature, for benchmarks and cross-checks. */
export function verifierFor(path: VerifyPath): typeof verifySignature {
  return path === 'node' ? verifySignature : path === 'openssl' ? verifyWithOpenssl : verifyWithNoble;
}
