import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitProRata } from '../../../../../main/node/contracts/pro-rata.ts';

describe('splitProRata: largest remainder', () => {
  it('worked examples', () => {
    // 100001 over 1000/700/300: floors 50000, 35000, 15000; the unit left goes to the largest remainder.
    assert.deepEqual(splitProRata(100_001n, [1000n, 700n, 300n]), [50_001n, 35_000n, 15_000n]);
    // Equal remainders: the earlier holders (account order) get the units left over.
    assert.deepEqual(splitProRata(2n, [5n, 5n, 5n]), [1n, 1n, 0n]);
    assert.deepEqual(splitProRata(10n, [0n, 3n, 0n]), [0n, 10n, 0n]);
    assert.deepEqual(splitProRata(10n, [0n, 0n]), [0n, 0n]);
    assert.deepEqual(splitProRata(0n, [1n, 2n]), [0n, 0n]);
  });

  it('always splits the total exactly, each share its floor or one more, the extra units by remainder', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.array(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const shares = splitProRata(total, weights);
          const sum = weights.reduce((a, w) => a + w, 0n);
          assert.equal(shares.length, weights.length);
          if (sum === 0n) return assert.ok(shares.every((s) => s === 0n));
          assert.equal(
            shares.reduce((a, s) => a + s, 0n),
            total,
          );
          const floors = weights.map((w) => (total * w) / sum);
          const rems = weights.map((w) => (total * w) % sum);
          shares.forEach((s, i) => assert.ok(s === floors[i] || s === floors[i]! + 1n));
          // Whoever got an extra unit ranks, by (remainder desc, position asc), before whoever did not.
          for (let i = 0; i < shares.length; i++) {
            for (let j = 0; j < shares.length; j++) {
              if (shares[i] === floors[i]! + 1n && shares[j] === floors[j]) {
                assert.ok(rems[i]! > rems[j]! || (rems[i] === rems[j] && i < j), `${i} before ${j}`);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
