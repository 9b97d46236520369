import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import {
  CryptoError,
  CryptoErrorCode as E,
  compressP256PublicKey,
  decodePublicKey,
  decodeSignature,
  encodePublicKey,
  encodeSignature,
  generateSecretKey,
  isLowS,
  keyId,
  normalizeLowS,
  publicKeyOf,
  signWithSecretKey,
  utf8,
  verifySignature,
} from '../../../../shared/crypto/index.ts';

const refused = (fn: () => unknown, code: string) =>
  assert.throws(fn, (err: unknown) => err instanceof CryptoError && err.code === code);

const N = p256.Point.Fn.ORDER;
const toBytes32 = (n: bigint) => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex'));
const fromBytes = (b: Uint8Array) => BigInt('0x' + Buffer.from(b).toString('hex'));

describe('scheme-tagged keys and signatures', () => {
  it('every key and signature starts with its scheme tag', () => {
    const ed = publicKeyOf('ed25519', generateSecretKey('ed25519'));
    const p = publicKeyOf('p256', generateSecretKey('p256'));
    assert.equal(ed[0], 0x01);
    assert.equal(ed.length, 33);
    assert.equal(p[0], 0x02);
    assert.equal(p.length, 34);
    assert.equal(decodePublicKey(ed).scheme, 'ed25519');
    assert.equal(decodePublicKey(p).scheme, 'p256');
  });
  it('refuses unknown schemes, wrong lengths and points off the curve', () => {
    refused(() => decodePublicKey(new Uint8Array()), E.BAD_LENGTH);
    refused(() => decodePublicKey(Uint8Array.of(0x09, ...new Uint8Array(32))), E.UNKNOWN_SCHEME);
    refused(() => decodePublicKey(Uint8Array.of(0x01, ...new Uint8Array(31))), E.BAD_LENGTH);
    refused(() => decodePublicKey(Uint8Array.of(0x02, 0x02, ...new Uint8Array(32).fill(0xff))), E.INVALID_POINT);
    // y = p (2^255 - 19) is a non-canonical encoding of y = 0
    const nonCanonical = new Uint8Array(32).fill(0xff);
    nonCanonical[0] = 0xed;
    nonCanonical[31] = 0x7f;
    refused(() => decodePublicKey(Uint8Array.of(0x01, ...nonCanonical)), E.INVALID_POINT);
  });
  it('refuses small-order Ed25519 keys (they verify signatures on anything)', () => {
    const identity = Uint8Array.of(1, ...new Uint8Array(31)); // the neutral point (0, 1)
    refused(() => decodePublicKey(Uint8Array.of(0x01, ...identity)), E.WEAK_KEY);
  });
  it('uncompressed SEC 1 points (as tokens return them) compress to the same key', () => {
    const sk = generateSecretKey('p256');
    const uncompressed = p256.getPublicKey(sk, false);
    assert.deepEqual(encodePublicKey('p256', compressP256PublicKey(uncompressed)), publicKeyOf('p256', sk));
  });
  it('key ids are 40 hex digits, stable and distinct', () => {
    const a = publicKeyOf('ed25519', new Uint8Array(32).fill(1));
    const b = publicKeyOf('ed25519', new Uint8Array(32).fill(2));
    assert.match(keyId(a), /^[0-9a-f]{40}$/);
    assert.equal(keyId(a), keyId(Uint8Array.from(a)));
    assert.notEqual(keyId(a), keyId(b));
  });
});

describe('ECDSA P-256 low-S rule', () => {
  it('normalises a high-S signature to the low-S one that verifies; the high-S one is refused', () => {
    const sk = generateSecretKey('p256');
    const pk = publicKeyOf('p256', sk);
    const msg = utf8('approve proposal 42');
    const low = signWithSecretKey('p256', sk, msg).subarray(1);
    assert.ok(isLowS(low));
    const high = Uint8Array.from([...low.subarray(0, 32), ...toBytes32(N - fromBytes(low.subarray(32)))]);
    assert.ok(!isLowS(high));
    // Plain ECDSA accepts both forms...
    assert.ok(p256.verify(high, msg, pk.subarray(1), { lowS: false, format: 'compact' }));
    // ...the ledger only the low one.
    refused(() => decodeSignature(encodeSignature('p256', high)), E.HIGH_S);
    assert.equal(verifySignature(pk, msg, encodeSignature('p256', high)), false);
    assert.deepEqual(normalizeLowS(high), low);
    assert.equal(verifySignature(pk, msg, encodeSignature('p256', normalizeLowS(high))), true);
    assert.deepEqual(normalizeLowS(low), low);
  });
  it('refuses r or s of zero or not below n', () => {
    const zero = new Uint8Array(64);
    refused(() => decodeSignature(encodeSignature('p256', zero)), E.SCALAR_OUT_OF_RANGE);
    const rIsN = Uint8Array.from([...toBytes32(N), ...toBytes32(1n)]);
    refused(() => decodeSignature(encodeSignature('p256', rIsN)), E.SCALAR_OUT_OF_RANGE);
  });
});

describe('Ed25519 validity rule', () => {
  it('signatures verify only for their message, key and scheme', () => {
    const sk = generateSecretKey('ed25519');
    const pk = publicKeyOf('ed25519', sk);
    const msg = utf8('transfer 100.00 CNY');
    const sig = signWithSecretKey('ed25519', sk, msg);
    assert.equal(verifySignature(pk, msg, sig), true);
    assert.equal(verifySignature(pk, utf8('transfer 900.00 CNY'), sig), false);
    assert.equal(verifySignature(publicKeyOf('ed25519', generateSecretKey('ed25519')), msg, sig), false);
    const relabelled = Uint8Array.from(sig);
    relabelled[0] = 0x02; // claim it is a P-256 signature
    assert.equal(verifySignature(pk, msg, relabelled), false);
  });
  it('refuses S ≥ L (the malleated twin of a valid signature)', () => {
    const sk = generateSecretKey('ed25519');
    const msg = utf8('m');
    const sig = signWithSecretKey('ed25519', sk, msg);
    const L = ed25519.Point.Fn.ORDER;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[1 + i]!);
    const sPlusL = s + L;
    const twin = Uint8Array.from(sig);
    for (let i = 0; i < 32; i++) twin[33 + i] = Number((sPlusL >> BigInt(8 * i)) & 0xffn);
    refused(() => decodeSignature(twin), E.SCALAR_OUT_OF_RANGE);
    assert.equal(verifySignature(publicKeyOf('ed25519', sk), msg, twin), false);
  });
});
