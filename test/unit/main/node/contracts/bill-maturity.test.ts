import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { ACCOUNT, ASSET, DAY } from '../../../../helpers/ledger-harness.ts';
import { ContractHarness, createOp, draftAndSign, steps } from './contract-harness.ts';

// alpha.treasury draws a bill payable to beta.treasury, which endorses it on to gamma.ops.
const { alphaTreasury: DRAWER, betaTreasury: PAYEE, gammaOps: HOLDER } = ACCOUNT;
const FACE = 300_000_00n;

function issueBill(h: ContractHarness, serial: string, maturity: bigint) {
  h.okOps(
    [
      {
        type: 'bill.issue',
        serial,
        drawer: DRAWER,
        payee: PAYEE,
        currency: ASSET.CNY,
        faceValue: FACE,
        maturity,
      },
    ],
    ['alice', 'bob'],
  );
}

describe('bill maturity template', () => {
  it('pays the holder of the day at maturity and closes the bill', () => {
    const h = new ContractHarness();
    const maturity = h.time + 30n * DAY;
    issueBill(h, 'CB-1', maturity);
    draftAndSign(h, 'pay-cb-1', 'bill-maturity', { drawer: DRAWER }, { bill: 'CB-1' });
    h.okOps([{ type: 'bill.endorse', serial: 'CB-1', from: PAYEE, to: HOLDER }], ['dave', 'erin']);
    const before = [h.balance(DRAWER, ASSET.CNY), h.balance(HOLDER, ASSET.CNY), h.balance(PAYEE, ASSET.CNY)];
    assert.equal(h.due(maturity - 1n), false);
    const out = h.tick(maturity);
    assert.deepEqual(
      [h.balance(DRAWER, ASSET.CNY), h.balance(HOLDER, ASSET.CNY), h.balance(PAYEE, ASSET.CNY)],
      [before[0]! - FACE, before[1]! + FACE, before[2]!],
    );
    assert.equal(h.bill('CB-1')!.status, 'paid');
    assert.ok(out.blockEvents.some((e) => e.type === 'bill.paid' && e.holder === HOLDER));
    assert.equal(h.contract('pay-cb-1')!.status, 'executed');
    assert.deepEqual(steps(h, 'pay-cb-1').slice(-2), ['block:contract.paid', 'block:contract.executed']);
    h.assertConservation();
  });

  it('records the bill as dishonoured when the drawer cannot pay', () => {
    const h = new ContractHarness();
    const maturity = h.time + 30n * DAY;
    issueBill(h, 'CB-2', maturity);
    draftAndSign(h, 'pay-cb-2', 'bill-maturity', { drawer: DRAWER }, { bill: 'CB-2' });
    // The drawer's cash leaves before maturity.
    h.okOps(
      [{ type: 'transfer', from: DRAWER, to: PAYEE, asset: ASSET.CNY, amount: h.balance(DRAWER, ASSET.CNY) - 1n }],
      ['alice', 'bob'],
    );
    const before = [h.balance(DRAWER, ASSET.CNY), h.balance(PAYEE, ASSET.CNY)];
    const out = h.tick(maturity);
    assert.deepEqual([h.balance(DRAWER, ASSET.CNY), h.balance(PAYEE, ASSET.CNY)], before);
    assert.equal(h.bill('CB-2')!.status, 'dishonoured');
    assert.deepEqual(
      out.blockEvents.find((e) => e.type === 'bill.dishonoured'),
      { type: 'bill.dishonoured', serial: 'CB-2', drawer: DRAWER, holder: PAYEE, amount: FACE, contract: 'pay-cb-2' },
    );
    const c = h.contract('pay-cb-2')!;
    assert.equal(c.status, 'defaulted');
    assert.equal(c.closed?.code, E.INSUFFICIENT_FUNDS);
    assert.deepEqual(steps(h, 'pay-cb-2').slice(-2), ['block:bill.dishonoured', 'block:contract.defaulted']);
    h.fails(E.BILL_NOT_OUTSTANDING, [{ type: 'bill.pay', serial: 'CB-2' }], ['alice', 'bob']);
  });

  it('a bill the drawer paid itself in the maturity block closes the contract as executed, paying once', () => {
    const h = new ContractHarness();
    const maturity = h.time + DAY;
    issueBill(h, 'CB-3', maturity);
    draftAndSign(h, 'pay-cb-3', 'bill-maturity', { drawer: DRAWER }, { bill: 'CB-3' });
    const before = h.balance(DRAWER, ASSET.CNY);
    h.okOps([{ type: 'bill.pay', serial: 'CB-3' }], ['alice', 'bob'], maturity);
    assert.equal(h.balance(DRAWER, ASSET.CNY), before - FACE);
    assert.equal(h.contract('pay-cb-3')!.status, 'executed');
    assert.equal(h.contract('pay-cb-3')!.closed?.message, 'the bill was paid by bill.pay');
  });

  it('only for an outstanding bill of the drawer that has not matured', () => {
    const h = new ContractHarness();
    const maturity = h.time + DAY;
    issueBill(h, 'CB-4', maturity);
    const op = (drawer: string, bill: string) => createOp('x', 'bill-maturity', { drawer }, { bill });
    h.fails(E.UNKNOWN_BILL, [op(DRAWER, 'CB-404')], ['alice', 'bob']);
    const wrong = h.fails(E.BAD_TERMS, [op(PAYEE, 'CB-4')], ['dave', 'erin']);
    assert.match(wrong.message!, /drawn by "alpha\.treasury"/);
    h.okOps([op(DRAWER, 'CB-4')], ['alice', 'bob']);
    const late = h.run([{ type: 'contract.sign', contract: 'x', party: 'drawer' }], ['alice', 'bob'], { at: maturity });
    assert.equal(late.code, E.BILL_MATURED);
    h.okOps([{ type: 'bill.pay', serial: 'CB-4' }], ['alice', 'bob']);
    const again = createOp('y', 'bill-maturity', { drawer: DRAWER }, { bill: 'CB-4' });
    h.fails(E.BILL_NOT_OUTSTANDING, [again], ['alice', 'bob']);
  });
});
