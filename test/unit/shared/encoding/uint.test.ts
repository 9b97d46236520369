import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeCanonical, encodeUnsigned, EncodingError } from '../../../../shared/encoding/index.ts';

describe('encodeUnsigned', () => {
  it('writes exactly what encodeCanonical writes, at every boundary and at random', () => {
    const boundaries = [0n, 23n, 24n, 255n, 256n, 65535n, 65536n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 64n - 1n];
    for (const n of boundaries) assert.deepEqual(encodeUnsigned(n), encodeCanonical(n), String(n));
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => {
        assert.deepEqual(encodeUnsigned(n), encodeCanonical(n));
      }),
      { numRuns: 5000 },
    );
  });
  it('refuses negative values and values beyond 64 bits', () => {
    assert.throws(() => encodeUnsigned(-1n), EncodingError);
    assert.throws(() => encodeUnsigned(2n ** 64n), EncodingError);
  });
});
