import type { Action } from '../../../shared/domain/index.ts';
import { fail, LedgerErrorCode as E } from '../ledger/errors.ts';
import type { LedgerState } from '../ledger/ledger-state.ts';
import type { MovedAmount } from '../ledger/policy.ts';
import { termsOf } from './lifecycle.ts';
import { findTemplate } from './registry.ts';
import { loadContract, requireContract } from './store.ts';

type ContractAction = Extract<Action, { type: `contract.${string}` }>;

/**
 * Whose policies must approve a contract operation (the ledger turns these accounts into guards):
 *
 * - contract.create: the drafter, the account of the first party listed. Drafting commits nobody to anything;
 *   it only has to come from a party.
 * - contract.sign, contract.attest: the account of the party signing or attesting, under its own policy — so a
 *   2-of-3 account signs a contract with two approvals, directly or through a proposal.
 * - contract.terminate: every party's account: a contract ends early only if every party agrees.
 */
export function contractGuardAccounts(state: LedgerState, action: ContractAction): string[] {
  switch (action.type) {
    case 'contract.create':
      return [action.parties[0]!.account];
    case 'contract.sign':
    case 'contract.attest': {
      const contract = requireContract(state, action.contract);
      const party = contract.parties.find((p) => p.role === action.party);
      if (!party) fail(E.NOT_A_PARTY, `contract "${action.contract}" has no party "${action.party}"`);
      return [party.account];
    }
    case 'contract.terminate':
      return [...new Set(requireContract(state, action.contract).parties.map((p) => p.account))];
  }
}

/**
 * What a contract operation commits its guard to, for amount tiers: signing commits the party to what the template
 * says it may pay (the escrowed amount, the cash leg, the premium, every coupon). Unknown contracts give nothing
 * here; the guard lookup reports them.
 */
export function contractMovedAmounts(state: LedgerState, action: ContractAction): MovedAmount[] {
  if (action.type !== 'contract.sign') return [];
  const contract = loadContract(state, action.contract);
  const template = contract && findTemplate(contract.template, contract.version);
  if (!contract || !template) return [];
  return template.exposure(state, termsOf(template, contract), action.party);
}
