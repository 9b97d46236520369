import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { ACCOUNT, ASSET, DAY, LedgerHarness, type OpInput } from '../../../../helpers/ledger-harness.ts';

const {
  alphaTreasury: DRAWER,
  betaTreasury: PAYEE,
  gammaOps: GAMMA,
  alphaTrading: TRADING,
  gammaIssuer: ISSUER,
} = ACCOUNT;
const SERIAL = 'CN-BILL-0001';
const FACE = 100_000_00n;

const issueOp = (h: LedgerHarness, over: Partial<Extract<OpInput, { type: 'bill.issue' }>> = {}): OpInput => ({
  type: 'bill.issue',
  serial: SERIAL,
  drawer: DRAWER,
  payee: PAYEE,
  currency: ASSET.CNY,
  faceValue: FACE,
  maturity: h.nextTime + 30n * DAY,
  ...over,
});
const endorse = (from: string, to: string, serial = SERIAL): OpInput => ({ type: 'bill.endorse', serial, from, to });
const discount = (from: string, to: string, price: bigint, serial = SERIAL): OpInput => ({
  type: 'bill.discount',
  serial,
  from,
  to,
  price,
});
const payOp = (serial = SERIAL): OpInput => ({ type: 'bill.pay', serial });

/** A harness with the bill issued by alpha.treasury to beta.treasury; returns its maturity. */
function withBill(): { h: LedgerHarness; maturity: bigint } {
  const h = new LedgerHarness();
  const op = issueOp(h);
  h.ok([op], ['alice', 'bob']);
  return { h, maturity: (op as { maturity: bigint }).maturity };
}

describe('bill.issue', () => {
  it('creates an outstanding bill held by the payee; no funds move', () => {
    const h = new LedgerHarness();
    const op = issueOp(h);
    const out = h.ok([op], ['alice', 'bob']);
    assert.deepEqual(out.events, [
      { type: 'bill.issued', serial: SERIAL, drawer: DRAWER, payee: PAYEE, faceValue: FACE },
    ]);
    assert.deepEqual(h.bill(SERIAL), {
      serial: SERIAL,
      drawer: DRAWER,
      payee: PAYEE,
      holder: PAYEE,
      currency: ASSET.CNY,
      faceValue: FACE,
      maturity: (op as { maturity: bigint }).maturity,
      issued: { height: h.height, time: h.time },
      status: 'outstanding',
      endorsements: 0,
    });
    assert.deepEqual(
      out.writes.map((w) => w.key),
      [`bill/${SERIAL}`],
    );
  });

  it('POLICY_NOT_SATISFIED: the drawer’s policy must approve', () => {
    const h = new LedgerHarness();
    h.fails(E.POLICY_NOT_SATISFIED, [issueOp(h)], ['alice']);
    h.fails(E.POLICY_NOT_SATISFIED, [issueOp(h)], ['dave', 'erin']);
  });

  it('CURRENCY_MISMATCH for a non-currency asset', () => {
    const h = new LedgerHarness();
    h.fails(E.CURRENCY_MISMATCH, [issueOp(h, { currency: ASSET.BOND })], ['alice', 'bob']);
    h.fails(E.CURRENCY_MISMATCH, [issueOp(h, { currency: ASSET.EQUITY })], ['alice', 'bob']);
  });

  it('EXPIRY_INVALID for a maturity that is not after the block time', () => {
    const h = new LedgerHarness();
    h.fails(E.EXPIRY_INVALID, [issueOp(h, { maturity: h.nextTime })], ['alice', 'bob']);
    h.fails(E.EXPIRY_INVALID, [issueOp(h, { maturity: h.nextTime - DAY })], ['alice', 'bob']);
    h.ok([issueOp(h, { maturity: h.nextTime + 1n })], ['alice', 'bob']);
  });

  it('SAME_ACCOUNT, AMOUNT_ZERO, UNKNOWN_ASSET, UNKNOWN_ACCOUNT, ALREADY_EXISTS', () => {
    const h = new LedgerHarness();
    h.fails(E.SAME_ACCOUNT, [issueOp(h, { payee: DRAWER })], ['alice', 'bob']);
    h.fails(E.AMOUNT_ZERO, [issueOp(h, { faceValue: 0n })], ['alice', 'bob']);
    h.fails(E.UNKNOWN_ASSET, [issueOp(h, { currency: 'EUR' })], ['alice', 'bob']);
    h.fails(E.UNKNOWN_ACCOUNT, [issueOp(h, { payee: 'nobody' })], ['alice', 'bob']);
    h.fails(E.UNKNOWN_ACCOUNT, [issueOp(h, { drawer: 'nobody' })], ['alice', 'bob']);
    h.ok([issueOp(h)], ['alice', 'bob']);
    h.fails(E.ALREADY_EXISTS, [issueOp(h, { payee: GAMMA })], ['alice', 'bob']);
  });
});

