import type { Action, Policy } from '../../../shared/domain/index.ts';
import type { ExecContext } from './context.ts';
import { fail, LedgerErrorCode as E } from './errors.ts';
import { GOVERNANCE_GUARD } from './keys.ts';
import type { LedgerState } from './ledger-state.ts';
import { describeShortfall, evaluate, requirementFor, type MovedAmount } from './policy.ts';
import { contractGuardAccounts, contractMovedAmounts } from '../contracts/guards.ts';
import { settlementAmounts, settlementDebtors } from '../settlement/instructions.ts';

/** A policy that must approve an action: the governance policy, or an account's. */
export interface Guard {
  /** GOVERNANCE_GUARD or the account id. */
  readonly key: string;
  readonly policy: Policy;
}

function governance(state: LedgerState): Guard {
  const g = state.governance();
  if (!g) fail(E.BAD_POLICY, 'the ledger has no governance policy');
  return { key: GOVERNANCE_GUARD, policy: g.policy };
}

function accountGuard(state: LedgerState, id: string): Guard {
  const account = state.account(id);
  if (!account) fail(E.UNKNOWN_ACCOUNT, `account "${id}" does not exist`);
  return { key: id, policy: account.policy };
}

function issuerOf(state: LedgerState, asset: string): string {
  const a = state.asset(asset);
  if (!a) fail(E.UNKNOWN_ASSET, `asset "${asset}" does not exist`);
  return a.issuer;
}

function billOf(state: LedgerState, serial: string) {
  const bill = state.bill(serial);
  if (!bill) fail(E.UNKNOWN_BILL, `bill "${serial}" does not exist`);
  return bill;
}

/**
 * Which policies must approve an action. Governance actions need the governance policy; an action that moves value
 * needs the policy of every account it takes value from (a bill discount takes the bill from one account and the
 * price from the other, so it needs both).
 */
export function guardsOf(state: LedgerState, action: Action): Guard[] {
  switch (action.type) {
    case 'member.add':
    case 'signatory.add':
    case 'signatory.remove':
    case 'policy.set':
    case 'account.create':
    case 'validator.set':
      return [governance(state)];
    case 'asset.define':
      return [accountGuard(state, action.issuer)];
    case 'asset.issue':
    case 'asset.redeem':
      return [accountGuard(state, issuerOf(state, action.asset))];
    case 'transfer':
      return [accountGuard(state, action.from)];
    case 'bill.issue':
      return [accountGuard(state, action.drawer)];
    case 'bill.endorse':
      return [accountGuard(state, action.from)];
    case 'bill.discount':
      return [accountGuard(state, action.from), accountGuard(state, action.to)];
    case 'bill.pay':
      return [accountGuard(state, billOf(state, action.serial).drawer)];
    case 'settlement.instruct':
    case 'settlement.action':
      return settlementDebtors(state, action).map((account) => accountGuard(state, account));
    case 'settlement.cycle.set':
      return [governance(state)];
    case 'contract.create':
    case 'contract.sign':
    case 'contract.attest':
    case 'contract.terminate':
      return contractGuardAccounts(state, action).map((account) => accountGuard(state, account));
  }
}

/** The amounts an action moves, which select a policy's amount tier. */
export function movedAmounts(state: LedgerState, action: Action): MovedAmount[] {
  switch (action.type) {
    case 'transfer':
    case 'asset.issue':
    case 'asset.redeem':
      return [{ asset: action.asset, amount: action.amount }];
    case 'bill.issue':
      return [{ asset: action.currency, amount: action.faceValue }];
    case 'bill.endorse':
    case 'bill.pay': {
      const bill = billOf(state, action.serial);
      return [{ asset: bill.currency, amount: bill.faceValue }];
    }
    case 'bill.discount': {
      const bill = billOf(state, action.serial);
      return [
        { asset: bill.currency, amount: bill.faceValue },
        { asset: bill.currency, amount: action.price },
      ];
    }
    case 'settlement.instruct':
    case 'settlement.action':
      return settlementAmounts(state, action);
    case 'contract.sign':
      return contractMovedAmounts(state, action);
    default:
      return [];
  }
}

/**
 * Checks that `approvers` satisfy every guard of `action`; throws POLICY_NOT_SATISFIED naming the first guard that
 * is not satisfied and what is missing.
 */
export function authorize(ctx: ExecContext, action: Action, approvers: readonly string[]): void {
  const moved = movedAmounts(ctx.state, action);
  for (const guard of guardsOf(ctx.state, action)) {
    const result = evaluate(guard.policy, requirementFor(guard.policy, moved), approvers, (id) =>
      ctx.state.signatory(id),
    );
    if (!result.satisfied) {
      const whose = guard.key === GOVERNANCE_GUARD ? 'the governance policy' : `the policy of account "${guard.key}"`;
      fail(E.POLICY_NOT_SATISFIED, `${action.type} needs ${whose}: ${describeShortfall(result)}`);
    }
  }
}
