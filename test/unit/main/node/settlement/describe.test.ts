import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeAction, type Action } from '../../../../../shared/domain/index.ts';
import { op } from '../../../../helpers/ledger-harness.ts';
import { ALPHA, BETA, instructOp, pay } from '../../../../helpers/settlement.ts';

const assets = { EUR: { decimals: 2, code: 'EUR' }, 'HSBC-PERP-2018': { decimals: 0 } };

describe('what a signatory is shown for settlement actions', () => {
  it('a payment and a DvP say what moves, how and when', () => {
    const payment = op(instructOp(pay('p-1', ALPHA, BETA, 125_000n, { priority: 'urgent' }))) as Action;
    assert.equal(
      describeAction(payment, assets),
      'Pay 1250.00 EUR (125000 minor units) from alpha.treasury to beta.treasury (instruction p-1, RTGS, urgent priority)',
    );
    const dvp = op(
      instructOp({
        id: 'd-1',
        mode: 'scheduled',
        settleAt: 1_750_000_000_000n,
        legs: [
          { from: ALPHA, to: BETA, asset: 'EUR', amount: 500n },
          { from: BETA, to: ALPHA, asset: 'HSBC-PERP-2018', amount: 3n },
        ],
      }),
    ) as Action;
    assert.equal(
      describeAction(dvp, assets),
      'DvP d-1: 5.00 EUR (500 minor units) from alpha.treasury to beta.treasury against 3 HSBC-PERP-2018 (3 minor units) ' +
        'from beta.treasury to alpha.treasury (instruction d-1, scheduled at 2025-06-15T15:06:40.000Z, normal priority)',
    );
  });

  it('queue actions and cycle changes', () => {
    const hold = op({ type: 'settlement.action', instruction: 'p-1', action: 'reprioritise', priority: 'urgent' });
    assert.equal(describeAction(hold as Action, assets), 'Reprioritise settlement instruction p-1 to urgent priority');
    const cycle = op({
      type: 'settlement.cycle.set',
      asset: 'EUR',
      firstCutoff: 1_750_000_000_000n,
      intervalMs: 3_600_000n,
      onShortfall: 'exclude',
    });
    assert.match(describeAction(cycle as Action, assets), /EUR: cut-offs every 60 minutes from 2025-06-15T15:06:40/);
  });
});
