import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_AMOUNT } from '../../../../../shared/finance/index.ts';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import {
  ACCOUNT,
  ASSET,
  eventsOf,
  INITIAL,
  ISIN,
  LedgerHarness,
  type OpInput,
} from '../../../../helpers/ledger-harness.ts';

const { alphaTreasury: ALPHA, betaTreasury: BETA, gammaIssuer: ISSUER, gammaOps: OPS } = ACCOUNT;

const define = (over: Partial<Extract<OpInput, { type: 'asset.define' }>> = {}): OpInput => ({
  type: 'asset.define',
  asset: 'EUR',
  kind: 'currency',
  code: 'EUR',
  name: 'Euro',
  decimals: 2,
  issuer: OPS,
  ...over,
});
const issue = (amount: bigint, asset: string = ASSET.CNY, to: string = ALPHA): OpInput => ({
  type: 'asset.issue',
  asset,
  to,
  amount,
});
const redeem = (amount: bigint, asset: string = ASSET.CNY, from: string = ISSUER): OpInput => ({
  type: 'asset.redeem',
  asset,
  from,
  amount,
});

describe('genesis assets', () => {
  it('each asset’s supply is what genesis issued of it', () => {
    const h = new LedgerHarness();
    const expected = new Map<string, bigint>();
    for (const b of INITIAL) expected.set(b.asset, (expected.get(b.asset) ?? 0n) + b.amount);
    assert.deepEqual(h.supplies(), expected);
    assert.deepEqual(h.balanceTotals(), expected);
  });
});

describe('asset.define', () => {
  it('defines a currency, a security and a commodity under the issuer account’s policy, with zero supply', () => {
    const h = new LedgerHarness();
    const out = h.ok([define()], ['grace']);
    assert.deepEqual(out.events, [{ type: 'asset.defined', asset: 'EUR', issuer: OPS }]);
    assert.deepEqual(h.asset('EUR'), {
      id: 'EUR',
      kind: 'currency',
      code: 'EUR',
      name: 'Euro',
      decimals: 2,
      issuer: OPS,
      supply: 0n,
    });
    h.ok(
      [define({ asset: 'DB-SHARE', kind: 'security', code: ISIN.other, name: 'Deutsche Bank', decimals: 0 })],
      ['grace'],
    );
    h.ok([define({ asset: 'XAU-LBMA', kind: 'commodity', code: 'LBMA gold', name: 'Gold', decimals: 3 })], ['grace']);
    h.fails(E.POLICY_NOT_SATISFIED, [define({ asset: 'CHF', code: 'CHF' })], ['alice', 'bob']);
  });

  it('BAD_IDENTIFIER for a currency code that is not ISO 4217 or an ISIN with a wrong check digit', () => {
    const h = new LedgerHarness();
    for (const code of ['XYZ', 'eur', 'EURO', 'E1R']) {
      const out = h.fails(E.BAD_IDENTIFIER, [define({ code })], ['grace']);
      assert.match(out.message!, /code/);
    }
    h.fails(E.BAD_IDENTIFIER, [define({ asset: 'BAD', kind: 'security', code: ISIN.bad })], ['grace']);
    h.fails(E.BAD_IDENTIFIER, [define({ asset: 'BAD', kind: 'security', code: 'CNY' })], ['grace']);
  });

  it('ALREADY_EXISTS; UNKNOWN_ACCOUNT for the issuer', () => {
    const h = new LedgerHarness();
    h.fails(E.ALREADY_EXISTS, [define({ asset: ASSET.CNY, code: 'CNY' })], ['grace']);
    h.fails(E.UNKNOWN_ACCOUNT, [define({ issuer: 'nobody' })], ['grace']);
  });
});

