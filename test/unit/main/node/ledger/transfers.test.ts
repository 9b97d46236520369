import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { StateKey } from '../../../../../main/node/ledger/keys.ts';
import { ACCOUNT, ASSET, eventsOf, id, LedgerHarness, type OpInput } from '../../../../helpers/ledger-harness.ts';

const { alphaTreasury: ALPHA, betaTreasury: BETA, gammaOps: GAMMA } = ACCOUNT;
const transfer = (amount: bigint, over: Partial<Extract<OpInput, { type: 'transfer' }>> = {}): OpInput => ({
  type: 'transfer',
  from: ALPHA,
  to: BETA,
  asset: ASSET.CNY,
  amount,
  ...over,
});

describe('transfer', () => {
  it('moves the amount, with a balance event on each side and a transfer event', () => {
    const h = new LedgerHarness();
    const alpha = h.balance(ALPHA, ASSET.CNY);
    const beta = h.balance(BETA, ASSET.CNY);
    const out = h.ok([transfer(250_00n, { memo: 'invoice 42' })], ['alice', 'bob']);
    assert.equal(h.balance(ALPHA, ASSET.CNY), alpha - 250_00n);
    assert.equal(h.balance(BETA, ASSET.CNY), beta + 250_00n);
    assert.deepEqual(out.events, [
      {
        type: 'balance',
        account: ALPHA,
        asset: ASSET.CNY,
        delta: -250_00n,
        balance: alpha - 250_00n,
        kind: 'transfer',
        counterparty: BETA,
      },
      {
        type: 'balance',
        account: BETA,
        asset: ASSET.CNY,
        delta: 250_00n,
        balance: beta + 250_00n,
        kind: 'transfer',
        counterparty: ALPHA,
      },
      { type: 'transfer', from: ALPHA, to: BETA, asset: ASSET.CNY, amount: 250_00n, memo: 'invoice 42' },
    ]);
    assert.deepEqual(
      out.writes.map((w) => w.key),
      [StateKey.balance(ALPHA, ASSET.CNY), StateKey.balance(BETA, ASSET.CNY)],
    );
  });

  it('leaves the memo out of the event when there is none', () => {
    const h = new LedgerHarness();
    const out = h.ok([transfer(1n)], ['alice', 'carol']);
    const [event] = eventsOf(out.events, 'transfer');
    assert.ok(event && !('memo' in event));
  });

  it('credits an account that held none of the asset, and deletes a balance that reaches zero', () => {
    const h = new LedgerHarness();
    const all = h.balance(GAMMA, ASSET.USD);
    assert.equal(h.balance(BETA, ASSET.USD), 0n);
    const out = h.ok([transfer(all, { from: GAMMA, asset: ASSET.USD })], ['grace']);
    assert.equal(h.balance(BETA, ASSET.USD), all);
    assert.equal(h.store.get(StateKey.balance(GAMMA, ASSET.USD)), undefined);
    assert.deepEqual(
      out.writes.find((w) => w.key === StateKey.balance(GAMMA, ASSET.USD)),
      { key: StateKey.balance(GAMMA, ASSET.USD), value: null },
    );
  });

  it('INSUFFICIENT_FUNDS: more than the balance', () => {
    const h = new LedgerHarness();
    const balance = h.balance(ALPHA, ASSET.CNY);
    h.fails(E.INSUFFICIENT_FUNDS, [transfer(balance + 1n)], ['alice', 'bob']);
    h.fails(E.INSUFFICIENT_FUNDS, [transfer(1n, { asset: ASSET.HKD })], ['alice', 'bob']);
    h.ok([transfer(balance)], ['alice', 'bob']);
    assert.equal(h.balance(ALPHA, ASSET.CNY), 0n);
  });

  it('UNKNOWN_ASSET', () => {
    const h = new LedgerHarness();
    h.fails(E.UNKNOWN_ASSET, [transfer(1n, { asset: 'EUR' })], ['alice', 'bob']);
  });

  it('UNKNOWN_ACCOUNT: for the sender (whose policy cannot be found) and for the receiver', () => {
    const h = new LedgerHarness();
    h.fails(E.UNKNOWN_ACCOUNT, [transfer(1n, { to: 'nobody.here' })], ['alice', 'bob']);
    h.fails(E.UNKNOWN_ACCOUNT, [transfer(1n, { from: 'nobody.here' })], ['alice', 'bob']);
  });

  it('SAME_ACCOUNT', () => {
    const h = new LedgerHarness();
    h.fails(E.SAME_ACCOUNT, [transfer(1n, { to: ALPHA })], ['alice', 'bob']);
  });

  it('AMOUNT_ZERO', () => {
    const h = new LedgerHarness();
    h.fails(E.AMOUNT_ZERO, [transfer(0n)], ['alice', 'bob']);
  });

  it('POLICY_NOT_SATISFIED with one signer of a 2-of-3 account; OK with two', () => {
    const h = new LedgerHarness();
    const out = h.fails(E.POLICY_NOT_SATISFIED, [transfer(1n)], ['alice']);
    assert.match(out.message!, /alpha\.treasury/);
    assert.match(out.message!, /weight 1 of 2/);
    h.ok([transfer(1n)], ['alice', 'bob']);
    h.ok([transfer(1n)], ['bob', 'carol']);
  });

  it('POLICY_NOT_SATISFIED: signatories outside the policy do not count, whatever their number', () => {
    const h = new LedgerHarness();
    h.fails(E.POLICY_NOT_SATISFIED, [transfer(1n)], ['alice', 'dave', 'erin', 'frank', 'mallory']);
    // The same key twice is still one approval (execution refuses duplicates; the ledger does not count them).
    h.fails(E.POLICY_NOT_SATISFIED, [transfer(1n)], ['alice', 'alice']);
  });

  it('UNKNOWN_SIGNER: a key that is not registered, even when the registered signers satisfy the policy', () => {
    const h = new LedgerHarness();
    const out = h.fails(E.UNKNOWN_SIGNER, [transfer(1n)], ['alice', 'bob', 'outsider']);
    assert.match(out.message!, new RegExp(id('outsider')));
  });

  it('SIGNER_INACTIVE: a removed signatory can no longer sign anything', () => {
    const h = new LedgerHarness();
    h.ok([{ type: 'signatory.remove', signatory: id('bob') }], ['alice', 'dave']);
    h.fails(E.SIGNER_INACTIVE, [transfer(1n)], ['alice', 'bob']);
    h.fails(E.SIGNER_INACTIVE, [transfer(1n)], ['alice', 'bob', 'carol']);
    h.ok([transfer(1n)], ['alice', 'carol']);
  });

  it('a transaction applies all its operations or none: a failing second operation rolls back the first', () => {
    const h = new LedgerHarness();
    const alpha = h.balance(ALPHA, ASSET.CNY);
    h.fails(E.INSUFFICIENT_FUNDS, [transfer(100n), transfer(alpha)], ['alice', 'bob']);
    h.fails(E.UNKNOWN_ASSET, [transfer(100n), transfer(1n, { asset: 'XYZ' })], ['alice', 'bob']);
    // The second operation sees the first one's effect: together they may spend exactly the balance.
    h.ok([transfer(100n), transfer(alpha - 100n)], ['alice', 'bob']);
    assert.equal(h.balance(ALPHA, ASSET.CNY), 0n);
  });

  it('operations in one transaction chain: received funds can be sent on', () => {
    const h = new LedgerHarness();
    const out = h.ok(
      [
        transfer(10n, { from: GAMMA, to: BETA, asset: ASSET.USD }),
        transfer(10n, { from: BETA, to: ALPHA, asset: ASSET.USD }),
      ],
      ['grace', 'dave', 'heidi'],
    );
    assert.equal(h.balance(BETA, ASSET.USD), 0n);
    assert.equal(eventsOf(out.events, 'transfer').length, 2);
  });
});
