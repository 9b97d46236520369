import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodePublicKey, type Scheme } from '../../../shared/crypto/index.ts';

/** A public key the rule's decoder has accepted, in the forms the native verifiers take. */
export interface VettedKey {
  readonly scheme: Scheme;
  /** The raw key, copied once: the cache must not keep alive the (possibly large) buffer the key arrived in. */
  readonly raw: Uint8Array;
  /** node:crypto's parsed key, built on first use (only P-256, and the OpenSSL comparison path, need one). */
  keyObject: KeyObject | undefined;
}

/** Keys repeat (a consortium has a few hundred signatories), and decoding one costs more than the check it guards. */
const cache = new Map<string, VettedKey>();
const CACHE_LIMIT = 10_000;

/** The vetted form of a tagged public key; throws the decoder's error on a key the rule refuses. */
export function vettedKey(publicKey: Uint8Array): VettedKey {
  const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('base64');
  let key = cache.get(id);
  if (key) return key;
  const parsed = decodePublicKey(publicKey);
  key = { scheme: parsed.scheme, raw: Uint8Array.from(parsed.raw), keyObject: undefined };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(id, key);
  return key;
}

// DER SubjectPublicKeyInfo prefixes: id-Ed25519 (RFC 8410) and id-ecPublicKey with prime256v1 for a 33-byte point.
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const P256_COMPRESSED_SPKI = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

/** node:crypto's KeyObject for a vetted key, parsed once. */
export function keyObjectOf(key: VettedKey): KeyObject {
  if (key.keyObject) return key.keyObject;
  const prefix = key.scheme === 'ed25519' ? ED25519_SPKI : P256_COMPRESSED_SPKI;
  key.keyObject = createPublicKey({ key: Buffer.concat([prefix, key.raw]), format: 'der', type: 'spki' });
  return key.keyObject;
}
