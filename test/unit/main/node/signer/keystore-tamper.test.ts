import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bytesToHex, generateSecretKey, publicKeyOf, type Scheme } from '../../../../../shared/crypto/index.ts';
import { createKeystore, KeystoreError, unlockKeystore } from '../../../../../main/node/signer/keystore/index.ts';
import type { KeystoreFile } from '../../../../../main/node/signer/keystore/format.ts';
import { newKdfParams, newNonce, sealKeystore } from '../../../../../main/node/signer/keystore/seal.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-keystore-tamper-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PASS = 'correct horse battery';
const REFUSALS = ['KEYSTORE_BAD_PASSPHRASE', 'KEYSTORE_MALFORMED', 'KEYSTORE_MISMATCH'];
const originals = new Map<Scheme, KeystoreFile>();

before(() => {
  for (const scheme of ['ed25519', 'p256'] as Scheme[]) {
    const file = path.join(dir, `${scheme}.json`);
    createKeystore(file, { label: 'treasury-1', scheme, passphrase: PASS, kdf: { N: 2 ** 14 } });
    originals.set(scheme, JSON.parse(readFileSync(file, 'utf8')) as KeystoreFile);
  }
});

let n = 0;
/** Writes a modified copy of a pristine file and returns its path. */
function tampered(scheme: Scheme, edit: (doc: KeystoreFile) => void, raw?: string): string {
  const doc = structuredClone(originals.get(scheme)!);
  edit(doc);
  const file = path.join(dir, `tampered-${n++}.json`);
  writeFileSync(file, raw ?? JSON.stringify(doc));
  return file;
}

/** Flips the last hex digit (stays valid hex, changes one byte). */
const flip = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');

function refused(file: string, code: string): void {
  assert.throws(
    () => unlockKeystore(file, PASS),
    (err: unknown) => {
      assert.ok(err instanceof KeystoreError, `not a KeystoreError: ${String(err)}`);
      assert.ok(REFUSALS.includes(err.code));
      assert.equal(err.code, code, err.message);
      return true;
    },
  );
}

/** The same object, writable under any key: for edits the schema's types forbid. */
const loose = (o: object) => o as Record<string, unknown>;

const otherKey = (scheme: Scheme) => bytesToHex(publicKeyOf(scheme, generateSecretKey(scheme)));

for (const scheme of ['ed25519', 'p256'] as Scheme[]) {
  describe(`a tampered keystore (${scheme}) never yields a signer`, () => {
    it('the pristine copy unlocks (the harness itself is sound)', () => {
      unlockKeystore(
        tampered(scheme, () => {}),
        PASS,
      ).lock();
    });

    const other: Scheme = scheme === 'ed25519' ? 'p256' : 'ed25519';
    const authenticated: [string, (d: KeystoreFile) => void][] = [
      ['label', (d) => (d.label = 'treasury-2')],
      ['publicKey (another valid key)', (d) => (d.publicKey = otherKey(scheme))],
      ['scheme and publicKey together', (d) => ((d.scheme = other), (d.publicKey = otherKey(other)))],
      ['kdf.salt', (d) => (d.kdf.salt = flip(d.kdf.salt))],
      ['kdf.N', (d) => (d.kdf.N = 2 ** 15)],
      ['kdf.r', (d) => (d.kdf.r = 9)],
      ['kdf.p', (d) => (d.kdf.p = 2)],
      ['cipher.nonce', (d) => (d.cipher.nonce = flip(d.cipher.nonce))],
      ['cipher.tag', (d) => (d.cipher.tag = flip(d.cipher.tag))],
      ['ciphertext', (d) => (d.ciphertext = flip(d.ciphertext))],
      ['created', (d) => (d.created = '2020-01-01T00:00:00.000Z')],
    ];
    for (const [field, edit] of authenticated) {
      it(`${field}: fails authentication (KEYSTORE_BAD_PASSPHRASE)`, () => {
        refused(tampered(scheme, edit), 'KEYSTORE_BAD_PASSPHRASE');
      });
    }

    const malformed: [string, (d: KeystoreFile) => void][] = [
      ['scheme (key tagged for the other)', (d) => (d.scheme = other)],
      ['publicKey (not a key)', (d) => (d.publicKey = 'ff'.repeat(33))],
      ['publicKey (upper-case hex)', (d) => (d.publicKey = d.publicKey.toUpperCase())],
      ['kind', (d) => (loose(d)['kind'] = 'countersign-dev-key')],
      ['version', (d) => (loose(d)['version'] = 2)],
      ['an extra field', (d) => (loose(d)['secretKey'] = '00'.repeat(32))],
      ['kdf.name', (d) => (loose(d.kdf)['name'] = 'pbkdf2')],
      ['kdf.dkLen', (d) => (loose(d.kdf)['dkLen'] = 16)],
      ['cipher.name', (d) => (loose(d.cipher)['name'] = 'aes-128-gcm')],
      ['cipher.tag (truncated)', (d) => (d.cipher.tag = d.cipher.tag.slice(0, 24))],
      ['ciphertext (truncated)', (d) => (d.ciphertext = d.ciphertext.slice(0, 62))],
      ['created (not a time)', (d) => (d.created = 'yesterday')],
    ];
    for (const [field, edit] of malformed) {
      it(`${field}: is malformed (KEYSTORE_MALFORMED)`, () => {
        refused(tampered(scheme, edit), 'KEYSTORE_MALFORMED');
      });
    }

    it('not JSON, or JSON of the wrong shape, is malformed', () => {
      for (const raw of ['', '{', 'null', '[]', '"keystore"', '{}']) {
        refused(
          tampered(scheme, () => {}, raw),
          'KEYSTORE_MALFORMED',
        );
      }
    });
  });
}

