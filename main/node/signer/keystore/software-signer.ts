import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import { encodeSignature, keyId, normalizeLowS, type Scheme } from '../../../../shared/crypto/index.ts';
import type { Signer } from '../interface.ts';
import { KeystoreError, KeystoreErrorCode as E } from './errors.ts';

/** A keystore key while it is unlocked. lock() wipes the secret; afterwards sign() throws KEYSTORE_LOCKED. */
export interface UnlockedSigner extends Signer {
  readonly kind: 'software';
  readonly locked: boolean;
  lock(): void;
}

export const DEFAULT_IDLE_MS = 5 * 60 * 1000;
/** setTimeout's ceiling; a longer idle time is clamped to it rather than firing at once (Node's overflow rule). */
const MAX_TIMER_MS = 2 ** 31 - 1;

// DER wrappers around a raw 32-byte secret: PKCS#8 for Ed25519 (RFC 8410), SEC 1 ECPrivateKey for P-256 without
// the optional public key (OpenSSL derives it).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const P256_SEC1_PREFIX = Buffer.from('30310201010420', 'hex');
const P256_SEC1_SUFFIX = Buffer.from('a00a06082a8648ce3d030107', 'hex');

/** prefix ‖ secret ‖ suffix in a Buffer of its own (Buffer.concat may carve it from the shared pool). */
function wrap(prefix: Buffer, secret: Buffer, suffix: Buffer = Buffer.alloc(0)): Buffer {
  const der = Buffer.alloc(prefix.length + secret.length + suffix.length);
  prefix.copy(der);
  secret.copy(der, prefix.length);
  suffix.copy(der, prefix.length + secret.length);
  return der;
}

/**
 * Signs with node:crypto (OpenSSL). The private key object is built per signature from a DER copy that is wiped at
 * once, so the secret's one long-lived copy is the Buffer that lock() wipes; OpenSSL clears its own copy when the key
 * object is collected. P-256 signatures come out as r ‖ s and are normalised to low-S, as the ledger requires.
 */
function signOnce(scheme: Scheme, secret: Buffer, message: Uint8Array): Uint8Array {
  const der =
    scheme === 'ed25519' ? wrap(ED25519_PKCS8_PREFIX, secret) : wrap(P256_SEC1_PREFIX, secret, P256_SEC1_SUFFIX);
  try {
    if (scheme === 'ed25519') {
      const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      return encodeSignature(scheme, new Uint8Array(cryptoSign(null, message, key)));
    }
    const key = createPrivateKey({ key: der, format: 'der', type: 'sec1' });
    const raw = new Uint8Array(cryptoSign('sha256', message, { key, dsaEncoding: 'ieee-p1363' }));
    return encodeSignature(scheme, normalizeLowS(raw));
  } finally {
    der.fill(0);
  }
}

/**
 * A signer that takes ownership of `secret` (the caller must not keep or reuse it): it is wiped on lock(), which
 * also happens after `idleMs` without a signature. The idle timer is unref()ed so an unlocked key never keeps a
 * process alive; every signature restarts it. `idleMs: Infinity` disables the auto-lock.
 */
export function softwareSigner(
  label: string,
  scheme: Scheme,
  publicKey: Uint8Array,
  secret: Buffer,
  opts: { idleMs?: number } = {},
): UnlockedSigner {
  const idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
  if (!(idleMs > 0)) throw new RangeError(`idleMs must be positive, got ${idleMs}`);
  let held: Buffer | undefined = secret;
  let timer: NodeJS.Timeout | undefined;

  const lock = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    held?.fill(0);
    held = undefined;
  };
  if (Number.isFinite(idleMs)) timer = setTimeout(lock, Math.min(idleMs, MAX_TIMER_MS)).unref();

  return {
    kind: 'software',
    label,
    scheme,
    publicKey,
    id: keyId(publicKey),
    get locked() {
      return held === undefined;
    },
    lock,
    sign(message: Uint8Array): Uint8Array {
      if (!held) throw new KeystoreError(E.LOCKED, `keystore key "${label}" is locked; unlock it again to sign`);
      const signature = signOnce(scheme, held, message);
      timer?.refresh();
      return signature;
    },
  };
}
