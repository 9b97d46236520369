import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { cutoffAfter, cutoffAtOrAfter, latestCutoff } from '../../../../../main/node/settlement/cycles.ts';
import { SettlementErrorCode as S } from '../../../../../main/node/settlement/errors.ts';
import { ASSET, eventsOf } from '../../../../helpers/ledger-harness.ts';
import {
  ALPHA,
  BETA,
  EUR,
  GAMMA,
  GENESIS_TIME,
  GOVERNANCE_SIGNERS,
  HOUR,
  pay,
  SettlementHarness,
  settlementGenesis,
} from '../../../../helpers/settlement.ts';

const MIN = 60_000n;
const FIRST = GENESIS_TIME + 10n * MIN;
const cycle = (onShortfall: 'all-or-nothing' | 'exclude') => ({
  asset: EUR,
  firstCutoff: FIRST,
  intervalMs: HOUR,
  onShortfall,
});
const net = (id: string, from: string, to: string, amount: bigint) =>
  pay(id, from, to, amount, { mode: 'deferred-net' });
const harness = (onShortfall: 'all-or-nothing' | 'exclude', eur: Partial<Record<string, bigint>> = {}) =>
  new SettlementHarness(settlementGenesis({ eur, cycles: [cycle(onShortfall)] }));

describe('cut-off arithmetic', () => {
  const c = { firstCutoff: 1_000n, intervalMs: 100n };
  it('cut-offs are firstCutoff + k × interval', () => {
    assert.deepEqual(
      [0n, 1_000n, 1_001n, 1_100n, 1_150n].map((t) => cutoffAtOrAfter(c, t)),
      [1_000n, 1_000n, 1_100n, 1_100n, 1_200n],
    );
    assert.deepEqual(
      [0n, 1_000n, 1_099n, 1_100n].map((t) => cutoffAfter(c, t)),
      [1_000n, 1_100n, 1_100n, 1_200n],
    );
    assert.deepEqual(
      [1_000n, 1_099n, 1_100n, 1_350n].map((t) => latestCutoff(c, t)),
      [1_000n, 1_000n, 1_100n, 1_300n],
    );
  });
});