describe('keystore KDF limits', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['N below 2^14', { N: 2 ** 13 }, /kdf\.N/],
    ['N far below', { N: 2 }, /kdf\.N/],
    ['N above 2^20', { N: 2 ** 21 }, /kdf\.N/],
    ['N absurd', { N: 2 ** 40 }, /kdf\.N/],
    ['N not a power of two', { N: 3 * 2 ** 14 }, /kdf\.N/],
    ['N not an integer', { N: 16384.5 }, /kdf\.N/],
    ['N a string', { N: '16384' }, /kdf\.N/],
    ['r below 8', { r: 1 }, /kdf\.r/],
    ['r above 16', { r: 1000 }, /kdf\.r/],
    ['p zero', { p: 0 }, /kdf\.p/],
    ['p above 4', { p: 1000 }, /kdf\.p/],
    ['N·r·p above 2^23 (each field within its own limit)', { N: 2 ** 20, r: 16, p: 4 }, /kdf\.N.*2\^23/],
  ];
  for (const [name, kdf, field] of cases) {
    it(`${name}: refused before any scrypt runs, naming the field`, () => {
      const file = tampered('ed25519', (d) => Object.assign(d.kdf, kdf));
      const t0 = performance.now();
      assert.throws(
        () => unlockKeystore(file, PASS),
        (err: unknown) => {
          assert.ok(err instanceof KeystoreError);
          assert.equal(err.code, 'KEYSTORE_MALFORMED');
          assert.match(err.message, field);
          return true;
        },
      );
      // One scrypt at the floor (2^14) takes ~80 ms; a refusal is parsing only. Generous bound for loaded machines.
      const ms = performance.now() - t0;
      assert.ok(ms < 50, `took ${ms.toFixed(1)} ms`);
    });
  }
});

describe('keystore defense in depth', () => {
  it('a file sealed with the right passphrase over another public key is KEYSTORE_MISMATCH', () => {
    const secret = generateSecretKey('ed25519');
    const doc = sealKeystore(
      {
        kind: 'countersign-keystore',
        version: 1,
        label: 'forged',
        scheme: 'ed25519',
        publicKey: otherKey('ed25519'),
        kdf: newKdfParams({ N: 2 ** 14, r: 8, p: 1 }),
        cipher: { name: 'aes-256-gcm', nonce: newNonce() },
        created: new Date().toISOString(),
      },
      secret,
      PASS,
    );
    const file = path.join(dir, 'mismatch.json');
    writeFileSync(file, JSON.stringify(doc));
    refused(file, 'KEYSTORE_MISMATCH');
  });
});
