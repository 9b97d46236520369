// Multi-round conflicting-lock schedules (Algorithm 1 lines 22–33): a Byzantine proposer and voter plus targeted
// message holds split the honest nodes' locks across rounds, then check SAFETY, LOCK discipline, NO-DOUBLE-VOTE and
// LIVENESS after GST (see adversary.ts). Seeded and deterministic.
//
// Roles at the attacked height H (4 equal validators, proposer of round r at height H = v((H − 1 + r) mod 4), the
// Byzantine process is the round-0 proposer):
// - split-lock: round 0 the Byzantine proposer sends A to L1 and L2, B to p1; L1 and L2 see a polka for A and lock,
//   p1 sees none; the Byzantine precommit for A reaches L1 only, which commits A. Round 1: p1 (unlocked) proposes
//   its own value fresh (vr = −1); locked L2 must prevote nil (line 22) — otherwise p1, L2 and the Byzantine vote
//   make a polka and a commit for another value.
// - valid-round: round 0 the Byzantine proposer sends B; only q sees a polka for B (lock B@0, validValue B@0). Round
//   1: a proposes A, a and c lock A@1, c commits A. Round 2: q proposes B with vr = 0 and a sees the old polka for B;
//   a is locked at round 1 > vr and must prevote nil (line 29).
// - chaos: random Byzantine votes and proposals every round, repeated partitions that heal mid-round, targeted holds
//   to a round ahead, an occasional crash-restart.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { honestValue, runAdversarial } from './adversary.ts';
import type { AdversarialResult } from './adversary.ts';
import { families, roles } from './locking-scenarios.ts';

const results: { family: string; seed: number; result: AdversarialResult }[] = [];
const started = performance.now();

describe('consensus locking under adversarial schedules, 4 validators (f = 1)', () => {
  families.forEach((family, f) => {
    it(`${family.name}: ${family.runs} seeded runs`, () => {
      for (let k = 0; k < family.runs; k++) {
        const seed = 90_000 + f * 1_000 + k;
        const result = runAdversarial(family.make(seed));
        results.push({ family: family.name, seed, result });
        assert.ok(result.ok, `seed ${seed}: ${result.failures.slice(0, 5).join('; ')}`);
      }
    });
  });

  it('the split-lock and valid-round schedules do build the conflicting locks they aim for', () => {
    const missing: string[] = [];
    for (const [f, family] of families.slice(0, 2).entries()) {
      for (let k = 0; k < family.runs; k++) {
        const seed = 90_000 + f * 1_000 + k;
        const { H, r1, r2, r3 } = roles(seed);
        const expected =
          f === 0
            ? [`${r2}/${H}/0/h${H}-vbyzA-r0`, `${r3}/${H}/0/h${H}-vbyzA-r0`]
            : [
                `${r2}/${H}/0/h${H}-vbyzB-r0`,
                `${r1}/${H}/1/${honestValue(H, r1, 1)}`,
                `${r3}/${H}/1/${honestValue(H, r1, 1)}`,
              ];
        const run = results.find((r) => r.seed === seed);
        assert.ok(run !== undefined);
        for (const e of expected) if (!run.result.lockEvents.includes(e)) missing.push(`seed ${seed}: no lock ${e}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});

after(() => {
  const wall = Math.round(performance.now() - started);
  const maxRound = Math.max(...results.map((r) => r.result.maxRound));
  const locks = results.reduce((s, r) => s + r.result.locks, 0);
  console.log(
    `locking sim: ${results.length} runs, ${results.filter((r) => r.result.ok).length} ok; highest round ${maxRound}; ${locks} locks; ${wall} ms`,
  );
});
