import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ed25519 } from '@noble/curves/ed25519.js';
import { generateSecretKey, publicKeyOf, utf8, verifySignature } from '../../../../shared/crypto/index.ts';
import { torsionSignature } from '../../../helpers/ed25519-torsion.ts';

describe('Ed25519 cofactorless rule', () => {
  it('refuses a signature with a small-order component in R that a cofactored verifier accepts', () => {
    const sk = generateSecretKey('ed25519');
    const pk = publicKeyOf('ed25519', sk);
    const msg = utf8('crafted');
    const sig = torsionSignature(sk, msg);
    // noble's own verify checks the cofactored equation and accepts it: this is the case that would fork a network.
    assert.equal(ed25519.verify(sig.subarray(1), msg, pk.subarray(1), { zip215: false }), true);
    assert.equal(verifySignature(pk, msg, sig), false);
  });
});