describe('bill.endorse', () => {
  it('moves the bill to the endorsee under the holder’s policy', () => {
    const { h } = withBill();
    h.fails(E.POLICY_NOT_SATISFIED, [endorse(PAYEE, GAMMA)], ['dave']);
    const out = h.ok([endorse(PAYEE, GAMMA)], ['dave', 'erin']);
    assert.deepEqual(out.events, [{ type: 'bill.endorsed', serial: SERIAL, from: PAYEE, to: GAMMA }]);
    const bill = h.bill(SERIAL)!;
    assert.equal(bill.holder, GAMMA);
    assert.equal(bill.endorsements, 1);
    assert.equal(bill.payee, PAYEE);
  });

  it('NOT_HOLDER: the same former holder cannot endorse the bill twice', () => {
    const { h } = withBill();
    h.ok([endorse(PAYEE, GAMMA)], ['dave', 'erin']);
    h.fails(E.NOT_HOLDER, [endorse(PAYEE, ISSUER)], ['dave', 'erin']);
    h.fails(E.NOT_HOLDER, [endorse(PAYEE, GAMMA)], ['dave', 'erin']);
    // Nor twice in one transaction.
    const { h: g } = withBill();
    g.fails(E.NOT_HOLDER, [endorse(PAYEE, GAMMA), endorse(PAYEE, ISSUER)], ['dave', 'erin']);
    assert.equal(g.bill(SERIAL)!.holder, PAYEE);
  });

  it('SAME_ACCOUNT, UNKNOWN_ACCOUNT, UNKNOWN_BILL', () => {
    const { h } = withBill();
    h.fails(E.SAME_ACCOUNT, [endorse(PAYEE, PAYEE)], ['dave', 'erin']);
    h.fails(E.UNKNOWN_ACCOUNT, [endorse(PAYEE, 'nobody')], ['dave', 'erin']);
    h.fails(E.UNKNOWN_BILL, [endorse(PAYEE, GAMMA, 'NO-SUCH-BILL')], ['dave', 'erin']);
  });

  it('BILL_MATURED: from maturity on, a bill can only be paid', () => {
    const { h, maturity } = withBill();
    h.fails(E.BILL_MATURED, [endorse(PAYEE, GAMMA)], ['dave', 'erin'], { at: maturity });
    h.fails(E.BILL_MATURED, [discount(PAYEE, DRAWER, 1n)], ['dave', 'erin', 'alice', 'bob']);
  });

  it('the bill can travel along a chain of endorsements', () => {
    const { h } = withBill();
    h.ok([endorse(PAYEE, GAMMA)], ['dave', 'erin']);
    h.ok([endorse(GAMMA, ISSUER)], ['grace']);
    h.ok([endorse(ISSUER, PAYEE)], ['frank']);
    assert.equal(h.bill(SERIAL)!.holder, PAYEE);
    assert.equal(h.bill(SERIAL)!.endorsements, 3);
  });
});

