import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { generateSecretKey, publicKeyOf, utf8, verifySignature } from '../../../../../shared/crypto/index.ts';
import { createKeystore, KeystoreError, unlockKeystore } from '../../../../../main/node/signer/keystore/index.ts';
import { softwareSigner } from '../../../../../main/node/signer/keystore/software-signer.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-keystore-lock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PASS = 'correct horse battery';
const file = path.join(dir, 'k.json');
createKeystore(file, { label: 'officer', scheme: 'p256', passphrase: PASS, kdf: { N: 2 ** 14 } });

const isLocked = (err: unknown) => err instanceof KeystoreError && err.code === 'KEYSTORE_LOCKED';

describe('unlocked keystore signer', () => {
  it('lock() wipes the secret it owns, and sign() then throws KEYSTORE_LOCKED', () => {
    for (const scheme of ['ed25519', 'p256'] as const) {
      const secret = Buffer.from(generateSecretKey(scheme));
      const signer = softwareSigner('t', scheme, publicKeyOf(scheme, secret), secret);
      assert.ok(verifySignature(signer.publicKey, utf8('m'), signer.sign(utf8('m')) as Uint8Array));
      assert.ok(secret.some((b) => b !== 0));
      signer.lock();
      assert.equal(signer.locked, true);
      assert.ok(
        secret.every((b) => b === 0),
        'secret wiped',
      );
      assert.throws(() => signer.sign(utf8('m')), isLocked);
      signer.lock(); // idempotent
    }
  });

  it('an unlocked keystore locks on lock()', () => {
    const signer = unlockKeystore(file, PASS);
    signer.sign(utf8('before'));
    signer.lock();
    assert.equal(signer.locked, true);
    assert.throws(() => signer.sign(utf8('after')), isLocked);
  });

  it('locks itself after idleMs without a signature; each signature restarts the clock', async () => {
    const signer = unlockKeystore(file, PASS, { idleMs: 150 });
    await sleep(90);
    signer.sign(utf8('keep alive')); // restarts the 150 ms
    await sleep(90);
    assert.equal(signer.locked, false, '180 ms after unlock but only 90 ms after the last signature');
    signer.sign(utf8('still fine'));
    await sleep(300);
    assert.equal(signer.locked, true);
    assert.throws(() => signer.sign(utf8('late')), isLocked);
  });

  it('the idle timer never keeps a process alive', () => {
    const module = new URL('../../../../../main/node/signer/keystore/index.ts', import.meta.url).href;
    const script = path.join(dir, 'holder.ts');
    writeFileSync(
      script,
      `import { unlockKeystore } from ${JSON.stringify(module)};\n` +
        `const s = unlockKeystore(${JSON.stringify(file)}, ${JSON.stringify(PASS)});\n` +
        `s.sign(new Uint8Array(1));\nconsole.log(s.locked ? 'locked' : 'unlocked');\n`,
    );
    const t0 = performance.now();
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'unlocked');
    assert.ok(performance.now() - t0 < 30_000, 'exited without waiting for the 5-minute idle lock');
  });
});
