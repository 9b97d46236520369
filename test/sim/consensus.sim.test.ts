// Seeded consensus simulation: every fault type with 4 and 7 validators, invariants checked after each run
// (safety, liveness after GST, commit certificates, equivocation → evidence). Fixed seeds: deterministic in CI.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runSimulation } from './simulator.ts';
import type { NetworkConfig, SimConfig, SimResult } from './simulator.ts';

const RUNS_PER_SCENARIO = 15;
const TARGET_HEIGHT = 6;

const reliable: NetworkConfig = { minDelayMs: 5, maxDelayMs: 20, preGstExtraDelayMs: 0, dropRate: 0, duplicateRate: 0 };
const noisy: NetworkConfig = {
  minDelayMs: 1,
  maxDelayMs: 120,
  preGstExtraDelayMs: 400,
  dropRate: 0,
  duplicateRate: 0.2,
};
const lossy: NetworkConfig = { ...noisy, dropRate: 0.15 };

interface Scenario {
  readonly name: string;
  readonly make: (seed: number) => SimConfig;
}

const equal = (n: number) => Array.from({ length: n }, () => 1);

function base(seed: number, powers: readonly number[], network: NetworkConfig): SimConfig {
  return { seed, powers, targetHeight: TARGET_HEIGHT, network, gstMs: 0, livenessBoundMs: 60_000 };
}

function scenarios(n: 4 | 7): Scenario[] {
  const powers = equal(n);
  const weighted = n === 4 ? [1, 2, 3, 4] : [1, 1, 2, 2, 3, 3, 5];
  const byzantine = n === 4 ? [3] : [1, 4];
  const half = Array.from({ length: n }, (_, i) => i);
  return [
    { name: 'reliable network', make: (seed) => base(seed, powers, reliable) },
    {
      name: 'delays, reordering, duplication before and after GST',
      make: (seed) => ({ ...base(seed, powers, noisy), gstMs: 3_000 }),
    },
    { name: 'message drops', make: (seed) => ({ ...base(seed, powers, lossy), gstMs: 2_000 }) },
    {
      name: 'partition healing at GST',
      make: (seed) => ({
        ...base(seed, powers, noisy),
        gstMs: 4_000 + (seed % 5) * 500,
        partition: {
          groups: [half.filter((i) => i % 2 === seed % 2), half.filter((i) => i % 2 !== seed % 2)],
          fromMs: (seed % 3) * 300,
        },
      }),
    },
    {
      name: 'one crash-restart',
      make: (seed) => ({
        ...base(seed, powers, noisy),
        gstMs: 2_000,
        crash: { node: seed % n, atMs: 200 + (seed % 7) * 150, restartAtMs: 2_000 + (seed % 4) * 300 },
      }),
    },
    {
      name: `Byzantine equivocator${byzantine.length > 1 ? 's' : ''} (f = ${byzantine.length})`,
      make: (seed) => ({ ...base(seed, powers, noisy), gstMs: 1_000, byzantine }),
    },
    {
      name: 'weighted powers with drops and an equivocator below 1/3 of the power',
      make: (seed) => ({ ...base(seed, weighted, lossy), gstMs: 1_500, byzantine: [n === 4 ? 2 : 4] }),
    },
  ];
}

const results: { scenario: string; result: SimResult }[] = [];
const started = performance.now();

for (const n of [4, 7] as const) {
  describe(`consensus simulation, ${n} validators`, () => {
    scenarios(n).forEach((scenario, s) => {
      it(`${scenario.name}: ${RUNS_PER_SCENARIO} seeded runs`, () => {
        for (let k = 0; k < RUNS_PER_SCENARIO; k++) {
          const seed = n * 10_000 + s * 100 + k + 1;
          const result = runSimulation(scenario.make(seed));
          results.push({ scenario: `${n}/${scenario.name}`, result });
          assert.ok(result.ok, `seed ${seed}: ${result.failures.slice(0, 5).join('; ')}`);
        }
      });
    });
  });
}

after(() => {
  const runs = results.length;
  const minHeight = Math.min(...results.flatMap((r) => r.result.heights));
  const maxRound = Math.max(...results.map((r) => r.result.maxRound));
  const evidence = results.reduce((sum, r) => sum + r.result.evidenceCount, 0);
  const equivocating = results.filter((r) => r.result.equivocated).length;
  const messages = results.reduce((sum, r) => sum + r.result.messages, 0);
  const wall = Math.round(performance.now() - started);
  console.log(
    `consensus sim: ${runs} runs, ${results.filter((r) => r.result.ok).length} ok; lowest height of any node (Byzantine included) ${minHeight}` +
      ` (target ${TARGET_HEIGHT}); highest round ${maxRound}; ${equivocating} runs with equivocation,` +
      ` ${evidence} evidence effects; ${messages} messages; ${wall} ms`,
  );
});
