import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasDueWork } from '../../../../../main/node/ledger/end-block.ts';
import { LedgerState } from '../../../../../main/node/ledger/ledger-state.ts';
import { StateOverlay } from '../../../../../main/node/ledger/overlay.ts';
import { ASSET, eventsOf } from '../../../../helpers/ledger-harness.ts';
import { ALPHA, BETA, EUR, GAMMA, pay, SettlementHarness, settlementGenesis } from '../../../../helpers/settlement.ts';

const issue = (to: string, amount: bigint) => ({ type: 'asset.issue', asset: EUR, to, amount }) as const;
const due = (h: SettlementHarness, time: bigint) => hasDueWork(new LedgerState(new StateOverlay(h.store)), time);

describe('RTGS: settles in its block when the debtor can pay, else waits in the queue', () => {
  it('settles at once, leaving a balance event on each side and a settled event, as block events', () => {
    const h = new SettlementHarness(settlementGenesis({ eur: { [ALPHA]: 1_000n } }));
    const out = h.submit([pay('p', ALPHA, BETA, 400n)]);
    assert.deepEqual(eventsOf(out.results[0]!.events, 'settlement.instructed'), [
      { type: 'settlement.instructed', instruction: 'p', kind: 'payment', mode: 'rtgs', priority: 'normal' },
    ]);
    assert.deepEqual(
      out.blockEvents.map((e) => (e.type === 'balance' ? [e.account, e.delta, e.balance, e.counterparty] : e.type)),
      [[BETA, 400n, 400n, ALPHA], [ALPHA, -400n, 600n, BETA], 'settlement.settled'],
    );
    const i = h.instruction('p');
    assert.deepEqual(i.closed, { height: out.height, time: out.time, code: 'OK', via: 'rtgs' });
  });

  it('waits, says why once, and settles in the first block where the debtor can pay', () => {
    const h = new SettlementHarness();
    const first = h.submit([pay('p', ALPHA, BETA, 400n)]);
    assert.deepEqual(
      eventsOf(first.blockEvents, 'settlement.waiting').map((e) => e.code),
      ['INSUFFICIENT_FUNDS'],
    );
    const quiet = h.ok([issue(ALPHA, 100n)], ['frank']);
    assert.deepEqual(quiet.blockEvents, [], 'still short: no new event, no write');
    assert.equal(h.status('p'), 'queued');
    const funded = h.ok([issue(ALPHA, 300n)], ['frank']);
    assert.equal(h.status('p'), 'settled');
    assert.equal(eventsOf(funded.blockEvents, 'settlement.settled').length, 1);
    assert.equal(h.balance(BETA, EUR), 400n);
    assert.equal(h.instruction('p').waiting, undefined, 'no stale reason once settled');
  });

  it('FIFO with bypass: a queued head that cannot settle does not block a later one that can', () => {
    const h = new SettlementHarness(settlementGenesis({ eur: { [ALPHA]: 500n } }));
    h.submit([pay('big', ALPHA, BETA, 800n), pay('small', ALPHA, GAMMA, 300n)]);
    assert.equal(h.status('big'), 'queued');
    assert.equal(h.status('small'), 'settled');
    assert.equal(h.balance(ALPHA, EUR), 200n);
  });

  it('within what the debtor can pay, urgent goes before normal, and older before newer', () => {
    const h = new SettlementHarness();
    h.submit([
      pay('n1', ALPHA, BETA, 100n),
      pay('n2', ALPHA, BETA, 100n),
      pay('u1', ALPHA, GAMMA, 100n, { priority: 'urgent' }),
    ]);
    h.ok([issue(ALPHA, 200n)], ['frank']);
    assert.deepEqual(
      ['u1', 'n1', 'n2'].map((id) => h.status(id)),
      ['settled', 'settled', 'queued'],
    );
  });

  it('a settled set funds instructions passed over earlier in the same block', () => {
    const h = new SettlementHarness(settlementGenesis({ eur: { [BETA]: 100n } }));
    // a waits for ALPHA's funds, which b (later in the queue) brings.
    h.submit([pay('a', ALPHA, GAMMA, 100n), pay('b', BETA, ALPHA, 100n)]);
    assert.equal(h.status('a'), 'settled');
    assert.equal(h.status('b'), 'settled');
    assert.equal(h.balance(GAMMA, EUR), 100n);
  });
});

