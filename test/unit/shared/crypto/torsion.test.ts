import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ed25519 } from '@noble/curves/ed25519.js';
import { generateSecretKey, publicKeyOf, utf8, verifySignature } from '../../../../shared/crypto/index.ts';
import { torsionSignature } from '../../../helpers/ed25519-torsion.ts';
import { craftSignature, equationHolds, holder, Point } from '../../../helpers/ed25519-crafted.ts';

describe('Ed25519 rule: cofactorless, and no small-order R', () => {
  it('refuses a signature with a small-order component in R that a cofactored verifier accepts', () => {
    const sk = generateSecretKey('ed25519');
    const pk = publicKeyOf('ed25519', sk);
    const msg = utf8('crafted');
    const sig = torsionSignature(sk, msg);
    // noble's own verify checks the cofactored equation and accepts it: this is the case that would fork a network.
    assert.equal(ed25519.verify(sig.subarray(1), msg, pk.subarray(1), { zip215: false }), true);
    assert.equal(verifySignature(pk, msg, sig), false);
  });

  it('refuses R of small order even where the cofactorless equation holds (R = identity, S = k·a)', () => {
    const key = holder(0xc0ffeen);
    const msg = utf8('identity R');
    const sig = craftSignature(key, Point.ZERO.toBytes(), 0n, msg);
    assert.equal(equationHolds(key.raw, msg, sig.subarray(1)), true);
    assert.equal(verifySignature(key.publicKey, msg, sig), false);
  });
});
