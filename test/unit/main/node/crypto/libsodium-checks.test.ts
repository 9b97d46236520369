import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sodium from 'sodium-native';
import { utf8 } from '../../../../../shared/crypto/index.ts';
import {
  challenge,
  craftSignature,
  encodeY,
  equationHolds,
  holder,
  L,
  P,
  Point,
  SMALL_ORDER_POINTS,
} from '../../../../helpers/ed25519-crafted.ts';

/**
 * libsodium on its own, without the rule's decoders in front: main/node/crypto/verify.ts argues agreement from these
 * checks of libsodium's, so a sodium-native upgrade that changed any of them must fail here, not in production.
 * Each refused input is one the bare cofactorless equation accepts, so only the named check can be refusing it.
 */
const verify = (rawKey: Uint8Array, message: Uint8Array, sig: Uint8Array) =>
  sodium.crypto_sign_verify_detached(sig.subarray(1), message, rawKey);

const ORDER_8 = SMALL_ORDER_POINTS.find((t) => !t.multiplyUnsafe(4n).is0())!;
const key = holder(0x3141592653589793238462643383279502884197169399375105820974944n);
const r = 2718281828n;
const R = Point.BASE.multiply(r).toBytes();

describe("libsodium's own Ed25519 checks are the ones verify.ts relies on", () => {
  it('accepts an honest signature, and refuses it on another message', () => {
    const message = utf8('honest');
    const sig = craftSignature(key, R, r, message);
    assert.equal(verify(key.raw, message, sig), true);
    assert.equal(verify(key.raw, utf8('other'), sig), false);
  });

  it('refuses S ≥ L (S + L, for which the equation holds)', () => {
    const message = utf8('S + L');
    const sig = craftSignature(key, R, r, message, L);
    assert.equal(equationHolds(key.raw, message, sig.subarray(1)), true);
    assert.equal(verify(key.raw, message, sig), false);
  });

  it('refuses R = identity with S = k·a (the equation holds)', () => {
    const message = utf8('identity R');
    const sig = craftSignature(key, Point.ZERO.toBytes(), 0n, message);
    assert.equal(equationHolds(key.raw, message, sig.subarray(1)), true);
    assert.equal(verify(key.raw, message, sig), false);
  });

  it('refuses the non-canonical identity y = p + 1 as R (the equation holds when decoded leniently)', () => {
    const message = utf8('p + 1');
    const sig = craftSignature(key, encodeY(P + 1n), 0n, message);
    assert.equal(equationHolds(key.raw, message, sig.subarray(1)), true);
    assert.equal(verify(key.raw, message, sig), false);
  });

  it('refuses every small-order key, and the non-canonical y = p and p + 1, though the equation holds', () => {
    const keys = [...SMALL_ORDER_POINTS.map((T) => T.toBytes()), encodeY(P), encodeY(P + 1n)];
    for (const raw of keys) {
      const T = Point.fromBytes(raw, true);
      let message = utf8('small-order key');
      for (let i = 0; !T.multiplyUnsafe(challenge(R, raw, message)).is0(); i++) message = utf8(`small-order key ${i}`);
      const sig = craftSignature({ a: 0n, raw }, R, r, message);
      assert.equal(equationHolds(raw, message, sig.subarray(1)), true);
      assert.equal(verify(raw, message, sig), false, `A = ${Buffer.from(raw).toString('hex')}`);
    }
  });

  it('accepts a mixed-order key and R whose torsion cancels (no subgroup check, like the rule)', () => {
    const mixed = holder(key.a, ORDER_8);
    const Rm = Point.BASE.multiply(r).add(ORDER_8).toBytes();
    let message = utf8('mixed');
    for (let i = 0; !ORDER_8.add(ORDER_8.multiplyUnsafe(challenge(Rm, mixed.raw, message))).is0(); i++) {
      message = utf8(`mixed ${i}`);
    }
    assert.equal(verify(mixed.raw, message, craftSignature(mixed, Rm, r, message)), true);
  });
});