describe('scheduled instructions', () => {
  it('settle in the first block at or after their time, and make that block due even with no transactions', () => {
    const h = new SettlementHarness(settlementGenesis({ eur: { [ALPHA]: 1_000n } }));
    const settleAt = h.nextTime + 60_000n;
    h.submit([pay('s', ALPHA, BETA, 100n, { mode: 'scheduled', settleAt })]);
    assert.equal(h.status('s'), 'queued');
    assert.equal(due(h, settleAt - 1n), false);
    assert.equal(due(h, settleAt), true, 'a producer makes a block for it');
    h.tick(settleAt - 1n);
    assert.equal(h.status('s'), 'queued');
    const at = h.tick(settleAt);
    assert.equal(h.status('s'), 'settled');
    assert.equal(eventsOf(at.blockEvents, 'settlement.settled').length, 1);
    assert.equal(due(h, settleAt + 10_000n), false, 'the wake-up was consumed');
  });

  it('whose debtor cannot pay at their time, wait like RTGS without keeping the producer busy', () => {
    const h = new SettlementHarness();
    const settleAt = h.nextTime + 60_000n;
    h.submit([pay('s', ALPHA, BETA, 100n, { mode: 'scheduled', settleAt })]);
    h.tick(settleAt + 5n);
    assert.equal(h.status('s'), 'queued');
    assert.equal(h.instruction('s').waiting, 'INSUFFICIENT_FUNDS');
    assert.equal(due(h, settleAt + 3_600_000n), false);
    h.ok([issue(ALPHA, 100n)], ['frank']);
    assert.equal(h.status('s'), 'settled');
  });
});

describe('DvP (model 1): both legs or neither', () => {
  const dvp = (id: string, cash: bigint, bonds: bigint) => ({
    id,
    legs: [
      { from: ALPHA, to: BETA, asset: EUR, amount: cash },
      { from: BETA, to: ALPHA, asset: ASSET.BOND, amount: bonds },
    ],
  });

  it('when the cash leg cannot settle, neither party changes, until it can', () => {
    const h = new SettlementHarness(settlementGenesis({ eur: { [ALPHA]: 999n } }));
    const bondsBefore = [h.balance(ALPHA, ASSET.BOND), h.balance(BETA, ASSET.BOND)];
    const out = h.block([
      h.tx(
        [
          {
            type: 'settlement.instruct',
            instruction: 'd',
            mode: 'rtgs',
            priority: 'normal',
            legs: dvp('d', 1_000n, 10n).legs,
          },
        ],
        ['alice', 'bob', 'dave', 'erin'],
      ),
    ]);
    assert.equal(out.results[0]!.code, 'OK');
    assert.equal(h.status('d'), 'queued');
    assert.deepEqual([h.balance(ALPHA, ASSET.BOND), h.balance(BETA, ASSET.BOND)], bondsBefore);
    assert.deepEqual([h.balance(ALPHA, EUR), h.balance(BETA, EUR)], [999n, 0n]);
    assert.deepEqual(eventsOf(out.blockEvents, 'balance'), [], 'no balance moved at all');
    h.ok([issue(ALPHA, 1n)], ['frank']);
    assert.equal(h.status('d'), 'settled');
    assert.deepEqual([h.balance(ALPHA, ASSET.BOND), h.balance(BETA, ASSET.BOND)], [10n, bondsBefore[1]! - 10n]);
    assert.deepEqual([h.balance(ALPHA, EUR), h.balance(BETA, EUR)], [0n, 1_000n]);
  });

  it('when the securities leg cannot settle, the cash does not move either', () => {
    const h = new SettlementHarness(settlementGenesis({ eur: { [ALPHA]: 5_000n } }));
    const tooMany = h.balance(BETA, ASSET.BOND) + 1n;
    h.block([
      h.tx(
        [
          {
            type: 'settlement.instruct',
            instruction: 'd',
            mode: 'rtgs',
            priority: 'normal',
            legs: dvp('d', 1_000n, tooMany).legs,
          },
        ],
        ['alice', 'bob', 'dave', 'erin'],
      ),
    ]);
    assert.equal(h.status('d'), 'queued');
    assert.equal(h.balance(ALPHA, EUR), 5_000n);
    assert.equal(h.balance(BETA, EUR), 0n);
  });
});
