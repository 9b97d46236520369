import type { AssetId } from '../../../../shared/domain/index.ts';
import type { ContractTemplate } from '../template.ts';
import { assetTerm, futureTime } from './checks.ts';

/**
 * Parametric insurance: on activation the insured pays the premium to the insurer and the insurer's cover is
 * locked in the contract's holding. If the oracle attests the insured event before `expiresAt`, the cover is paid
 * out to the insured; at `expiresAt` it returns to the insurer. The premium is earned on activation and is not
 * returned, whatever happens later (also when every party terminates the contract).
 */
export const parametricInsuranceV1: ContractTemplate = {
  id: 'parametric-insurance',
  version: 1,
  title: 'Parametric insurance',
  description:
    'The premium is paid and the cover locked on activation; the cover is paid to the insured when the oracle ' +
    'attests the event before expiresAt, and returned to the insurer at expiresAt otherwise.',
  roles: [
    { name: 'insured', required: true, description: 'pays the premium, receives the payout' },
    { name: 'insurer', required: true, description: 'receives the premium, locks the cover' },
    { name: 'oracle', required: true, description: 'attests whether the insured event happened' },
  ],
  terms: [
    { name: 'asset', kind: 'asset', required: true, description: 'the currency of premium and cover' },
    {
      name: 'premium',
      kind: 'amount',
      asset: 'asset',
      required: true,
      description: 'paid to the insurer on activation',
    },
    { name: 'cover', kind: 'amount', asset: 'asset', required: true, description: 'paid to the insured on the event' },
    {
      name: 'event',
      kind: 'text',
      required: true,
      description: 'the fact the oracle attests, e.g. "typhoon-signal-8"',
    },
    { name: 'expiresAt', kind: 'time', required: true, description: 'end of cover' },
  ],
  terminableWhenActive: true,

  attestations(terms) {
    return [{ role: 'oracle', facts: [terms.text('event')] }];
  },

  check(c) {
    assetTerm(c, 'asset', 'currency');
    futureTime(c, 'expiresAt');
  },

  exposure(_state, terms, role) {
    if (role === 'insured') return [{ asset: terms.text('asset'), amount: terms.int('premium') }];
    if (role === 'insurer') return [{ asset: terms.text('asset'), amount: terms.int('cover') }];
    return [];
  },

  activate(run) {
    const asset = run.terms.text('asset') as AssetId;
    run.pay(run.account('insured'), run.account('insurer'), asset, run.terms.int('premium'), 'premium');
    run.lock(run.account('insurer'), asset, run.terms.int('cover'));
    run.schedule(run.terms.int('expiresAt'));
  },

  onAttested(run) {
    run.releaseAll(run.account('insured'), 'payout');
    run.finish('executed', { code: 'PAID_OUT', message: 'the oracle attested the insured event' });
  },

  onTime(run) {
    run.releaseAll(run.account('insurer'), 'refund');
    run.finish('expired', { code: 'COVER_ENDED', message: 'no insured event was attested before expiresAt' });
  },

  onTerminate(run) {
    run.releaseAll(run.account('insurer'), 'refund');
  },
};
