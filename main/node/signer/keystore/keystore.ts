import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import {
  bytesToHex,
  equalBytes,
  generateSecretKey,
  hexToBytesStrict,
  keyId,
  publicKeyOf,
  type Scheme,
} from '../../../../shared/crypto/index.ts';
import { KeystoreError, KeystoreErrorCode as E } from './errors.ts';
import {
  DEFAULT_SCRYPT,
  KEYSTORE_KIND,
  KEYSTORE_VERSION,
  keystoreSchema,
  MAX_FILE_BYTES,
  parseKeystore,
  SIZES,
  type KeystoreFile,
  type KeystoreHeader,
} from './format.ts';
import { assertStrongEnough } from './passphrase.ts';
import { newKdfParams, newNonce, openKeystore, sealKeystore } from './seal.ts';
import { softwareSigner, type UnlockedSigner } from './software-signer.ts';

/**
 * The encrypted software keystore: one key per file, secret encrypted under a passphrase (scrypt + AES-256-GCM, see
 * format.ts). For development and small members; production keys belong on a PKCS#11 token.
 */

export interface CreateKeystoreOptions {
  label: string;
  scheme: Scheme;
  passphrase: string;
  /** scrypt cost; only N is tunable (tests use 2^14). Defaults to 2^17. */
  kdf?: { N?: number };
  /** Import this secret (32 bytes; the caller keeps and wipes its own copy). Default: a freshly generated key. */
  secretKey?: Uint8Array;
}

export interface KeystoreInfo {
  label: string;
  scheme: Scheme;
  /** Tagged public key. */
  publicKey: Uint8Array;
  /** keyId(publicKey): the signatory id. */
  id: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number };
  created: string;
}

/**
 * Creates a keystore file (mode 0600, in a directory created 0700). Never overwrites: an existing file is
 * KEYSTORE_EXISTS. The header is validated before the KDF runs, so this never writes a file unlockKeystore refuses.
 */
export function createKeystore(file: string, opts: CreateKeystoreOptions): { publicKey: Uint8Array; id: string } {
  assertStrongEnough(opts.passphrase);
  if (existsQuietly(file)) throw exists(file); // early, to skip the KDF; the 'wx' open below is the real guard
  const secret = ownSecret(opts);
  try {
    const publicKey = publicKeyOf(opts.scheme, secret);
    const header: KeystoreHeader = {
      kind: KEYSTORE_KIND,
      version: KEYSTORE_VERSION,
      label: opts.label,
      scheme: opts.scheme,
      publicKey: bytesToHex(publicKey),
      kdf: newKdfParams({ ...DEFAULT_SCRYPT, N: opts.kdf?.N ?? DEFAULT_SCRYPT.N }),
      cipher: { name: 'aes-256-gcm', nonce: newNonce() },
      created: new Date().toISOString(),
    };
    assertOpenable(header, file);
    const doc = sealKeystore(header, secret, opts.passphrase);
    writeNew(file, JSON.stringify(doc, null, 2) + '\n');
    return { publicKey, id: keyId(publicKey) };
  } finally {
    secret.fill(0);
  }
}

/** The public header of a keystore, without the passphrase: for `keys list` and `keys show`. */
export function readKeystoreInfo(file: string): KeystoreInfo {
  const doc = readKeystore(file);
  const publicKey = hexToBytesStrict(doc.publicKey);
  const { name, N, r, p } = doc.kdf;
  return {
    label: doc.label,
    scheme: doc.scheme,
    publicKey,
    id: keyId(publicKey),
    kdf: { name, N, r, p },
    created: doc.created,
  };
}

/**
 * Decrypts the key and returns a signer holding it until lock() or `idleMs` (default 5 minutes) without a signature.
 * Runs scrypt synchronously (~0.5 s at the default cost): unlocking is rare and interactive.
 */
export function unlockKeystore(file: string, passphrase: string, opts: { idleMs?: number } = {}): UnlockedSigner {
  const doc = readKeystore(file);
  const secret = openKeystore(doc, passphrase, file);
  try {
    // Defense in depth: GCM already authenticated the header, but a file sealed (by its passphrase holder, or a bug)
    // over the wrong public key must not produce a signer whose signatures fail or that signs as someone else.
    const publicKey = hexToBytesStrict(doc.publicKey);
    let derived: Uint8Array | undefined;
    try {
      derived = publicKeyOf(doc.scheme, secret);
    } catch {
      // not a valid secret for the scheme: handled as a mismatch below
    }
    if (!derived || !equalBytes(derived, publicKey)) {
      throw new KeystoreError(E.MISMATCH, `keystore ${file}: the decrypted key does not match its public key`);
    }
    return softwareSigner(doc.label, doc.scheme, publicKey, secret, opts);
  } catch (err) {
    secret.fill(0);
    throw err;
  }
}

function readKeystore(file: string): KeystoreFile {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new KeystoreError(E.NOT_FOUND, `no keystore at ${file}`);
    }
    throw err;
  }
  if (size > MAX_FILE_BYTES) throw new KeystoreError(E.MALFORMED, `keystore ${file} is malformed: too large`);
  return parseKeystore(readFileSync(file, 'utf8'), file);
}

/** The secret to seal, in a Buffer this module owns and wipes; an imported key is checked for its scheme. */
function ownSecret(opts: CreateKeystoreOptions): Buffer {
  if (opts.secretKey === undefined) {
    const generated = generateSecretKey(opts.scheme);
    const secret = Buffer.alloc(generated.length);
    secret.set(generated);
    generated.fill(0);
    return secret;
  }
  if (opts.secretKey.length !== SIZES.SECRET_BYTES) {
    throw new KeystoreError(E.INVALID_KEY, `a ${opts.scheme} secret key must be 32 bytes`);
  }
  const secret = Buffer.alloc(SIZES.SECRET_BYTES);
  secret.set(opts.secretKey);
  try {
    publicKeyOf(opts.scheme, secret);
  } catch {
    secret.fill(0);
    throw new KeystoreError(E.INVALID_KEY, `the secret key is not a valid ${opts.scheme} key`);
  }
  return secret;
}

/** Checks the header with the reader's own rules (label, KDF limits) before any scrypt runs. */
function assertOpenable(header: KeystoreHeader, file: string): void {
  const probe = {
    ...header,
    cipher: { ...header.cipher, tag: '00'.repeat(SIZES.TAG_BYTES) },
    ciphertext: '00'.repeat(SIZES.SECRET_BYTES),
  };
  const parsed = keystoreSchema.safeParse(probe);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid';
    throw new KeystoreError(E.MALFORMED, `cannot create keystore ${file}: ${where}`);
  }
}

/** Writes a new file 0600 with O_EXCL; a partial file left by a failed write is removed. */
function writeNew(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw exists(file);
    throw err;
  }
  let written = false;
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    written = true;
  } finally {
    closeSync(fd);
    if (!written) unlinkSync(file); // ours: O_EXCL created it
  }
}

function existsQuietly(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

function exists(file: string): KeystoreError {
  return new KeystoreError(E.EXISTS, `keystore ${file} already exists; refusing to overwrite a key`);
}
