import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { generateSecretKey, keyId, publicKeyOf, signWithSecretKey } from '../../../../../shared/crypto/index.ts';
import { nodeCryptoEd25519Signer } from '../../../../../main/node/signer/node-crypto-signer.ts';

describe('node:crypto Ed25519 signer', () => {
  it('makes exactly the signatures noble makes, under the same key id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 100 }),
        async (seed, msg) => {
          const secret = generateSecretKey('ed25519', seed);
          const signer = nodeCryptoEd25519Signer('t', secret);
          assert.deepEqual(signer.publicKey, publicKeyOf('ed25519', secret));
          assert.equal(signer.id, keyId(signer.publicKey));
          assert.deepEqual(await signer.sign(msg), signWithSecretKey('ed25519', secret, msg));
        },
      ),
      { numRuns: 100 },
    );
  });
});