describe('asset.issue and asset.redeem', () => {
  it('issue credits the account and raises the supply, with a supply event', () => {
    const h = new LedgerHarness();
    const supply = h.asset(ASSET.CNY)!.supply;
    const balance = h.balance(ALPHA, ASSET.CNY);
    const out = h.ok([issue(500n)], ['frank']);
    assert.deepEqual(out.events, [
      { type: 'balance', account: ALPHA, asset: ASSET.CNY, delta: 500n, balance: balance + 500n, kind: 'asset.issue' },
      { type: 'asset.issued', asset: ASSET.CNY, to: ALPHA, amount: 500n, supply: supply + 500n },
    ]);
    assert.equal(h.asset(ASSET.CNY)!.supply, supply + 500n);
    assert.equal(h.balanceTotals().get(ASSET.CNY), supply + 500n);
  });

  it('redeem debits the issuer account and lowers the supply, with a supply event', () => {
    const h = new LedgerHarness();
    const supply = h.asset(ASSET.CNY)!.supply;
    const balance = h.balance(ISSUER, ASSET.CNY);
    const out = h.ok([redeem(300n)], ['frank']);
    assert.deepEqual(out.events, [
      {
        type: 'balance',
        account: ISSUER,
        asset: ASSET.CNY,
        delta: -300n,
        balance: balance - 300n,
        kind: 'asset.redeem',
      },
      { type: 'asset.redeemed', asset: ASSET.CNY, from: ISSUER, amount: 300n, supply: supply - 300n },
    ]);
    assert.equal(h.asset(ASSET.CNY)!.supply, supply - 300n);
    assert.equal(h.balanceTotals().get(ASSET.CNY), supply - 300n);
  });

  it('holders transfer units back to the issuer, who redeems them; supply follows', () => {
    const h = new LedgerHarness();
    h.ok([define()], ['grace']);
    h.ok([issue(1_000n, 'EUR', BETA)], ['grace']);
    h.ok([{ type: 'transfer', from: BETA, to: OPS, asset: 'EUR', amount: 400n }], ['dave', 'erin']);
    h.ok([redeem(400n, 'EUR', OPS)], ['grace']);
    assert.equal(h.asset('EUR')!.supply, 600n);
    assert.equal(h.balanceTotals().get('EUR'), 600n);
    h.fails(E.INSUFFICIENT_FUNDS, [redeem(1n, 'EUR', OPS)], ['grace']);
  });

  it('NOT_ISSUER: redeeming from an account that is not the issuer', () => {
    const h = new LedgerHarness();
    h.fails(E.NOT_ISSUER, [redeem(1n, ASSET.CNY, ALPHA)], ['frank']);
    h.fails(E.NOT_ISSUER, [redeem(1n, ASSET.CNY, ALPHA)], ['frank', 'alice', 'bob']);
  });

  it('POLICY_NOT_SATISFIED when a non-issuer signs an issue or a redemption', () => {
    const h = new LedgerHarness();
    h.fails(E.POLICY_NOT_SATISFIED, [issue(1n)], ['alice', 'bob']);
    h.fails(E.POLICY_NOT_SATISFIED, [issue(1n, ASSET.BOND, BETA)], ['frank']);
    h.ok([issue(1n, ASSET.BOND, BETA)], ['dave', 'heidi']);
    h.fails(E.POLICY_NOT_SATISFIED, [redeem(1n)], ['grace']);
  });

  it('AMOUNT_ZERO, UNKNOWN_ASSET, UNKNOWN_ACCOUNT', () => {
    const h = new LedgerHarness();
    h.fails(E.AMOUNT_ZERO, [issue(0n)], ['frank']);
    h.fails(E.AMOUNT_ZERO, [redeem(0n)], ['frank']);
    h.fails(E.UNKNOWN_ASSET, [issue(1n, 'EUR')], ['frank']);
    h.fails(E.UNKNOWN_ASSET, [redeem(1n, 'EUR')], ['frank']);
    h.fails(E.UNKNOWN_ACCOUNT, [issue(1n, ASSET.CNY, 'nobody')], ['frank']);
  });

  it('SUPPLY_OVERFLOW: supply may reach 2^64 − 1 and no further', () => {
    const h = new LedgerHarness();
    h.ok([define()], ['grace']);
    h.ok([issue(MAX_AMOUNT - 1n, 'EUR', OPS)], ['grace']);
    const out = h.fails(E.SUPPLY_OVERFLOW, [issue(2n, 'EUR', BETA)], ['grace']);
    assert.match(out.message!, /64 bits/);
    h.fails(E.SUPPLY_OVERFLOW, [issue(MAX_AMOUNT, 'EUR', BETA)], ['grace']);
    h.ok([issue(1n, 'EUR', BETA)], ['grace']);
    assert.equal(h.asset('EUR')!.supply, MAX_AMOUNT);
    h.fails(E.SUPPLY_OVERFLOW, [issue(1n, 'EUR', BETA)], ['grace']);
    // Redeeming makes room again.
    h.ok([redeem(10n, 'EUR', OPS)], ['grace']);
    h.ok([issue(10n, 'EUR', BETA)], ['grace']);
    assert.equal(h.balanceTotals().get('EUR'), MAX_AMOUNT);
  });

  it('issuing through a proposal: the 1-of-1 issuer executes at once', () => {
    const h = new LedgerHarness();
    const supply = h.asset(ASSET.USD)!.supply;
    const { draft, outcome } = h.propose('frank', { type: 'asset.issue', asset: ASSET.USD, to: BETA, amount: 77n });
    assert.equal(outcome.code, 'OK', outcome.message);
    assert.equal(h.proposal(draft.id)!.status, 'executed');
    assert.equal(eventsOf(outcome.events, 'asset.issued')[0]?.supply, supply + 77n);
  });
});
