import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  generateSecretKey,
  keyId,
  publicKeyOf,
  signWithSecretKey,
  utf8,
  verifySignature,
  type Scheme,
} from '../../../../../shared/crypto/index.ts';
import {
  createKeystore,
  DEFAULT_SCRYPT,
  KeystoreError,
  readKeystoreInfo,
  unlockKeystore,
} from '../../../../../main/node/signer/keystore/index.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-keystore-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (name = 'key') => path.join(dir, `${name}-${n++}`, 'k.json');

const FAST = { N: 2 ** 14 };
const PASS = 'correct horse battery';

const rejectsWith = (code: string) => (err: unknown) => err instanceof KeystoreError && err.code === code;

for (const scheme of ['ed25519', 'p256'] as Scheme[]) {
  describe(`keystore (${scheme})`, () => {
    it('create → info → unlock → sign: the signature verifies for the tagged public key', async () => {
      const file = fresh(scheme);
      const created = createKeystore(file, { label: 'treasury-1', scheme, passphrase: PASS, kdf: FAST });
      assert.equal(created.id, keyId(created.publicKey));

      const info = readKeystoreInfo(file);
      assert.equal(info.label, 'treasury-1');
      assert.equal(info.scheme, scheme);
      assert.deepEqual(info.publicKey, created.publicKey);
      assert.equal(info.id, created.id);
      assert.deepEqual(info.kdf, { name: 'scrypt', N: 2 ** 14, r: 8, p: 1 });

      const signer = unlockKeystore(file, PASS);
      try {
        assert.equal(signer.kind, 'software');
        assert.equal(signer.locked, false);
        assert.equal(signer.scheme, scheme);
        assert.deepEqual(signer.publicKey, created.publicKey);
        assert.equal(signer.id, created.id);
        // Many messages, so P-256 meets OpenSSL's high-S half and the low-S normalisation is exercised.
        for (let i = 0; i < 64; i++) {
          const msg = utf8(`transfer ${i}`);
          const sig = await signer.sign(msg);
          assert.ok(verifySignature(signer.publicKey, msg, sig), `signature ${i} verifies (noble, low-S)`);
          assert.ok(!verifySignature(signer.publicKey, utf8(`transfer ${i + 1}`), sig));
        }
      } finally {
        signer.lock();
      }
    });

    it('imports an existing secret key (Ed25519 signatures byte-equal to noble’s)', async () => {
      const secret = generateSecretKey(scheme);
      const file = fresh(scheme);
      const created = createKeystore(file, {
        label: 'imported',
        scheme,
        passphrase: PASS,
        kdf: FAST,
        secretKey: secret,
      });
      assert.deepEqual(created.publicKey, publicKeyOf(scheme, secret));
      const signer = unlockKeystore(file, PASS);
      const msg = utf8('settle bond');
      const sig = await signer.sign(msg);
      assert.ok(verifySignature(created.publicKey, msg, sig));
      if (scheme === 'ed25519') assert.deepEqual(sig, signWithSecretKey(scheme, secret, msg));
      signer.lock();
    });

    it('the file contains the secret in no encoding (binary, hex either case, base64, base64url)', () => {
      const secret = Buffer.from(generateSecretKey(scheme));
      const file = fresh(scheme);
      createKeystore(file, { label: 'scan', scheme, passphrase: PASS, kdf: FAST, secretKey: secret });
      const raw = readFileSync(file);
      const needles = [
        secret,
        Buffer.from(secret.toString('hex').toLowerCase()),
        Buffer.from(secret.toString('hex').toUpperCase()),
        Buffer.from(secret.toString('base64')),
        Buffer.from(secret.toString('base64url')),
        // base64 without padding, as some encoders emit it
        Buffer.from(secret.toString('base64').replace(/=+$/, '')),
      ];
      for (const needle of needles) assert.equal(raw.indexOf(needle), -1, `found ${needle.toString('latin1')}`);
      // and it does unlock to that very key
      const signer = unlockKeystore(file, PASS);
      assert.deepEqual(signer.publicKey, publicKeyOf(scheme, secret));
      signer.lock();
    });
  });
}

