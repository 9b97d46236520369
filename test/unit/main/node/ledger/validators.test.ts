import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesToHex, encodePublicKey } from '../../../../../shared/crypto/index.ts';
import { currentValidators, VALIDATOR_CHANGE_DELAY } from '../../../../../main/node/ledger/actions/validators.ts';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { LedgerState } from '../../../../../main/node/ledger/ledger-state.ts';
import { StateOverlay } from '../../../../../main/node/ledger/overlay.ts';
import { KEYS, LedgerHarness, type SignerName } from '../../../../helpers/ledger-harness.ts';

const GOV: SignerName[] = ['alice', 'dave'];

function validators(h: LedgerHarness) {
  return currentValidators(new LedgerState(new StateOverlay(h.store))).map((v) => ({ name: v.name, power: v.power }));
}

describe('validator.set: validator-set changes by governance, effective a fixed number of blocks later', () => {
  it('needs the governance policy', () => {
    const h = new LedgerHarness();
    const add = { type: 'validator.set' as const, publicKey: KEYS.newcomer.publicKey, power: 5, name: 'validator-2' };
    h.fails(E.POLICY_NOT_SATISFIED, [add], ['alice']);
  });

  it(`adds a validator from block H + ${VALIDATOR_CHANGE_DELAY}, changes its power, removes it`, () => {
    const h = new LedgerHarness();
    assert.deepEqual(validators(h), [{ name: 'validator-1', power: 1 }]);
    const add = { type: 'validator.set' as const, publicKey: KEYS.newcomer.publicKey, power: 5, name: 'validator-2' };
    const decided = h.ok([add], GOV);
    const hex = bytesToHex(KEYS.newcomer.publicKey);
    assert.deepEqual(decided.events, [
      { type: 'validator.change-scheduled', validator: hex, name: 'validator-2', power: 5, height: decided.height + 2 },
    ]);
    // Block H + 1 is decided by the old set; at its end the change takes effect for H + 2.
    assert.equal(validators(h).length, 1);
    const next = h.block([]);
    assert.deepEqual(next.blockEvents, [
      { type: 'validator.changed', validator: hex, name: 'validator-2', power: 5, height: decided.height + 2 },
    ]);
    assert.deepEqual(
      validators(h).sort((a, b) => a.name.localeCompare(b.name)),
      [
        { name: 'validator-1', power: 1 },
        { name: 'validator-2', power: 5 },
      ],
    );

    h.ok([{ ...add, power: 0 }], GOV);
    h.block([]);
    assert.deepEqual(validators(h), [{ name: 'validator-1', power: 1 }]);
  });

  it('refuses a key that is not Ed25519, removing a non-validator, and emptying the set', () => {
    const h = new LedgerHarness();
    const p256 = encodePublicKey('p256', new Uint8Array(33).fill(2));
    h.fails(E.BAD_VALIDATOR, [{ type: 'validator.set', publicKey: p256, power: 1, name: 'x' }], GOV);
    h.fails(E.BAD_VALIDATOR, [{ type: 'validator.set', publicKey: KEYS.newcomer.publicKey, power: 0, name: 'x' }], GOV);

    h.ok([{ type: 'validator.set', publicKey: KEYS.validator.publicKey, power: 0, name: 'validator-1' }], GOV);
    const next = h.block([]);
    assert.equal(next.blockEvents[0]?.type, 'block.hook-failed', 'the change that would empty the set is dropped');
    assert.deepEqual(validators(h), [{ name: 'validator-1', power: 1 }]);
  });
});
