import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { bytesToHex, hexToBytesStrict, keyId, SCHEMES, type Scheme } from '../../../shared/crypto/index.ts';
import { CodedError } from '../../../shared/errors.ts';
import { homePaths } from '../home/layout.ts';
import { loadKeyFile, readKeyFileInfo } from '../keys/key-file.ts';
import type { Signer } from './interface.ts';
import { readKeystoreInfo, unlockKeystore } from './keystore/index.ts';
import { openTokenSigner } from './pkcs11/index.ts';

/**
 * The signatory keys a node home knows, of three kinds, each in its own folder under keys/:
 *   signatories/LABEL.json  development key files (plain; devnets only)
 *   keystore/LABEL.json     encrypted software keys (passphrase)
 *   pkcs11/LABEL.json       references to keys on a PKCS#11 token (module, token, key label; PIN asked at use)
 * A label names one key across the three.
 */
export type KeyKind = 'dev' | 'software' | 'pkcs11';

export interface KeyEntry {
  readonly label: string;
  readonly kind: KeyKind;
  readonly scheme: Scheme;
  readonly publicKey: Uint8Array;
  readonly id: string;
  readonly file: string;
}

/** Secrets are asked for only when a key needs them. */
export interface SecretPrompts {
  passphrase(label: string): Promise<string>;
  pin(token: string): Promise<string>;
}

export class KeyRegistryError extends CodedError {
  override readonly name = 'KeyRegistryError';
}

const pkcs11RefSchema = z.strictObject({
  kind: z.literal('countersign-pkcs11-key'),
  label: z.string().min(1).max(64),
  module: z.string().min(1),
  token: z.string().min(1).max(32),
  keyLabel: z.string().min(1).max(64),
  scheme: z.enum(SCHEMES as [Scheme, ...Scheme[]]),
  publicKey: z.string().regex(/^[0-9a-f]+$/),
});
export type Pkcs11Ref = z.output<typeof pkcs11RefSchema>;

export function keyFolders(home: string) {
  const keys = homePaths(home).keys;
  return {
    dev: homePaths(home).signatoryKeys,
    software: path.join(keys, 'keystore'),
    pkcs11: path.join(keys, 'pkcs11'),
  } as const;
}

const LABEL = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function checkLabel(label: string): void {
  if (!LABEL.test(label)) {
    throw new KeyRegistryError('KEY_BAD_LABEL', `key label "${label}" must be 1–64 of a–z, 0–9, ".", "_" and "-"`);
  }
}

/** Every key in the home, sorted by label. */
export function listHomeKeys(home: string): KeyEntry[] {
  const folders = keyFolders(home);
  const entries: KeyEntry[] = [];
  for (const kind of ['dev', 'software', 'pkcs11'] as const) {
    const dir = folders[kind];
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      entries.push(describeKey(kind, path.join(dir, name)));
    }
  }
  return entries.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export function findHomeKey(home: string, label: string): KeyEntry {
  const found = listHomeKeys(home).find((k) => k.label === label);
  if (!found) {
    const known = listHomeKeys(home).map((k) => k.label);
    throw new KeyRegistryError(
      'UNKNOWN_SIGNER',
      `no key "${label}" in ${homePaths(home).keys}${known.length ? `; known: ${known.join(', ')}` : ''}`,
    );
  }
  return found;
}

/** Opens a key of any kind for signing, asking for its passphrase or PIN as needed. */
export async function openHomeSigner(home: string, label: string, prompts: SecretPrompts): Promise<Signer> {
  return openKeyEntry(findHomeKey(home, label), prompts);
}

export async function openKeyEntry(entry: KeyEntry, prompts: SecretPrompts): Promise<Signer> {
  switch (entry.kind) {
    case 'dev':
      return loadKeyFile(entry.file);
    case 'software':
      return unlockKeystore(entry.file, await prompts.passphrase(entry.label));
    case 'pkcs11': {
      const ref = readPkcs11Ref(entry.file);
      const signer = openTokenSigner({
        modulePath: ref.module,
        tokenLabel: ref.token,
        keyLabel: ref.keyLabel,
        pin: await prompts.pin(ref.token),
      });
      if (bytesToHex(signer.publicKey) !== ref.publicKey) {
        signer.close();
        throw new KeyRegistryError(
          'KEY_MISMATCH',
          `the key "${ref.keyLabel}" on token "${ref.token}" is not the one registered as "${ref.label}"`,
        );
      }
      return Object.assign(signer, { label: ref.label });
    }
  }
}

/** What a key file in one of the folders is, without opening it. */
export function describeKey(kind: KeyKind, file: string): KeyEntry {
  let label: string;
  let scheme: Scheme;
  let publicKey: Uint8Array;
  if (kind === 'software') {
    const info = readKeystoreInfo(file);
    ({ label, scheme, publicKey } = info);
  } else if (kind === 'pkcs11') {
    const ref = readPkcs11Ref(file);
    label = ref.label;
    scheme = ref.scheme;
    publicKey = hexToBytesStrict(ref.publicKey);
  } else {
    ({ label, scheme, publicKey } = readKeyFileInfo(file));
  }
  return { label, kind, scheme, publicKey, id: keyId(publicKey), file };
}

export function writePkcs11Ref(home: string, ref: Omit<Pkcs11Ref, 'kind'>): string {
  checkLabel(ref.label);
  const dir = keyFolders(home).pkcs11;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${ref.label}.json`);
  writeFileSync(file, JSON.stringify({ kind: 'countersign-pkcs11-key', ...ref }, null, 2) + '\n', {
    mode: 0o600,
    flag: 'wx',
  });
  return file;
}

function readPkcs11Ref(file: string): Pkcs11Ref {
  const parsed = pkcs11RefSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new KeyRegistryError('KEY_MALFORMED', `${file} is not a PKCS#11 key reference`);
  return parsed.data;
}

/** A key file given on its own (offline signing): a development key file or an encrypted keystore. */
export async function openKeyFileAlone(file: string, prompts: SecretPrompts): Promise<Signer> {
  if (!existsSync(file)) throw new KeyRegistryError('UNKNOWN_SIGNER', `no key file at ${file}`);
  const kind = (JSON.parse(readFileSync(file, 'utf8')) as { kind?: unknown }).kind;
  return openKeyEntry(describeKey(kind === 'countersign-keystore' ? 'software' : 'dev', file), prompts);
}
