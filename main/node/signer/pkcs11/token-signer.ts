import { encodeSignature, normalizeLowS, verifySignature } from '../../../../shared/crypto/index.ts';
import type { Signer } from '../interface.ts';
import { Pkcs11Error, Pkcs11ErrorCode as E } from './errors.ts';
import { findKeys, readPrivateKeyAttributes, type TokenKey } from './keys.ts';
import { openSession, type TokenSession } from './module.ts';
import { signRaw } from './sign.ts';

export interface TokenSignerOptions {
  /** The vendor's PKCS#11 library: /usr/lib/softhsm/libsofthsm2.so, OpenSC's opensc-pkcs11.so, ... */
  readonly modulePath: string;
  readonly tokenLabel: string;
  /** Which key: by CKA_LABEL, by CKA_ID, or both. With neither, the token must hold exactly one usable key. */
  readonly keyLabel?: string;
  readonly keyId?: Uint8Array;
  readonly pin: string;
}

export type TokenSigner = Signer & {
  readonly kind: 'pkcs11';
  readonly tokenLabel: string;
  /** Ends the session; signing afterwards fails. Waits for a signature in progress. */
  close(): void;
};

/**
 * A Signer whose private key lives on a PKCS#11 token. It holds one logged-in session and signs through it, one
 * signature at a time. Every signature leaves it as the ledger wants it: ECDSA normalised to low-S, tagged, and
 * checked against the public key (a token holding a mismatched key pair, or a faulty one, fails here, not on the
 * network; verifying costs ~1 ms, far below a token's own signing time).
 */
export function openTokenSigner(options: TokenSignerOptions): TokenSigner {
  const session = openSession(options.modulePath, options.tokenLabel, options.pin);
  let key: TokenKey;
  try {
    key = selectKey(session, options);
  } catch (err) {
    session.close();
    throw err;
  }

  // Cryptoki sessions are single-threaded: chain the signatures so C_SignInit/C_Sign pairs never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  let closing = false;

  async function signOnce(message: Uint8Array): Promise<Uint8Array> {
    if (closing) throw new Pkcs11Error(E.FAILED, `the signer for key '${key.label}' is closed`);
    const raw = await signRaw(session, key, message);
    const signature = encodeSignature(key.scheme, key.scheme === 'p256' ? normalizeLowS(raw) : raw);
    if (!verifySignature(key.publicKey, message, signature)) {
      throw new Pkcs11Error(
        E.FAILED,
        `token '${options.tokenLabel}' made a signature that does not verify with the public key of '${key.label}'; ` +
          `the key pair on the token is mismatched or the token is faulty`,
      );
    }
    return signature;
  }

  return {
    kind: 'pkcs11',
    tokenLabel: options.tokenLabel,
    label: key.label,
    scheme: key.scheme,
    publicKey: key.publicKey,
    id: key.id,
    sign(message: Uint8Array): Promise<Uint8Array> {
      const result = queue.then(() => signOnce(message));
      queue = result.catch(() => undefined);
      return result;
    },
    close() {
      if (closing) return;
      closing = true;
      void queue.then(() => session.close());
    },
  };
}

/** The one key the options name, and only if its value cannot leave the token. */
function selectKey(session: TokenSession, options: TokenSignerOptions): TokenKey {
  const query = {
    ...(options.keyLabel !== undefined && { label: options.keyLabel }),
    ...(options.keyId !== undefined && { id: options.keyId }),
  };
  const keys = findKeys(session, query);
  const named = describe(options);
  const [key, ...others] = keys;
  const suffix = named === '' ? '' : ` ${named}`;
  if (!key) {
    throw new Pkcs11Error(
      E.KEY_NOT_FOUND,
      `token '${options.tokenLabel}' has no usable P-256 or Ed25519 key pair${suffix} (a private key with its ` +
        `public key object); check the label or id, or generate the key on the token`,
    );
  }
  if (others.length > 0) {
    const labels = keys.map((k) => `'${k.label}'`).join(', ');
    throw new Pkcs11Error(
      E.FAILED,
      `token '${options.tokenLabel}' has ${keys.length} usable key pairs${suffix} (${labels}); name the key by ` +
        `label and id`,
    );
  }
  const attributes = readPrivateKeyAttributes(session, key.privateHandle);
  if (!attributes.sensitive || attributes.extractable) {
    throw new Pkcs11Error(
      E.FAILED,
      `key '${key.label}' on token '${options.tokenLabel}' can be exported (CKA_SENSITIVE false or CKA_EXTRACTABLE ` +
        `true); signatory keys must never leave the token, so generate a new one on it`,
    );
  }
  return key;
}

function describe(options: TokenSignerOptions): string {
  const parts: string[] = [];
  if (options.keyLabel !== undefined) parts.push(`labelled '${options.keyLabel}'`);
  if (options.keyId !== undefined) parts.push(`with id ${Buffer.from(options.keyId).toString('hex')}`);
  return parts.join(' and ');
}
