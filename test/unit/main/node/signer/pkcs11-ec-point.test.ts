import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ecPointFromAttribute, octetStringContent } from '../../../../../main/node/signer/pkcs11/ec-point.ts';

describe('CKA_EC_POINT unwrapping', () => {
  const p256Point = Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : i));
  const edPoint = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

  it('strips the short-form DER OCTET STRING header (04 41 / 04 20)', () => {
    assert.deepEqual(ecPointFromAttribute(Uint8Array.of(0x04, 0x41, ...p256Point), 'p256'), p256Point);
    assert.deepEqual(ecPointFromAttribute(Uint8Array.of(0x04, 0x20, ...edPoint), 'ed25519'), edPoint);
  });

  it('strips a long-form header (04 81 41), as some tokens write it', () => {
    assert.deepEqual(ecPointFromAttribute(Uint8Array.of(0x04, 0x81, 0x41, ...p256Point), 'p256'), p256Point);
    assert.deepEqual(ecPointFromAttribute(Uint8Array.of(0x04, 0x82, 0x00, 0x20, ...edPoint), 'ed25519'), edPoint);
    assert.deepEqual(octetStringContent(Uint8Array.of(0x04, 0x81, 0x80, ...new Uint8Array(0x80)))?.length, 0x80);
    assert.deepEqual(octetStringContent(Uint8Array.of(0x04, 0x82, 0x01, 0x00, ...new Uint8Array(256)))?.length, 256);
  });

  it('accepts a bare point from tokens that do not wrap it', () => {
    assert.deepEqual(ecPointFromAttribute(p256Point, 'p256'), p256Point);
    assert.deepEqual(ecPointFromAttribute(edPoint, 'ed25519'), edPoint);
    // A bare uncompressed point whose second byte happens to read as a short length is still the bare point.
    const tricky = Uint8Array.from(p256Point);
    tricky[1] = 0x3f;
    assert.deepEqual(ecPointFromAttribute(tricky, 'p256'), tricky);
  });

  it('refuses lengths that do not add up, indefinite lengths and other tags', () => {
    assert.equal(ecPointFromAttribute(Uint8Array.of(0x04, 0x20, ...edPoint, 0), 'ed25519'), undefined);
    assert.equal(ecPointFromAttribute(Uint8Array.of(0x04, 0x41, ...p256Point.subarray(1)), 'p256'), undefined);
    assert.equal(ecPointFromAttribute(Uint8Array.of(0x04, 0x1f, ...edPoint.subarray(1)), 'ed25519'), undefined);
    assert.equal(octetStringContent(Uint8Array.of(0x04, 0x80, ...edPoint, 0, 0)), undefined);
    assert.equal(octetStringContent(Uint8Array.of(0x03, 0x20, ...edPoint)), undefined);
  });
});
