import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { ACCOUNT, ASSET, DAY } from '../../../../helpers/ledger-harness.ts';
import { attestOp, ContractHarness, draftAndSign, steps, terminateOp } from './contract-harness.ts';

// beta.treasury insures itself with alpha.treasury against a typhoon; gamma.ops is the oracle.
const { alphaTreasury: INSURER, betaTreasury: INSURED, gammaOps: ORACLE } = ACCOUNT;
const PREMIUM = 5_000_00n;
const COVER = 200_000_00n;
const EVENT = 'typhoon-signal-8';

function insure(h: ContractHarness, id: string, expiresAt: bigint) {
  draftAndSign(
    h,
    id,
    'parametric-insurance',
    { insured: INSURED, insurer: INSURER, oracle: ORACLE },
    { asset: ASSET.CNY, premium: PREMIUM, cover: COVER, event: EVENT, expiresAt },
  );
}

describe('parametric insurance template', () => {
  it('takes the premium and locks the cover on activation; pays out on the oracle attestation', () => {
    const h = new ContractHarness();
    const [insured0, insurer0] = [h.balance(INSURED, ASSET.CNY), h.balance(INSURER, ASSET.CNY)];
    insure(h, 'typhoon', h.time + 90n * DAY);
    assert.equal(h.balance(INSURED, ASSET.CNY), insured0 - PREMIUM);
    assert.equal(h.balance(INSURER, ASSET.CNY), insurer0 + PREMIUM - COVER);
    assert.equal(h.holding('typhoon', ASSET.CNY), COVER);
    h.fails(E.NOT_ATTESTER, [attestOp('typhoon', 'insured', EVENT)], ['dave', 'erin']);
    h.okOps([attestOp('typhoon', 'oracle', EVENT)], ['grace']);
    assert.equal(h.balance(INSURED, ASSET.CNY), insured0 - PREMIUM + COVER);
    assert.equal(h.contract('typhoon')!.status, 'executed');
    assert.deepEqual(steps(h, 'typhoon').slice(-6), [
      'tx:contract.activated',
      'tx:contract.paid',
      'tx:contract.locked',
      'tx:contract.attested',
      'block:contract.released',
      'block:contract.executed',
    ]);
    h.assertConservation();
    h.assertClosedHoldNothing();
  });

  it('returns the cover to the insurer at expiry; the premium stays earned', () => {
    const h = new ContractHarness();
    const insurer0 = h.balance(INSURER, ASSET.CNY);
    const expiresAt = h.time + 90n * DAY;
    insure(h, 'quiet', expiresAt);
    h.tick(expiresAt);
    assert.equal(h.contract('quiet')!.status, 'expired');
    assert.equal(h.balance(INSURER, ASSET.CNY), insurer0 + PREMIUM);
    assert.equal(h.holding('quiet', ASSET.CNY), 0n);
    assert.deepEqual(steps(h, 'quiet').slice(-2), ['block:contract.released', 'block:contract.expired']);
  });

  it('terminated by all three parties: the cover goes back, the premium does not', () => {
    const h = new ContractHarness();
    const insured0 = h.balance(INSURED, ASSET.CNY);
    insure(h, 'off', h.time + DAY);
    h.fails(E.POLICY_NOT_SATISFIED, [terminateOp('off')], ['alice', 'bob', 'dave', 'erin']);
    h.okOps([terminateOp('off')], ['alice', 'bob', 'dave', 'erin', 'grace']);
    assert.equal(h.balance(INSURED, ASSET.CNY), insured0 - PREMIUM);
    assert.equal(h.contract('off')!.status, 'terminated');
    h.assertClosedHoldNothing();
  });
});
