import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import {
  encodePublicKey,
  encodeSignature,
  generateSecretKey,
  publicKeyOf,
  utf8,
} from '../../../../../shared/crypto/index.ts';
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
  toLe32,
} from '../../../../helpers/ed25519-crafted.ts';
import { agree } from './agree.ts';

/**
 * Hand-built Ed25519 inputs at the corners where implementations differ. Each case says whether the bare cofactorless
 * equation holds (what the rule checked before small-order R was refused, and what a careless verifier would accept),
 * and then asks every path — the noble rule, libsodium (the node's verifier) and OpenSSL — for one common verdict.
 */

const ORDER_8 = SMALL_ORDER_POINTS.find((t) => !t.multiplyUnsafe(4n).is0())!;
const honest = holder(0x0123456789abcdef0123456789abcdef0123456789abcdefn);
const mixed = holder(0x0fedcba9876543210fedcba9876543210fedcba98765432n, ORDER_8);

/** The first message for which R's torsion and [k] times the key's torsion cancel (or, with `cancel` false, do not). */
function messageWhere(
  key: { raw: Uint8Array },
  rBytes: Uint8Array,
  torsionR: EdwardsPoint,
  torsionA: EdwardsPoint,
  cancel = true,
): Uint8Array {
  for (let i = 0; i < 1000; i++) {
    const message = utf8(`crafted ${i}`);
    const rest = torsionR.add(torsionA.multiplyUnsafe(challenge(rBytes, key.raw, message)));
    if (rest.is0() === cancel) return message;
  }
  throw new Error('no such message');
}

