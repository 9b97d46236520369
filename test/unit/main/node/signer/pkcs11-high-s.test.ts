import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { p256 } from '@noble/curves/nist.js';
import {
  decodePublicKey,
  decodeSignature,
  encodeSignature,
  isLowS,
  normalizeLowS,
  utf8,
  verifySignature,
} from '../../../../../shared/crypto/index.ts';
import {
  generateKeyPair,
  openSession,
  openTokenSigner,
  signRaw,
} from '../../../../../main/node/signer/pkcs11/index.ts';
import { createSoftHsmToken } from '../../../../helpers/softhsm.ts';

// Acceptance: a token's ECDSA signatures are high-S about half the time. The ledger refuses those, so the PKCS#11
// signer must normalise them. Own token store (SoftHSM reads its config once per process).
const hsm = createSoftHsmToken({ label: 'high-s' });
after(() => hsm.cleanup());

describe('PKCS#11 P-256 signatures and low-S', () => {
  it('refuses a raw high-S token signature and accepts it normalised; the signer never emits high-S', async () => {
    const { modulePath, tokenLabel, pin } = hsm;
    const session = openSession(modulePath, tokenLabel, pin);
    let message: Uint8Array | undefined;
    let raw: Uint8Array | undefined;
    let publicKey: Uint8Array;
    try {
      const key = generateKeyPair(session, { scheme: 'p256', label: 'validator' });
      publicKey = key.publicKey;
      // Each try is high-S with probability ~1/2: 64 tries all failing is a 2^-64 event, not a flake.
      for (let i = 0; i < 64 && !raw; i++) {
        const m = utf8(`block ${i}`);
        const signature = await signRaw(session, key, m);
        if (!isLowS(signature)) [message, raw] = [m, signature];
      }
    } finally {
      session.close();
    }
    assert.ok(message && raw, 'the token made no high-S signature in 64 tries');

    // It is a genuine ECDSA-SHA256 signature by the token's key...
    const pointBytes = decodePublicKey(publicKey).raw;
    assert.ok(p256.verify(raw, message, pointBytes, { prehash: true, lowS: false, format: 'compact' }));
    // ...which the ledger refuses as it stands,
    const tagged = encodeSignature('p256', raw);
    assert.throws(() => decodeSignature(tagged), { code: 'CRYPTO_HIGH_S' });
    assert.equal(verifySignature(publicKey, message, tagged), false);
    // and accepts once normalised to low-S.
    const normalised = encodeSignature('p256', normalizeLowS(raw));
    assert.ok(verifySignature(publicKey, message, normalised));

    // The signer does that itself, every time.
    const signer = openTokenSigner({ modulePath, tokenLabel, keyLabel: 'validator', pin });
    try {
      for (let i = 0; i < 32; i++) {
        const m = utf8(`block ${i}`);
        const signature = await signer.sign(m);
        assert.ok(isLowS(signature.subarray(1)));
        assert.ok(verifySignature(signer.publicKey, m, signature));
      }
    } finally {
      signer.close();
    }
  });
});
