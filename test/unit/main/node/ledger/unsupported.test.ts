import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import {
  ACCOUNT,
  ASSET,
  DAY,
  draftProposal,
  KEYS,
  LedgerHarness,
  type ActionInput,
  type OpInput,
} from '../../../../helpers/ledger-harness.ts';

const { alphaTreasury: ALPHA, betaTreasury: BETA } = ACCOUNT;

const ACTIONS: ActionInput[] = [
  {
    type: 'settlement.instruct',
    instruction: 'pay-001',
    mode: 'rtgs',
    priority: 'urgent',
    legs: [{ from: ALPHA, to: BETA, asset: ASSET.CNY, amount: 1n }],
  },
  { type: 'settlement.action', instruction: 'pay-001', action: 'hold' },
  {
    type: 'contract.create',
    contract: 'escrow-1',
    template: 'escrow',
    version: 1,
    parties: [{ role: 'buyer', account: ALPHA }],
    terms: { amount: 10n },
  },
  { type: 'contract.sign', contract: 'escrow-1', party: 'buyer' },
  { type: 'contract.attest', contract: 'escrow-1', party: 'buyer', fact: 'delivered' },
  { type: 'contract.terminate', contract: 'escrow-1', reason: 'done' },
  { type: 'validator.set', publicKey: KEYS.newcomer.publicKey, power: 10, name: 'validator-2' },
];

describe('NOT_SUPPORTED: operations this version of the ledger does not execute', () => {
  for (const action of ACTIONS) {
    it(`${action.type}, as a direct operation and as a proposal`, () => {
      const h = new LedgerHarness();
      const out = h.fails(E.NOT_SUPPORTED, [action], ['alice', 'bob', 'dave', 'frank']);
      assert.ok(out.message);
      const draft = draftProposal(action, { expiresAt: h.nextTime + DAY, approver: 'alice' });
      h.fails(E.NOT_SUPPORTED, [draft.op], ['alice']);
    });
  }

  it('evidence.submit', () => {
    const h = new LedgerHarness();
    const evidence: OpInput = { type: 'evidence.submit', voteA: new Uint8Array(8), voteB: new Uint8Array(8) };
    h.fails(E.NOT_SUPPORTED, [evidence], ['alice']);
  });

  it('rolls back the operations before it in the transaction', () => {
    const h = new LedgerHarness();
    h.fails(
      E.NOT_SUPPORTED,
      [{ type: 'transfer', from: ALPHA, to: BETA, asset: ASSET.CNY, amount: 1n }, ACTIONS[0]!],
      ['alice', 'bob'],
    );
  });
});
