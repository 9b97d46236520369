import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { bytesToHex, concatBytes } from './bytes.ts';
import { CryptoError, CryptoErrorCode as E } from './errors.ts';
import { HashTag, taggedHash } from './hash.ts';
import { PUBLIC_KEY_LENGTH, SCHEME_TAG, SIGNATURE_LENGTH, schemeOfTag, type Scheme } from './scheme.ts';

/** A public key as carried on the ledger: scheme tag byte ‖ raw key. */
export interface PublicKey {
  readonly scheme: Scheme;
  /** The key without its tag (what a library or token works with). */
  readonly raw: Uint8Array;
  /** Tag ‖ raw: the form that is stored, hashed and sent. */
  readonly bytes: Uint8Array;
}

/** A signature as carried on the ledger: scheme tag byte ‖ raw signature. */
export interface Signature {
  readonly scheme: Scheme;
  readonly raw: Uint8Array;
  readonly bytes: Uint8Array;
}

const P256_N = p256.Point.Fn.ORDER;
const ED25519_L = ed25519.Point.Fn.ORDER;
/** L as 32 little-endian bytes: S < L is checked on every signature, so without building a bigint. */
const ED25519_L_LE = Uint8Array.from({ length: 32 }, (_, i) => Number((ED25519_L >> BigInt(8 * i)) & 0xffn));

/** Whether the little-endian number `a` is below `b` (same length). */
function lessThanLe(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = a.length - 1; i >= 0; i--) {
    if (a[i] !== b[i]) return a[i]! < b[i]!;
  }
  return false;
}

export function encodePublicKey(scheme: Scheme, raw: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(SCHEME_TAG[scheme]), raw);
}

export function encodeSignature(scheme: Scheme, raw: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(SCHEME_TAG[scheme]), raw);
}

/**
 * Parses and validates a tagged public key. Ed25519 keys must be canonical encodings of points that are not of small
 * order; P-256 keys must be compressed points on the curve. Validating here, once, at the edge means verification
 * never meets a key that two implementations might treat differently.
 */
export function decodePublicKey(bytes: Uint8Array): PublicKey {
  const scheme = schemeOf(bytes, 'public key');
  const raw = bytes.subarray(1);
  if (raw.length !== PUBLIC_KEY_LENGTH[scheme]) {
    throw new CryptoError(
      E.BAD_LENGTH,
      `${scheme} public key must be ${PUBLIC_KEY_LENGTH[scheme]} bytes, got ${raw.length}`,
    );
  }
  if (scheme === 'ed25519') {
    let point;
    try {
      point = ed25519.Point.fromBytes(raw, false);
    } catch {
      throw new CryptoError(E.INVALID_POINT, 'ed25519 public key is not a canonical curve point');
    }
    if (point.isSmallOrder()) throw new CryptoError(E.WEAK_KEY, 'ed25519 public key is a small-order point');
  } else {
    try {
      p256.Point.fromBytes(raw).assertValidity();
    } catch {
      throw new CryptoError(E.INVALID_POINT, 'p256 public key is not a compressed point on the curve');
    }
  }
  return { scheme, raw, bytes };
}

/**
 * Parses a tagged signature and checks what can be checked without the message: length, scalar ranges and, for
 * ECDSA, low-S (a high-S signature is the same signature's malleated twin; only one of the two is accepted).
 */
export function decodeSignature(bytes: Uint8Array): Signature {
  const scheme = schemeOf(bytes, 'signature');
  const raw = bytes.subarray(1);
  if (raw.length !== SIGNATURE_LENGTH[scheme]) {
    throw new CryptoError(
      E.BAD_LENGTH,
      `${scheme} signature must be ${SIGNATURE_LENGTH[scheme]} bytes, got ${raw.length}`,
    );
  }
  if (scheme === 'ed25519') {
    if (!lessThanLe(raw.subarray(32), ED25519_L_LE)) {
      throw new CryptoError(E.SCALAR_OUT_OF_RANGE, 'ed25519 signature scalar S is not below the group order');
    }
  } else {
    const r = beToBigint(raw.subarray(0, 32));
    const s = beToBigint(raw.subarray(32));
    if (r === 0n || r >= P256_N || s === 0n || s >= P256_N) {
      throw new CryptoError(E.SCALAR_OUT_OF_RANGE, 'p256 signature r or s is out of range');
    }
    if (s > P256_N >> 1n) throw new CryptoError(E.HIGH_S, 'p256 signature is high-S; normalise it to low-S');
  }
  return { scheme, raw, bytes };
}

/** A short, stable identifier for a public key (40 hex digits), the same on every chain. */
export function keyId(publicKey: Uint8Array): string {
  return bytesToHex(taggedHash(HashTag.KEY_ID, '', publicKey).subarray(0, 20));
}

function schemeOf(bytes: Uint8Array, what: string): Scheme {
  if (bytes.length === 0) throw new CryptoError(E.BAD_LENGTH, `${what} is empty`);
  const scheme = schemeOfTag(bytes[0]!);
  if (!scheme) throw new CryptoError(E.UNKNOWN_SCHEME, `${what} has unknown scheme tag 0x${bytes[0]!.toString(16)}`);
  return scheme;
}

export function beToBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

export function leToBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}
