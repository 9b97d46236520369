import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { decodePublicKey, decodeSignature, verifySignature as verifyWithNoble } from '../../../shared/crypto/index.ts';

/**
 * The node's signature verification: the same rule as shared/crypto's verifySignature (which is the definition),
 * computed by OpenSSL through node:crypto, about 20× faster. Agreement on every input is what makes this allowed,
 * and test/unit/main/node/crypto cross-checks the two on standard vectors, random and mutated signatures and crafted
 * edge cases.
 *
 * Why they agree:
 * - Keys and signatures go through the same decoders first (canonical, not small-order Ed25519 keys; P-256 scalars in
 *   range and low-S), so OpenSSL never sees an input the rule has not already vetted.
 * - OpenSSL's Ed25519 check is cofactorless and compares R byte for byte, which is the rule; its ECDSA is standard
 *   ECDSA-SHA256 over the message, with the DER-free IEEE P1363 (r ‖ s) encoding.
 */
export function verifySignature(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  let key: KeyObject;
  try {
    key = keyObjectOf(publicKey);
    const sig = decodeSignature(signature);
    if (publicKey[0] !== signature[0]) return false; // scheme tags differ
    return sig.scheme === 'ed25519'
      ? cryptoVerify(null, message, key, sig.raw)
      : cryptoVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, sig.raw);
  } catch {
    return false;
  }
}

export type VerifyPath = 'node' | 'noble';

/** Both paths behind one signature, for benchmarks and cross-checks. */
export function verifierFor(path: VerifyPath): typeof verifySignature {
  return path === 'node' ? verifySignature : verifyWithNoble;
}

// DER SubjectPublicKeyInfo prefixes: id-Ed25519 (RFC 8410) and id-ecPublicKey with prime256v1 for a 33-byte point.
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const P256_COMPRESSED_SPKI = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

/** Validated keys, parsed once: building a KeyObject costs more than the verification it serves. */
const keyCache = new Map<string, KeyObject>();
const KEY_CACHE_LIMIT = 10_000;

function keyObjectOf(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('base64');
  let key = keyCache.get(id);
  if (key) return key;
  const parsed = decodePublicKey(publicKey); // throws on a key the rule refuses
  const prefix = parsed.scheme === 'ed25519' ? ED25519_SPKI : P256_COMPRESSED_SPKI;
  key = createPublicKey({ key: Buffer.concat([prefix, parsed.raw]), format: 'der', type: 'spki' });
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(id, key);
  return key;
}
