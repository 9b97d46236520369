import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isSmallOrderEncoding } from '../../../../../main/node/crypto/openssl-verify.ts';
import { encodeY, P, Point, SMALL_ORDER_POINTS } from '../../../../helpers/ed25519-crafted.ts';

/** The OpenSSL path's stand-in for the rule's `R.isSmallOrder()`, which OpenSSL itself does not check. */
describe('isSmallOrderEncoding', () => {
  it('noble’s torsion list is the 8 distinct points of small order', () => {
    const hexes = new Set(SMALL_ORDER_POINTS.map((t) => t.toHex()));
    assert.equal(hexes.size, 8);
    for (const t of SMALL_ORDER_POINTS) assert.ok(t.isSmallOrder() && t.multiplyUnsafe(8n).is0());
  });

  it('is true for each of them, with either sign bit', () => {
    for (const t of SMALL_ORDER_POINTS) {
      const bytes = t.toBytes();
      assert.equal(isSmallOrderEncoding(bytes), true, t.toHex());
      bytes[31]! ^= 0x80;
      assert.equal(isSmallOrderEncoding(bytes), true, `${t.toHex()} with the sign bit flipped`);
    }
  });

  it('is false for the non-canonical y = p and p + 1 (OpenSSL refuses those by comparing bytes)', () => {
    for (const y of [P, P + 1n]) assert.equal(isSmallOrderEncoding(encodeY(y)), false);
  });

  it('on random bytes, agrees with noble wherever noble decodes them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        let point;
        try {
          point = Point.fromBytes(bytes, false);
        } catch {
          return;
        }
        assert.equal(isSmallOrderEncoding(bytes), point.isSmallOrder());
      }),
      { numRuns: 300 },
    );
  });
});
