import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { KeystoreError, KeystoreErrorCode as E } from './errors.ts';
import { associatedData, SIZES, type KdfParams, type KeystoreFile, type KeystoreHeader } from './format.ts';
import { passphraseBytes } from './passphrase.ts';

/**
 * The cryptography of a keystore file: scrypt turns the passphrase into a 256-bit key, AES-256-GCM encrypts the
 * 32-byte secret with the header as associated data. Every temporary copy of key material made here is wiped
 * before returning; the only copy that survives is the Buffer handed to the caller, who owns (and wipes) it.
 */

/** Fresh salt and the given cost for a new file. */
export function newKdfParams(cost: { N: number; r: number; p: number }): KdfParams {
  return { name: 'scrypt', ...cost, salt: randomBytes(SIZES.SALT_BYTES).toString('hex'), dkLen: 32 };
}

/** A fresh GCM nonce. Each file has its own salt, hence its own key, so a nonce is never reused under a key. */
export function newNonce(): string {
  return randomBytes(SIZES.NONCE_BYTES).toString('hex');
}

function deriveKey(passphrase: string, kdf: KdfParams): Buffer {
  const pass = passphraseBytes(passphrase);
  try {
    // scrypt needs 128·r·N bytes for V plus 128·r·p for B; Node's default maxmem (32 MiB) is below the default cost.
    const maxmem = 128 * kdf.r * (kdf.N + kdf.p + 2) + 1024 * 1024;
    return scryptSync(pass, Buffer.from(kdf.salt, 'hex'), kdf.dkLen, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem });
  } finally {
    pass.fill(0);
  }
}

/** Encrypts `secret` under the passphrase; returns the complete file. Does not keep or modify `secret`. */
export function sealKeystore(header: KeystoreHeader, secret: Uint8Array, passphrase: string): KeystoreFile {
  const key = deriveKey(passphrase, header.kdf);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(header.cipher.nonce, 'hex'), {
      authTagLength: SIZES.TAG_BYTES,
    });
    cipher.setAAD(associatedData(header));
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
    const tag = cipher.getAuthTag();
    return {
      ...header,
      cipher: { ...header.cipher, tag: tag.toString('hex') },
      ciphertext: ciphertext.toString('hex'),
    };
  } finally {
    key.fill(0);
  }
}

/**
 * Decrypts the secret of a validated file. A wrong passphrase and an altered file both fail GCM authentication and
 * get the same error, which says nothing about which byte differed. The returned Buffer belongs to the caller.
 */
export function openKeystore(doc: KeystoreFile, passphrase: string, file: string): Buffer {
  const key = deriveKey(passphrase, doc.kdf);
  let plain: Buffer | undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(doc.cipher.nonce, 'hex'), {
      authTagLength: SIZES.TAG_BYTES,
    });
    decipher.setAAD(associatedData(doc));
    decipher.setAuthTag(Buffer.from(doc.cipher.tag, 'hex'));
    // GCM releases plaintext before it checks the tag; it is wiped below unless final() authenticates it.
    plain = decipher.update(Buffer.from(doc.ciphertext, 'hex'));
    decipher.final();
  } catch {
    plain?.fill(0);
    throw new KeystoreError(E.BAD_PASSPHRASE, `wrong passphrase for keystore ${file} (or the file was altered)`);
  } finally {
    key.fill(0);
  }
  // Own the secret in a Buffer of our own (Buffer.alloc never shares the pool), then wipe OpenSSL's output copy.
  const secret = Buffer.alloc(plain.length);
  plain.copy(secret);
  plain.fill(0);
  return secret;
}
