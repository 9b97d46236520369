import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCOUNT, ASSET, DAY, HOUR } from '../../../../helpers/ledger-harness.ts';
import { ContractHarness } from './contract-harness.ts';

const { alphaTreasury: ALPHA, betaTreasury: BETA, gammaOps: AGENT } = ACCOUNT;
const AMOUNT = 250_000_00n;

/** Payer alpha.treasury (2-of-3 alice, bob, carol), payee beta.treasury (dave, erin, heidi), agent gamma.ops (grace). */
function draft(h: ContractHarness, id: string, terms: Record<string, string | bigint>, withAgent = true) {
  h.okOps(
    [
      {
        type: 'contract.create',
        contract: id,
        template: 'escrow',
        version: 1,
        parties: [
          { role: 'payer', account: ALPHA },
          { role: 'payee', account: BETA },
          ...(withAgent ? [{ role: 'agent', account: AGENT }] : []),
        ],
        terms: { asset: ASSET.CNY, amount: AMOUNT, ...terms },
      },
    ],
    ['alice', 'bob'],
  );
}

function signAll(h: ContractHarness, id: string, withAgent = true) {
  h.okOps([{ type: 'contract.sign', contract: id, party: 'payer' }], ['alice', 'bob']);
  h.okOps([{ type: 'contract.sign', contract: id, party: 'payee' }], ['dave', 'erin']);
  if (withAgent) h.okOps([{ type: 'contract.sign', contract: id, party: 'agent' }], ['grace']);
}

describe('escrow template', () => {
  it('locks on activation and releases to the payee on the agent attestation', () => {
    const h = new ContractHarness();
    const alphaBefore = h.balance(ALPHA, ASSET.CNY);
    const betaBefore = h.balance(BETA, ASSET.CNY);
    draft(h, 'esc-1', { expiresAt: h.time + 10n * DAY, condition: 'goods-received' });
    assert.equal(h.contract('esc-1')?.status, 'drafted');
    signAll(h, 'esc-1');
    assert.equal(h.contract('esc-1')?.status, 'active');
    assert.equal(h.holding('esc-1', ASSET.CNY), AMOUNT);
    assert.equal(h.balance(ALPHA, ASSET.CNY), alphaBefore - AMOUNT);
    h.assertConservation();

    const out = h.okOps(
      [{ type: 'contract.attest', contract: 'esc-1', party: 'agent', fact: 'goods-received' }],
      ['grace'],
    );
    assert.deepEqual(
      h.lastBlockEvents.filter((e) => e.type.startsWith('contract.')).map((e) => e.type),
      ['contract.released', 'contract.executed'],
    );
    assert.equal(h.contract('esc-1')?.status, 'executed');
    assert.equal(h.holding('esc-1', ASSET.CNY), 0n);
    assert.equal(h.balance(BETA, ASSET.CNY), betaBefore + AMOUNT);
    assert.ok(out.height > 0);
    h.assertConservation();
    h.assertTimerIndex();
    h.assertClosedHoldNothing();
    assert.deepEqual(
      h.timeline('esc-1').map((s) => [s.event.type, s.txId === null ? 'block' : 'tx']),
      [
        ['contract.created', 'tx'],
        ['contract.signed', 'tx'],
        ['contract.signed', 'tx'],
        ['contract.signed', 'tx'],
        ['contract.activated', 'tx'],
        ['contract.locked', 'tx'],
        ['contract.attested', 'tx'],
        ['contract.released', 'block'],
        ['contract.executed', 'block'],
      ],
    );
  });

  it('refunds the payer at expiresAt when nobody attests, in an otherwise empty block', () => {
    const h = new ContractHarness();
    const alphaBefore = h.balance(ALPHA, ASSET.CNY);
    const expiresAt = h.time + 2n * HOUR;
    draft(h, 'esc-2', { expiresAt }, false);
    signAll(h, 'esc-2', false);
    assert.equal(h.due(expiresAt - 1n), false);
    assert.equal(h.due(expiresAt), true);
    h.tick(expiresAt);
    assert.equal(h.contract('esc-2')?.status, 'expired');
    assert.equal(h.balance(ALPHA, ASSET.CNY), alphaBefore);
    assert.equal(h.due(expiresAt + DAY), false);
    h.assertConservation();
    h.assertTimerIndex();
  });

  it('a time release pays the payee at releaseAt even without an attestation', () => {
    const h = new ContractHarness();
    const betaBefore = h.balance(BETA, ASSET.CNY);
    const releaseAt = h.time + DAY;
    draft(h, 'esc-3', { releaseAt }, false);
    signAll(h, 'esc-3', false);
    h.tick(releaseAt + 5n); // the first block at or after the time
    const c = h.contract('esc-3')!;
    assert.equal(c.status, 'executed');
    assert.equal(c.closed?.height, h.height);
    assert.equal(h.balance(BETA, ASSET.CNY), betaBefore + AMOUNT);
    h.assertClosedHoldNothing();
  });

  it('without an agent the payer attests the condition (default "delivered")', () => {
    const h = new ContractHarness();
    draft(h, 'esc-4', { expiresAt: h.time + DAY }, false);
    signAll(h, 'esc-4', false);
    h.okOps([{ type: 'contract.attest', contract: 'esc-4', party: 'payer', fact: 'delivered' }], ['alice', 'bob']);
    assert.equal(h.contract('esc-4')?.status, 'executed');
    assert.equal(h.contract('esc-4')?.closed?.code, 'RELEASED');
  });
});