describe('Ed25519 edge cases: the rule, libsodium and OpenSSL give one verdict', () => {
  it('sanity: honest signatures from crafted keys, honest and mixed-order, are accepted', () => {
    const r = 777n;
    const R = Point.BASE.multiply(r).toBytes();
    for (const key of [honest, mixed]) {
      const message = key === mixed ? messageWhere(key, R, Point.ZERO, ORDER_8) : utf8('honest');
      assert.equal(agree(key.publicKey, message, craftSignature(key, R, r, message)), true);
    }
  });

  it('R = identity with S = k·a: the equation holds (the rule used to accept it); refused now by every path', () => {
    const message = utf8('identity R');
    const R = Point.ZERO.toBytes();
    const sig = craftSignature(honest, R, 0n, message);
    assert.equal(equationHolds(honest.raw, message, sig.subarray(1)), true);
    assert.equal(agree(honest.publicKey, message, sig), false);
  });

  it('every small-order R, with a mixed-order key whose torsion cancels it: the equation holds; all refuse', () => {
    for (const T of SMALL_ORDER_POINTS) {
      const R = T.toBytes();
      const message = messageWhere(mixed, R, T, ORDER_8);
      const sig = craftSignature(mixed, R, 0n, message);
      assert.equal(equationHolds(mixed.raw, message, sig.subarray(1)), true, `R = ${T.toHex()}`);
      assert.equal(agree(mixed.publicKey, message, sig), false, `R = ${T.toHex()}`);
    }
  });

  it('small-order R with the sign bit flipped (non-canonical when x = 0), any S: all refuse', () => {
    for (const T of SMALL_ORDER_POINTS) {
      const R = T.toBytes();
      R[31]! ^= 0x80;
      const message = utf8('flipped');
      for (const key of [honest, mixed])
        assert.equal(agree(key.publicKey, message, craftSignature(key, R, 0n, message)), false);
    }
  });

  it("R of mixed order: accepted by every path when the key's torsion cancels it, refused by all when not", () => {
    const r = 4242n;
    for (const T of SMALL_ORDER_POINTS.slice(1)) {
      const R = Point.BASE.multiply(r).add(T).toBytes();
      const message = messageWhere(mixed, R, T, ORDER_8);
      const sig = craftSignature(mixed, R, r, message);
      assert.equal(equationHolds(mixed.raw, message, sig.subarray(1)), true);
      assert.equal(agree(mixed.publicKey, message, sig), true, `R = [r]B + ${T.toHex()}`);
      const other = messageWhere(mixed, R, T, ORDER_8, false);
      const refused = craftSignature(mixed, R, r, other);
      assert.equal(equationHolds(mixed.raw, other, refused.subarray(1)), false);
      assert.equal(agree(mixed.publicKey, other, refused), false, `R = [r]B + ${T.toHex()}, not cancelled`);
    }
  });

  it('non-canonical R: identity as y = p + 1 or with the sign bit, S = k·a: the equation holds; all refuse', () => {
    const message = utf8('non-canonical identity');
    for (const R of [encodeY(P + 1n), encodeY(1n, 1)]) {
      const sig = craftSignature(honest, R, 0n, message);
      assert.equal(equationHolds(honest.raw, message, sig.subarray(1)), true);
      assert.equal(agree(honest.publicKey, message, sig), false);
    }
  });

  it('non-canonical R: y + p for every y below 19 that is on the curve, replacing a valid R; all refuse', () => {
    const message = utf8('non-canonical R');
    const r = 99n;
    const sig = craftSignature(honest, Point.BASE.multiply(r).toBytes(), r, message);
    assert.equal(agree(honest.publicKey, message, sig), true);
    const encodings = nonCanonicalEncodings();
    assert.ok(encodings.length >= 4, 'some small y are on the curve');
    for (const { y, bytes } of encodings) {
      const forged = Uint8Array.from(sig);
      forged.set(bytes, 1);
      assert.equal(agree(honest.publicKey, message, forged), false, `y = p + ${y}`);
    }
  });

  it('S ≥ L: S + L on a valid signature keeps the equation true; S = L and S = 2^256 − 1 too; all refuse', () => {
    const message = utf8('S out of range');
    const r = 31337n;
    const R = Point.BASE.multiply(r).toBytes();
    assert.equal(agree(honest.publicKey, message, craftSignature(honest, R, r, message)), true);
    const plusL = craftSignature(honest, R, r, message, L);
    assert.equal(equationHolds(honest.raw, message, plusL.subarray(1)), true);
    assert.equal(agree(honest.publicKey, message, plusL), false);
    for (const S of [L, 2n ** 256n - 1n]) {
      const sig = encodeSignature('ed25519', Uint8Array.from([...R, ...toLe32(S)]));
      assert.equal(agree(honest.publicKey, message, sig), false);
    }
  });

  it('small-order keys, all 8 and with the sign bit flipped, with a signature the equation accepts: all refuse', () => {
    const r = 5n;
    const R = Point.BASE.multiply(r).toBytes();
    for (const T of SMALL_ORDER_POINTS) {
      for (const flip of [0, 0x80]) {
        const raw = T.toBytes();
        raw[31]! ^= flip;
        const key = { a: 0n, raw, publicKey: encodePublicKey('ed25519', raw) };
        const message = flip ? utf8('flipped key') : messageWhere(key, R, Point.ZERO, T);
        const sig = craftSignature(key, R, r, message);
        if (!flip) assert.equal(equationHolds(raw, message, sig.subarray(1)), true);
        assert.equal(agree(key.publicKey, message, sig), false, `A = ${T.toHex()} flip ${flip}`);
      }
    }
  });

  it('non-canonical keys: y + p for every y below 19 on the curve, with either sign: all refuse', () => {
    const message = utf8('non-canonical A');
    const sig = craftSignature(honest, Point.BASE.multiply(3n).toBytes(), 3n, message);
    const encodings = nonCanonicalEncodings();
    assert.ok(encodings.length >= 4);
    for (const { y, bytes } of encodings) {
      assert.equal(agree(encodePublicKey('ed25519', bytes), message, sig), false, `y = p + ${y}`);
    }
  });

  it('scheme tags: wrong, unknown or mismatched tags on a valid Ed25519 signature or key; all refuse', () => {
    const message = utf8('tags');
    const r = 11n;
    const sig = craftSignature(honest, Point.BASE.multiply(r).toBytes(), r, message);
    assert.equal(agree(honest.publicKey, message, sig), true);
    const retag = (bytes: Uint8Array, tag: number) => Uint8Array.of(tag, ...bytes.subarray(1));
    const p256Key = publicKeyOf('p256', generateSecretKey('p256'));
    for (const tag of [0x00, 0x02, 0x03, 0xff]) {
      assert.equal(agree(honest.publicKey, message, retag(sig, tag)), false, `signature tag ${tag}`);
      assert.equal(agree(retag(honest.publicKey, tag), message, sig), false, `key tag ${tag}`);
      assert.equal(agree(retag(honest.publicKey, tag), message, retag(sig, tag)), false, `both tagged ${tag}`);
    }
    assert.equal(agree(p256Key, message, sig), false, 'a P-256 key with an Ed25519 signature');
  });
});

/** Non-canonical point encodings (y + p for y below 19, either sign) that a lenient decoder accepts as points. */
function nonCanonicalEncodings(): { y: bigint; bytes: Uint8Array }[] {
  const out: { y: bigint; bytes: Uint8Array }[] = [];
  for (let y = 0n; y < 19n; y++) {
    for (const sign of [0, 1] as const) {
      const bytes = encodeY(y + P, sign);
      if (decodesLeniently(bytes)) out.push({ y, bytes });
    }
  }
  return out;
}

function decodesLeniently(bytes: Uint8Array): boolean {
  try {
    Point.fromBytes(bytes, true);
    return true;
  } catch {
    return false;
  }
}
