import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { encodePublicKey, encodeSignature } from './keys.ts';
import type { Scheme } from './scheme.ts';

/**
 * Software signing with a raw secret key, for the software keystore and for tests and simulations. Production keys
 * live in signer backends (main/node/signer) and never reach this module.
 */
/** A new secret key; `seed` (32 bytes for Ed25519, 48 for P-256) makes it deterministic, for tests and devnets. */
export function generateSecretKey(scheme: Scheme, seed?: Uint8Array): Uint8Array {
  return scheme === 'ed25519' ? ed25519.utils.randomSecretKey(seed) : p256.utils.randomSecretKey(seed);
}

/** The tagged public key of a secret key. P-256 keys are compressed. */
export function publicKeyOf(scheme: Scheme, secretKey: Uint8Array): Uint8Array {
  const raw = scheme === 'ed25519' ? ed25519.getPublicKey(secretKey) : p256.getPublicKey(secretKey, true);
  return encodePublicKey(scheme, raw);
}

/** A tagged signature; P-256 signatures are RFC 6979 deterministic, over SHA-256(message), and low-S. */
export function signWithSecretKey(scheme: Scheme, secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  const raw =
    scheme === 'ed25519'
      ? ed25519.sign(message, secretKey)
      : p256.sign(message, secretKey, { prehash: true, lowS: true, format: 'compact' });
  return encodeSignature(scheme, raw);
}
