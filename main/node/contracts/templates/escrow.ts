import type { AssetId } from '../../../../shared/domain/index.ts';
import { fail, LedgerErrorCode as E } from '../../ledger/errors.ts';
import type { ContractTemplate } from '../template.ts';
import type { Terms } from '../terms.ts';
import { assetTerm, futureTime } from './checks.ts';

const DEFAULT_CONDITION = 'delivered';

/** Who attests: the `attester` term (a named role: Terms checks it), else the agent when named, else the payer. */
function attester(terms: Terms, hasAgent: boolean): string {
  return terms.has('attester') ? terms.text('attester') : hasAgent ? 'agent' : 'payer';
}

function condition(terms: Terms): string {
  return terms.has('condition') ? terms.text('condition') : DEFAULT_CONDITION;
}

/**
 * Escrow / conditional payment. On activation the payer's amount moves into the contract's holding. It is released
 * to the payee when the designated attester attests the condition, or at `releaseAt` (a time release); without a
 * time release it is refunded to the payer at `expiresAt` if the condition was not attested by then.
 */
export const escrowV1: ContractTemplate = {
  id: 'escrow',
  version: 1,
  title: 'Escrow / conditional payment',
  description:
    "The payer's amount is locked when every party has signed; it is released to the payee on the attester's " +
    'attestation of the condition (or at releaseAt), and refunded to the payer at expiresAt otherwise.',
  roles: [
    { name: 'payer', required: true, description: 'pays into escrow on activation; refunded on expiry' },
    { name: 'payee', required: true, description: 'receives the amount on release' },
    { name: 'agent', required: false, description: 'an escrow agent who attests the condition' },
  ],
  terms: [
    { name: 'asset', kind: 'asset', required: true, description: 'the asset held in escrow' },
    { name: 'amount', kind: 'amount', asset: 'asset', required: true, description: 'the amount held in escrow' },
    {
      name: 'condition',
      kind: 'text',
      required: false,
      description: `the fact whose attestation releases the funds (default "${DEFAULT_CONDITION}")`,
    },
    {
      name: 'attester',
      kind: 'role',
      required: false,
      description: 'the role that attests the condition (default: agent if named, else payer)',
    },
    {
      name: 'releaseAt',
      kind: 'time',
      required: false,
      description: 'release to the payee at this time at the latest',
    },
    {
      name: 'expiresAt',
      kind: 'time',
      required: false,
      description: 'refund the payer at this time unless released (give this or releaseAt)',
    },
  ],
  terminableWhenActive: true,

  attestations(terms, roles) {
    return [{ role: attester(terms, roles.includes('agent')), facts: [condition(terms)] }];
  },

  check(c) {
    assetTerm(c, 'asset');
    const release = c.terms.has('releaseAt');
    const expiry = c.terms.has('expiresAt');
    if (release === expiry) {
      fail(
        E.BAD_TERMS,
        'give releaseAt (pay the payee at that time at the latest) or expiresAt (refund the payer then), exactly one',
      );
    }
    futureTime(c, release ? 'releaseAt' : 'expiresAt');
  },

  exposure(_state, terms, role) {
    return role === 'payer' ? [{ asset: terms.text('asset'), amount: terms.int('amount') }] : [];
  },

  activate(run) {
    run.lock(run.account('payer'), run.terms.text('asset') as AssetId, run.terms.int('amount'));
    run.schedule(run.terms.optionalInt('releaseAt') ?? run.terms.int('expiresAt'));
  },

  onAttested(run) {
    run.releaseAll(run.account('payee'), 'release');
    run.finish('executed', { code: 'RELEASED', message: 'the condition was attested' });
  },

  onTime(run) {
    if (run.terms.has('releaseAt')) {
      run.releaseAll(run.account('payee'), 'release');
      run.finish('executed', { code: 'RELEASED', message: 'released at releaseAt' });
      return;
    }
    run.releaseAll(run.account('payer'), 'refund');
    run.finish('expired', { code: 'REFUNDED', message: 'the condition was not attested before expiresAt' });
  },

  onTerminate(run) {
    run.releaseAll(run.account('payer'), 'refund');
  },
};
