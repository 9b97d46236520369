import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionSchema, describeAction, type Action } from '../../../../shared/domain/index.ts';

const action = (a: unknown) => actionSchema.parse(a) as Action;

describe('describeAction: contracts and validators in plain language', () => {
  it('names the template, parties and every term of a contract to be created', () => {
    const text = describeAction(
      action({
        type: 'contract.create',
        contract: 'loan-7',
        template: 'bilateral-loan',
        version: 1,
        parties: [
          { role: 'lender', account: 'jhcb.treasury' },
          { role: 'borrower', account: 'hbsec.treasury' },
        ],
        terms: { principal: 1_000_000n, currency: 'CNY', secured: false },
      }),
      {},
    );
    assert.equal(
      text,
      'Create contract loan-7 from template bilateral-loan v1 between lender: jhcb.treasury, borrower: hbsec.treasury; ' +
        'terms: currency = CNY; principal = 1000000; secured = false',
    );
  });

  it('says which contract is signed, attested or terminated, and as whom', () => {
    assert.equal(
      describeAction(action({ type: 'contract.sign', contract: 'loan-7', party: 'lender' }), {}),
      'Sign contract loan-7 as lender',
    );
    assert.equal(
      describeAction(
        action({ type: 'contract.attest', contract: 'loan-7', party: 'agent', fact: 'collateral-received' }),
        {},
      ),
      'Attest "collateral-received" on contract loan-7 as agent',
    );
    assert.equal(
      describeAction(action({ type: 'contract.terminate', contract: 'loan-7', reason: 'repaid early' }), {}),
      'Terminate contract loan-7 — reason "repaid early"',
    );
  });

  it('shows a validator change with its key, and a removal as a removal', () => {
    const publicKey = Uint8Array.of(1, ...new Uint8Array(32).fill(0xab));
    const hex = '01' + 'ab'.repeat(32);
    assert.equal(
      describeAction(action({ type: 'validator.set', publicKey, power: 20, name: 'v4' }), {}),
      `Set the voting power of validator v4 (key ${hex}) to 20`,
    );
    assert.equal(
      describeAction(action({ type: 'validator.set', publicKey, power: 0, name: 'v4' }), {}),
      `Remove validator v4 (key ${hex})`,
    );
  });
});
