import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { ACCOUNT, ASSET, DAY } from '../../../../helpers/ledger-harness.ts';
import { ContractHarness, createOp, draftAndSign, steps } from './contract-harness.ts';

// beta.treasury holds the bond and sells it to alpha.treasury for CNY.
const { alphaTreasury: BUYER, betaTreasury: SELLER } = ACCOUNT;
const QUANTITY = 1_200n;
const PRICE = 118_500_00n;

function trade(h: ContractHarness, id: string, settleAt: bigint, price = PRICE) {
  draftAndSign(
    h,
    id,
    'dvp',
    { seller: SELLER, buyer: BUYER },
    { security: ASSET.BOND, quantity: QUANTITY, cash: ASSET.CNY, price, settleAt },
  );
}

describe('DvP template', () => {
  it('moves nothing before settleAt, then both legs in one block', () => {
    const h = new ContractHarness();
    const before = {
      sellerBond: h.balance(SELLER, ASSET.BOND),
      buyerBond: h.balance(BUYER, ASSET.BOND),
      sellerCash: h.balance(SELLER, ASSET.CNY),
      buyerCash: h.balance(BUYER, ASSET.CNY),
    };
    const settleAt = h.time + DAY;
    trade(h, 'dvp-1', settleAt);
    assert.equal(h.balance(SELLER, ASSET.BOND), before.sellerBond, 'nothing is locked in advance');
    h.tick(settleAt);
    assert.equal(h.contract('dvp-1')!.status, 'executed');
    assert.equal(h.balance(SELLER, ASSET.BOND), before.sellerBond - QUANTITY);
    assert.equal(h.balance(BUYER, ASSET.BOND), before.buyerBond + QUANTITY);
    assert.equal(h.balance(SELLER, ASSET.CNY), before.sellerCash + PRICE);
    assert.equal(h.balance(BUYER, ASSET.CNY), before.buyerCash - PRICE);
    assert.deepEqual(steps(h, 'dvp-1').slice(-3), [
      'block:contract.paid',
      'block:contract.paid',
      'block:contract.executed',
    ]);
    h.assertConservation();
  });

  it("when the cash leg cannot settle neither party's securities or cash change, and the trade defaults", () => {
    const h = new ContractHarness();
    const settleAt = h.time + DAY;
    trade(h, 'dvp-2', settleAt, h.balance(BUYER, ASSET.CNY) + 1n);
    const snapshot = () => [SELLER, BUYER].flatMap((a) => [h.balance(a, ASSET.BOND), h.balance(a, ASSET.CNY)]);
    const before = snapshot();
    const out = h.tick(settleAt);
    assert.deepEqual(snapshot(), before);
    assert.equal(
      out.blockEvents.some((e) => e.type === 'balance'),
      false,
      'no balance moved, not even the securities leg',
    );
    const c = h.contract('dvp-2')!;
    assert.equal(c.status, 'defaulted');
    assert.equal(c.closed?.code, E.INSUFFICIENT_FUNDS);
    assert.match(c.closed!.message!, /alpha\.treasury/);
    assert.deepEqual(steps(h, 'dvp-2').slice(-1), ['block:contract.defaulted']);
  });

  it('refuses a cash asset that is not a currency and a security that is not a security', () => {
    const h = new ContractHarness();
    const terms = { security: ASSET.BOND, quantity: 1n, cash: ASSET.CNY, price: 1n, settleAt: h.time + DAY };
    const parties = { seller: SELLER, buyer: BUYER };
    h.fails(E.BAD_TERMS, [createOp('x', 'dvp', parties, { ...terms, cash: ASSET.EQUITY })], ['dave', 'erin']);
    h.fails(E.BAD_TERMS, [createOp('x', 'dvp', parties, { ...terms, security: ASSET.USD })], ['dave', 'erin']);
  });
});