describe('keystore passphrases and files', () => {
  it('refuses a wrong passphrase with KEYSTORE_BAD_PASSPHRASE, saying nothing else', () => {
    const file = fresh();
    createKeystore(file, { label: 'a', scheme: 'ed25519', passphrase: PASS, kdf: FAST });
    for (const wrong of ['correct horse battery!', 'Correct horse battery', '', PASS.slice(0, -1)]) {
      assert.throws(
        () => unlockKeystore(file, wrong),
        (err: unknown) => {
          assert.ok(rejectsWith('KEYSTORE_BAD_PASSPHRASE')(err));
          assert.equal((err as Error).message, `wrong passphrase for keystore ${file} (or the file was altered)`);
          return true;
        },
      );
    }
  });

  it('normalises the passphrase (NFC), so a decomposed é unlocks what a composed é locked', () => {
    const file = fresh();
    createKeystore(file, { label: 'a', scheme: 'ed25519', passphrase: 'caf\u00e9 au lait', kdf: FAST });
    unlockKeystore(file, 'cafe\u0301 au lait').lock();
  });

  it('refuses empty and short passphrases at creation, writing nothing', () => {
    for (const passphrase of ['', 'short', '1234567']) {
      const file = fresh();
      assert.throws(
        () => createKeystore(file, { label: 'a', scheme: 'ed25519', passphrase, kdf: FAST }),
        rejectsWith('KEYSTORE_WEAK_PASSPHRASE'),
      );
      assert.throws(() => statSync(file), { code: 'ENOENT' });
    }
  });

  it('creates the file 0600 in a new directory 0700, and never overwrites it', () => {
    const file = fresh();
    createKeystore(file, { label: 'a', scheme: 'ed25519', passphrase: PASS, kdf: FAST });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(file)).mode & 0o077, 0, 'directory is owner-only');
    const before = readFileSync(file);
    assert.throws(
      () => createKeystore(file, { label: 'b', scheme: 'p256', passphrase: PASS, kdf: FAST }),
      rejectsWith('KEYSTORE_EXISTS'),
    );
    assert.deepEqual(readFileSync(file), before);
  });

  it('refuses an invalid imported key, a missing file and a KDF cost it would not open', () => {
    const p256Order = Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex');
    assert.throws(
      () => createKeystore(fresh(), { label: 'a', scheme: 'p256', passphrase: PASS, kdf: FAST, secretKey: p256Order }),
      rejectsWith('KEYSTORE_INVALID_KEY'),
    );
    assert.throws(
      () => createKeystore(fresh(), { label: 'a', scheme: 'ed25519', passphrase: PASS, secretKey: new Uint8Array(31) }),
      rejectsWith('KEYSTORE_INVALID_KEY'),
    );
    assert.throws(
      () => createKeystore(fresh(), { label: 'a', scheme: 'ed25519', passphrase: PASS, kdf: { N: 2 ** 10 } }),
      (err: unknown) => rejectsWith('KEYSTORE_MALFORMED')(err) && /kdf\.N/.test((err as Error).message),
    );
    assert.throws(
      () => createKeystore(fresh(), { label: '', scheme: 'ed25519', passphrase: PASS, kdf: FAST }),
      rejectsWith('KEYSTORE_MALFORMED'),
    );
    assert.throws(() => unlockKeystore(path.join(dir, 'nope.json'), PASS), rejectsWith('KEYSTORE_NOT_FOUND'));
    assert.throws(() => readKeystoreInfo(path.join(dir, 'nope.json')), rejectsWith('KEYSTORE_NOT_FOUND'));
  });

  it('works with the default scrypt parameters (N = 2^17, r = 8, p = 1)', (t) => {
    const file = fresh();
    const t0 = performance.now();
    createKeystore(file, { label: 'default', scheme: 'p256', passphrase: PASS });
    const t1 = performance.now();
    const signer = unlockKeystore(file, PASS);
    const t2 = performance.now();
    assert.deepEqual(readKeystoreInfo(file).kdf, { name: 'scrypt', ...DEFAULT_SCRYPT });
    const msg = utf8('default cost');
    assert.ok(verifySignature(signer.publicKey, msg, signer.sign(msg) as Uint8Array));
    signer.lock();
    t.diagnostic(`default scrypt: create ${(t1 - t0).toFixed(0)} ms, unlock ${(t2 - t1).toFixed(0)} ms`);
  });
});