describe('deferred net: multilateral netting at the cut-off', () => {
  it('nothing settles before the cut-off; at it, each participant moves only its net position', () => {
    const h = harness('all-or-nothing', { [ALPHA]: 40n });
    h.submit([net('ab', ALPHA, BETA, 100n), net('bc', BETA, GAMMA, 80n), net('ca', GAMMA, ALPHA, 70n)]);
    assert.deepEqual(
      ['ab', 'bc', 'ca'].map((id) => h.status(id)),
      ['queued', 'queued', 'queued'],
    );
    assert.equal(h.cycle(EUR)!.nextCutoff, FIRST);
    h.tick(FIRST - 1n);
    assert.equal(h.status('ab'), 'queued');
    const out = h.tick(FIRST);
    // Positions: ALPHA −100 + 70 = −30, BETA +100 − 80 = +20, GAMMA +80 − 70 = +10. ALPHA covers with 40.
    assert.deepEqual(
      eventsOf(out.blockEvents, 'settlement.net-position').map((e) => [e.account, e.delta]),
      [
        [ALPHA, -30n],
        [BETA, 20n],
        [GAMMA, 10n],
      ],
    );
    assert.deepEqual(eventsOf(out.blockEvents, 'settlement.cutoff'), [
      { type: 'settlement.cutoff', asset: EUR, cutoff: FIRST, outcome: 'settled', settled: 3, excluded: [] },
    ]);
    assert.deepEqual(
      ['ab', 'bc', 'ca'].map((id) => h.status(id)),
      ['settled', 'settled', 'settled'],
    );
    assert.deepEqual(h.instruction('bc').closed, {
      height: out.height,
      time: FIRST,
      code: 'OK',
      via: 'net',
      cutoff: FIRST,
    });
    assert.deepEqual([h.balance(ALPHA, EUR), h.balance(BETA, EUR), h.balance(GAMMA, EUR)], [10n, 20n, 10n]);
    // One balance change per participant, receivers first.
    assert.deepEqual(
      eventsOf(out.blockEvents, 'balance').map((e) => [e.account, e.delta]),
      [
        [BETA, 20n],
        [GAMMA, 10n],
        [ALPHA, -30n],
      ],
    );
    assert.equal(h.cycle(EUR)!.nextCutoff, FIRST + HOUR);
    assert.deepEqual(h.cycle(EUR)!.last, { height: out.height, time: FIRST, cutoff: FIRST });
  });

  it('all-or-nothing: one participant short means nothing settles; everything waits for the next cut-off', () => {
    const h = harness('all-or-nothing', { [ALPHA]: 29n });
    h.submit([net('ab', ALPHA, BETA, 100n), net('bc', BETA, GAMMA, 80n), net('ca', GAMMA, ALPHA, 70n)]);
    const out = h.tick(FIRST + 5n);
    assert.deepEqual(eventsOf(out.blockEvents, 'settlement.cutoff')[0], {
      type: 'settlement.cutoff',
      asset: EUR,
      cutoff: FIRST,
      outcome: 'failed',
      settled: 0,
      excluded: [ALPHA],
    });
    assert.deepEqual(
      ['ab', 'bc', 'ca'].map((id) => h.instruction(id).waiting),
      [S.NET_EXCLUDED, S.NET_EXCLUDED, S.NET_EXCLUDED],
    );
    assert.equal(h.balance(BETA, EUR), 0n);
    h.ok([{ type: 'asset.issue', asset: EUR, to: ALPHA, amount: 1n }], ['frank']);
    assert.equal(h.status('ab'), 'queued', 'net instructions wait for a cut-off, not for funds');
    h.tick(FIRST + HOUR);
    assert.deepEqual(
      ['ab', 'bc', 'ca'].map((id) => h.status(id)),
      ['settled', 'settled', 'settled'],
    );
  });

  it('exclude: participants that cannot cover are taken out with all their instructions, and the rest recomputed', () => {
    // GAMMA owes 50 net and holds nothing; without GAMMA, ALPHA and BETA offset exactly.
    const h = harness('exclude', {});
    h.submit([net('ab', ALPHA, BETA, 60n), net('ba', BETA, ALPHA, 60n), net('ga', GAMMA, ALPHA, 50n)]);
    const out = h.tick(FIRST);
    assert.deepEqual(eventsOf(out.blockEvents, 'settlement.cutoff')[0], {
      type: 'settlement.cutoff',
      asset: EUR,
      cutoff: FIRST,
      outcome: 'settled',
      settled: 2,
      excluded: [GAMMA],
    });
    assert.deepEqual(
      ['ab', 'ba', 'ga'].map((id) => h.status(id)),
      ['settled', 'settled', 'queued'],
    );
    assert.equal(h.instruction('ga').waiting, S.NET_EXCLUDED);
  });

  it("exclusion can cascade: without the excluded participant's payments another falls short", () => {
    // ALPHA pays BETA 100 and is paid 100 by GAMMA, who holds nothing and owes 100 net: GAMMA goes, then ALPHA
    // (now −100 with 0) goes too, and nothing is left.
    const h = harness('exclude', {});
    h.submit([net('ab', ALPHA, BETA, 100n), net('ga', GAMMA, ALPHA, 100n)]);
    const out = h.tick(FIRST);
    assert.deepEqual(eventsOf(out.blockEvents, 'settlement.cutoff')[0]!.excluded, [ALPHA, GAMMA]);
    assert.equal(eventsOf(out.blockEvents, 'settlement.cutoff')[0]!.outcome, 'failed');
  });

  it('instructions submitted after a cut-off, or not before a later time, wait for a later cut-off', () => {
    const h = harness('all-or-nothing', { [ALPHA]: 1_000n });
    h.submit([net('early', ALPHA, BETA, 10n), net('later', ALPHA, BETA, 10n)]);
    h.submit([{ ...net('not-before', ALPHA, BETA, 10n), settleAt: FIRST + 1n }]);
    h.tick(FIRST);
    assert.deepEqual(
      ['early', 'later', 'not-before'].map((id) => h.status(id)),
      ['settled', 'settled', 'queued'],
    );
    h.submit([net('after', ALPHA, BETA, 10n)], { at: FIRST + 10n });
    assert.equal(h.status('after'), 'queued');
    h.tick(FIRST + HOUR);
    assert.deepEqual(
      ['not-before', 'after'].map((id) => h.status(id)),
      ['settled', 'settled'],
    );
  });

  it('missed cut-offs collapse into one run in the first block after them', () => {
    const h = harness('all-or-nothing', { [ALPHA]: 1_000n });
    h.submit([net('p', ALPHA, BETA, 10n)]);
    const out = h.tick(FIRST + 3n * HOUR + 5n);
    assert.deepEqual(
      eventsOf(out.blockEvents, 'settlement.cutoff').map((e) => e.cutoff),
      [FIRST + 3n * HOUR],
    );
    assert.equal(h.cycle(EUR)!.nextCutoff, FIRST + 4n * HOUR);
  });

  it('an empty cut-off is recorded and moves the cycle on', () => {
    const h = harness('exclude');
    const out = h.tick(FIRST);
    assert.deepEqual(eventsOf(out.blockEvents, 'settlement.cutoff')[0]!.outcome, 'empty');
    assert.equal(h.cycle(EUR)!.nextCutoff, FIRST + HOUR);
  });
});

describe('settlement.cycle.set: governance changes cycles', () => {
  const set = {
    type: 'settlement.cycle.set',
    asset: EUR,
    firstCutoff: FIRST,
    intervalMs: 2n * HOUR,
    onShortfall: 'exclude',
  } as const;

  it('needs the governance policy', () => {
    const h = new SettlementHarness();
    h.fails(E.POLICY_NOT_SATISFIED, [set], ['alice', 'bob']);
    const out = h.ok([set], [...GOVERNANCE_SIGNERS]);
    assert.deepEqual(eventsOf(out.events, 'settlement.cycle-set'), [
      { type: 'settlement.cycle-set', asset: EUR, nextCutoff: FIRST },
    ]);
    assert.equal(h.cycle(EUR)!.intervalMs, 2n * HOUR);
  });

  it('a cycle set after its first cut-off starts at the next one on its schedule', () => {
    const h = new SettlementHarness();
    h.ok([set], [...GOVERNANCE_SIGNERS], { at: FIRST + 3n * HOUR });
    assert.equal(h.cycle(EUR)!.nextCutoff, FIRST + 4n * HOUR);
  });

  it('refuses securities and unknown assets, and intervals outside a minute to a year', () => {
    const h = new SettlementHarness();
    h.fails(E.CURRENCY_MISMATCH, [{ ...set, asset: ASSET.BOND }], [...GOVERNANCE_SIGNERS]);
    h.fails(E.UNKNOWN_ASSET, [{ ...set, asset: 'ZZZ' }], [...GOVERNANCE_SIGNERS]);
    assert.throws(
      () => h.tx([{ ...set, intervalMs: 59_999n }], [...GOVERNANCE_SIGNERS]),
      /intervalMs must be from 60000/,
    );
  });
});
