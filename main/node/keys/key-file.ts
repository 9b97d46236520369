import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  bytesToHex,
  generateSecretKey,
  hexToBytesStrict,
  keyId,
  publicKeyOf,
  SCHEMES,
  signWithSecretKey,
  type Scheme,
} from '../../../shared/crypto/index.ts';

/**
 * Plain key files for development networks: a secret key in hex, readable by the owner only (0600).
 * They exist so `countersign devnet` works in one command. Production keys belong in the encrypted keystore or a
 * PKCS#11 token (the signer work); nothing here is meant for real money.
 */
const keyFileSchema = z.strictObject({
  kind: z.literal('countersign-dev-key'),
  label: z.string().min(1).max(64),
  scheme: z.enum(SCHEMES as [Scheme, ...Scheme[]]),
  publicKey: z.string().regex(/^[0-9a-f]+$/),
  secretKey: z.string().regex(/^[0-9a-f]+$/),
});

/** A key that can sign; its secret stays inside the closure. */
export interface DevSigner {
  readonly label: string;
  readonly scheme: Scheme;
  readonly publicKey: Uint8Array;
  readonly id: string;
  sign(message: Uint8Array): Uint8Array;
}

function toSigner(label: string, scheme: Scheme, secret: Uint8Array): DevSigner {
  const publicKey = publicKeyOf(scheme, secret);
  return { label, scheme, publicKey, id: keyId(publicKey), sign: (m) => signWithSecretKey(scheme, secret, m) };
}

export function createKeyFile(file: string, label: string, scheme: Scheme = 'ed25519', seed?: Uint8Array): DevSigner {
  if (existsSync(file)) throw new Error(`key file ${file} already exists; refusing to overwrite a key`);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = generateSecretKey(scheme, seed);
  const signer = toSigner(label, scheme, secret);
  const body = {
    kind: 'countersign-dev-key',
    label,
    scheme,
    publicKey: bytesToHex(signer.publicKey),
    secretKey: bytesToHex(secret),
  };
  writeFileSync(file, JSON.stringify(body, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return signer;
}

function readKeyFile(file: string): z.output<typeof keyFileSchema> {
  if (!existsSync(file)) throw new Error(`no key file at ${file}`);
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600); // keep secrets owner-only
  const parsed = keyFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`key file ${file} is malformed: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

export function loadKeyFile(file: string): DevSigner {
  const data = readKeyFile(file);
  const signer = toSigner(data.label, data.scheme, hexToBytesStrict(data.secretKey));
  if (bytesToHex(signer.publicKey) !== data.publicKey) throw new Error(`key file ${file}: public key does not match`);
  return signer;
}

/**
 * A key file's label, scheme and stated public key, without deriving the key from the secret (listing a home's keys
 * must not cost a key derivation per key; loadKeyFile checks the stated key against the secret before any signing).
 */
export function readKeyFileInfo(file: string): { label: string; scheme: Scheme; publicKey: Uint8Array } {
  const { label, scheme, publicKey } = readKeyFile(file);
  return { label, scheme, publicKey: hexToBytesStrict(publicKey) };
}