describe('bill.discount', () => {
  it('endorses against payment: the bill and the price change hands together', () => {
    const { h } = withBill();
    const sellerBefore = h.balance(PAYEE, ASSET.CNY);
    const buyerBefore = h.balance(GAMMA, ASSET.CNY);
    h.ok([{ type: 'transfer', from: ISSUER, to: GAMMA, asset: ASSET.CNY, amount: FACE }], ['frank']);
    const price = FACE - 2_500_00n;
    const out = h.ok([discount(PAYEE, GAMMA, price)], ['dave', 'heidi', 'grace']);
    assert.deepEqual(
      out.events.map((e) => e.type),
      ['balance', 'balance', 'bill.discounted'],
    );
    assert.deepEqual(out.events[2], { type: 'bill.discounted', serial: SERIAL, from: PAYEE, to: GAMMA, price });
    assert.equal(h.balance(PAYEE, ASSET.CNY), sellerBefore + price);
    assert.equal(h.balance(GAMMA, ASSET.CNY), buyerBefore + FACE - price);
    assert.equal(h.bill(SERIAL)!.holder, GAMMA);
    assert.equal(h.bill(SERIAL)!.endorsements, 1);
  });

  it('POLICY_NOT_SATISFIED unless both the seller’s and the buyer’s policies approve', () => {
    const { h } = withBill();
    h.fails(E.POLICY_NOT_SATISFIED, [discount(PAYEE, DRAWER, 1_00n)], ['dave', 'erin']);
    h.fails(E.POLICY_NOT_SATISFIED, [discount(PAYEE, DRAWER, 1_00n)], ['alice', 'bob']);
    h.ok([discount(PAYEE, DRAWER, 1_00n)], ['alice', 'bob', 'dave', 'erin']);
  });

  it('is atomic: a buyer without funds gets INSUFFICIENT_FUNDS and neither the bill nor any balance changes', () => {
    const { h } = withBill();
    assert.equal(h.balance(TRADING, ASSET.CNY), 0n);
    const out = h.fails(
      E.INSUFFICIENT_FUNDS,
      [discount(PAYEE, TRADING, 1_00n)],
      ['dave', 'erin', 'alice', 'bob', 'carol'],
    );
    assert.match(out.message!, /alpha\.trading/);
    assert.equal(h.bill(SERIAL)!.holder, PAYEE);
    assert.equal(h.bill(SERIAL)!.endorsements, 0);
  });

  it('PRICE_ABOVE_FACE_VALUE; at face value it is allowed; AMOUNT_ZERO for a zero price', () => {
    const { h } = withBill();
    const signers = ['dave', 'erin', 'alice', 'bob'] as const;
    h.fails(E.PRICE_ABOVE_FACE_VALUE, [discount(PAYEE, DRAWER, FACE + 1n)], signers);
    h.fails(E.AMOUNT_ZERO, [discount(PAYEE, DRAWER, 0n)], signers);
    h.ok([discount(PAYEE, DRAWER, FACE)], signers);
  });

  it('NOT_HOLDER and UNKNOWN_BILL', () => {
    const { h } = withBill();
    h.fails(E.NOT_HOLDER, [discount(GAMMA, DRAWER, 1n)], ['grace', 'alice', 'bob']);
    h.fails(E.UNKNOWN_BILL, [discount(PAYEE, DRAWER, 1n, 'NO-SUCH-BILL')], ['dave', 'erin', 'alice', 'bob']);
  });
});

describe('bill.pay', () => {
  it('BILL_NOT_MATURE before maturity', () => {
    const { h, maturity } = withBill();
    h.fails(E.BILL_NOT_MATURE, [payOp()], ['alice', 'bob'], { at: maturity - 1n });
  });

  it('at maturity the drawer pays the face value to the holder and the bill is paid', () => {
    const { h, maturity } = withBill();
    h.ok([endorse(PAYEE, GAMMA)], ['dave', 'erin']);
    const drawer = h.balance(DRAWER, ASSET.CNY);
    const holder = h.balance(GAMMA, ASSET.CNY);
    const out = h.ok([payOp()], ['alice', 'bob'], { at: maturity });
    assert.deepEqual(
      out.events.map((e) => e.type),
      ['balance', 'balance', 'bill.paid'],
    );
    assert.deepEqual(out.events[2], { type: 'bill.paid', serial: SERIAL, drawer: DRAWER, holder: GAMMA, amount: FACE });
    assert.equal(h.balance(DRAWER, ASSET.CNY), drawer - FACE);
    assert.equal(h.balance(GAMMA, ASSET.CNY), holder + FACE);
    assert.equal(h.bill(SERIAL)!.status, 'paid');
  });

  it('POLICY_NOT_SATISFIED: payment is the drawer’s decision, not the holder’s', () => {
    const { h, maturity } = withBill();
    h.fails(E.POLICY_NOT_SATISFIED, [payOp()], ['dave', 'erin'], { at: maturity });
  });

  it('INSUFFICIENT_FUNDS leaves the bill outstanding', () => {
    const { h, maturity } = withBill();
    h.ok(
      [{ type: 'transfer', from: DRAWER, to: ISSUER, asset: ASSET.CNY, amount: h.balance(DRAWER, ASSET.CNY) - 1n }],
      ['alice', 'bob'],
    );
    h.fails(E.INSUFFICIENT_FUNDS, [payOp()], ['alice', 'bob'], { at: maturity });
    assert.equal(h.bill(SERIAL)!.status, 'outstanding');
  });

  it('BILL_NOT_OUTSTANDING after payment: no second payment, endorsement or discount', () => {
    const { h, maturity } = withBill();
    h.ok([payOp()], ['alice', 'bob'], { at: maturity });
    h.fails(E.BILL_NOT_OUTSTANDING, [payOp()], ['alice', 'bob']);
    h.fails(E.BILL_NOT_OUTSTANDING, [endorse(PAYEE, GAMMA)], ['dave', 'erin']);
    h.fails(E.BILL_NOT_OUTSTANDING, [discount(PAYEE, DRAWER, 1n)], ['dave', 'erin', 'alice', 'bob']);
  });

  it('UNKNOWN_BILL', () => {
    const h = new LedgerHarness();
    h.fails(E.UNKNOWN_BILL, [payOp('NO-SUCH-BILL')], ['alice', 'bob']);
  });
});
