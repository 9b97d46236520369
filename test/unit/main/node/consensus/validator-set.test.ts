import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ValidatorSet, timeoutFor, DEFAULT_TIMEOUTS } from '../../../../../main/node/consensus/index.ts';

const setOf = (powers: readonly number[]) => new ValidatorSet(powers.map((power, i) => ({ id: `v${i}`, power })));

describe('ValidatorSet quorum arithmetic', () => {
  it('quorum is the least power strictly above 2/3, skip threshold the least strictly above 1/3', () => {
    const cases: [number[], number, number][] = [
      [[1, 1, 1, 1], 3, 2],
      [[1, 1, 1], 3, 2],
      [[1, 1, 1, 1, 1, 1], 5, 3],
      [[1, 1, 1, 1, 1, 1, 1], 5, 3],
      [[1, 2, 3, 4], 7, 4],
      [[10, 20, 30, 40], 67, 34],
      [[5], 4, 2],
    ];
    for (const [powers, quorum, skip] of cases) {
      const set = setOf(powers);
      assert.equal(set.quorum, quorum, `quorum of ${powers.join(',')}`);
      assert.equal(set.skipThreshold, skip, `skip threshold of ${powers.join(',')}`);
      assert.equal(set.hasQuorum(quorum), true);
      assert.equal(set.hasQuorum(quorum - 1), false);
    }
  });

  it('quorum matches > 2/3 exactly for any weights', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 50 }), (powers) => {
        const set = setOf(powers);
        const t = set.totalPower;
        assert.ok(3 * set.quorum > 2 * t && 3 * (set.quorum - 1) <= 2 * t);
        assert.ok(3 * set.skipThreshold > t && 3 * (set.skipThreshold - 1) <= t);
      }),
    );
  });

  it('counts each validator once and ignores strangers', () => {
    const set = setOf([1, 2, 3, 4]);
    assert.equal(set.powerOfAll(['v3', 'v3', 'v1', 'x']), 6);
  });

  it('refuses empty sets, duplicate ids and non-positive or fractional powers', () => {
    assert.throws(() => setOf([]));
    assert.throws(
      () =>
        new ValidatorSet([
          { id: 'a', power: 1 },
          { id: 'a', power: 2 },
        ]),
    );
    assert.throws(() => setOf([0]));
    assert.throws(() => setOf([1.5]));
  });
});

describe('proposer selection (weighted round-robin by priority)', () => {
  it('rotates through equal powers in id order', () => {
    const set = setOf([1, 1, 1, 1]);
    const seq = Array.from({ length: 8 }, (_, k) => set.proposer(1, k));
    assert.deepEqual(seq, ['v0', 'v1', 'v2', 'v3', 'v0', 'v1', 'v2', 'v3']);
  });

  it('is a pure function of (set, height, round): order of queries and instances do not matter', () => {
    const a = setOf([3, 1, 4, 1, 5]);
    const b = setOf([3, 1, 4, 1, 5]);
    const far = b.proposer(1000, 7);
    const seqB = Array.from({ length: 50 }, (_, k) => b.proposer(1 + (k % 5), Math.floor(k / 5)));
    const seqA = Array.from({ length: 50 }, (_, k) => a.proposer(1 + (k % 5), Math.floor(k / 5)));
    assert.deepEqual(seqA, seqB);
    assert.equal(a.proposer(1000, 7), far);
    assert.equal(a.proposer(5, 3), a.proposer(8, 0), 'advances (height - 1) + round steps');
  });

  it('is fair: over total-power steps each validator proposes exactly its power times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 }), (powers) => {
        const set = setOf(powers);
        for (const window of [0, set.totalPower * 3]) {
          const counts = new Map<string, number>();
          for (let k = 0; k < set.totalPower; k++) {
            const id = set.proposer(1 + window + k, 0);
            counts.set(id, (counts.get(id) ?? 0) + 1);
          }
          powers.forEach((p, i) => assert.equal(counts.get(`v${i}`) ?? 0, p, `v${i} with power ${p}`));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the heaviest validator the first turn', () => {
    assert.equal(setOf([1, 2, 3, 4]).proposer(1, 0), 'v3');
  });
});

describe('timeouts', () => {
  it('grow linearly with the round', () => {
    assert.equal(timeoutFor(DEFAULT_TIMEOUTS, 'propose', 0), DEFAULT_TIMEOUTS.propose.baseMs);
    assert.equal(
      timeoutFor(DEFAULT_TIMEOUTS, 'prevote', 4),
      DEFAULT_TIMEOUTS.prevote.baseMs + 4 * DEFAULT_TIMEOUTS.prevote.deltaMs,
    );
  });
});
