import { z } from 'zod';
import { decodePublicKey, hexToBytesStrict, SCHEMES, type Scheme } from '../../../../shared/crypto/index.ts';
import { KeystoreError, KeystoreErrorCode as E } from './errors.ts';

/**
 * The keystore file, version 1: one key per JSON file, the secret encrypted with AES-256-GCM under a key derived
 * from the passphrase by scrypt. Everything but `cipher.tag` and `ciphertext` is the header; the header is public
 * (readable without the passphrase, for `keys list`) and authenticated as the AEAD's associated data.
 */
export const KEYSTORE_KIND = 'countersign-keystore';
export const KEYSTORE_VERSION = 1;

/** scrypt defaults for new files: 128 MiB and ~0.65 s on one core of our build machine. */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

/**
 * What an opened file may ask of scrypt. A file is attacker-controllable input: below the floor it would make the
 * passphrase cheap to guess, above the ceiling it would make unlocking hang or exhaust memory. Both are refused before
 * any scrypt runs. The work cap N·r·p ≤ 2^23 (= N 2^20 at r 8, p 1: about 1 GiB and ~8× the default time) bounds
 * the combinations the per-field limits alone would allow (2^20 · 16 · 4 would be 2 GiB and ~64× the default).
 */
export const SCRYPT_LIMITS = {
  minN: 2 ** 14,
  maxN: 2 ** 20,
  minR: 8,
  maxR: 16,
  minP: 1,
  maxP: 4,
  maxWork: 2 ** 23,
} as const;

const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const SECRET_BYTES = 32;
export const SIZES = { SALT_BYTES, NONCE_BYTES, TAG_BYTES, SECRET_BYTES } as const;

/** A larger file is not ours; checked before parsing so a huge file is not read into memory. */
export const MAX_FILE_BYTES = 64 * 1024;

const hex = (bytes: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `must be ${bytes} bytes as lower-case hex`);

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

const L = SCRYPT_LIMITS;
const kdfSchema = z
  .strictObject({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(L.minN, `must be at least 2^14 (${L.minN})`)
      .max(L.maxN, `must be at most 2^20 (${L.maxN})`)
      .refine(isPowerOfTwo, 'must be a power of two'),
    r: z.number().int().min(L.minR).max(L.maxR),
    p: z.number().int().min(L.minP).max(L.maxP),
    salt: hex(SALT_BYTES),
    dkLen: z.literal(32),
  })
  .refine((k) => k.N * k.r * k.p <= L.maxWork, {
    path: ['N'],
    message: `N·r·p must be at most 2^23 (${L.maxWork}): unlocking would take too long`,
  });

const cipherSchema = z.strictObject({
  name: z.literal('aes-256-gcm'),
  nonce: hex(NONCE_BYTES),
  tag: hex(TAG_BYTES),
});

export const keystoreSchema = z
  .strictObject({
    kind: z.literal(KEYSTORE_KIND),
    version: z.literal(KEYSTORE_VERSION),
    label: z.string().min(1).max(64),
    scheme: z.enum(SCHEMES as [Scheme, ...Scheme[]]),
    publicKey: z.string().regex(/^[0-9a-f]+$/, 'must be lower-case hex'),
    kdf: kdfSchema,
    cipher: cipherSchema,
    ciphertext: hex(SECRET_BYTES),
    created: z.iso.datetime(),
  })
  .superRefine((doc, ctx) => {
    // A key the ledger would refuse, or one tagged with another scheme, is a malformed file, not a wrong passphrase.
    try {
      const key = decodePublicKey(hexToBytesStrict(doc.publicKey));
      if (key.scheme !== doc.scheme)
        ctx.addIssue({ code: 'custom', path: ['publicKey'], message: `is not ${doc.scheme}` });
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['publicKey'], message: (err as Error).message });
    }
  });

export type KeystoreFile = z.infer<typeof keystoreSchema>;
export type KdfParams = KeystoreFile['kdf'];

/**
 * Validates a file's text. The version is checked first so a newer file gets "unsupported version", not a list of
 * unfamiliar fields. Errors name the field (`kdf.N: must be ...`).
 */
export function parseKeystore(text: string, file: string): KeystoreFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeystoreError(E.MALFORMED, `keystore ${file} is malformed: not JSON`);
  }
  if (typeof json === 'object' && json !== null && 'version' in json && json.version !== KEYSTORE_VERSION) {
    throw new KeystoreError(
      E.MALFORMED,
      `keystore ${file} is malformed: version: unsupported keystore version ${JSON.stringify(json.version)} (this build reads version ${KEYSTORE_VERSION})`,
    );
  }
  const parsed = keystoreSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new KeystoreError(E.MALFORMED, `keystore ${file} is malformed: ${where}${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The header fields: the whole file but the two that only encryption produces. */
export type KeystoreHeader = Omit<KeystoreFile, 'ciphertext' | 'cipher'> & {
  cipher: Omit<KeystoreFile['cipher'], 'tag'>;
};

/**
 * The AEAD associated data: every header field in a fixed order, as a JSON array behind a domain label. JSON
 * escapes strings and the positions are fixed, so two different headers never serialise alike; changing any field
 * (label, scheme, public key, KDF parameters, salt, nonce, creation time) makes decryption fail.
 */
export function associatedData(h: KeystoreHeader): Buffer {
  const fields = [
    h.kind,
    h.version,
    h.label,
    h.scheme,
    h.publicKey,
    h.kdf.name,
    h.kdf.N,
    h.kdf.r,
    h.kdf.p,
    h.kdf.salt,
    h.kdf.dkLen,
    h.cipher.name,
    h.cipher.nonce,
    h.created,
  ];
  return Buffer.from(`countersign-keystore/aad\n${JSON.stringify(fields)}`, 'utf8');
}
