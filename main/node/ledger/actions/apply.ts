import type { Action } from '../../../../shared/domain/index.ts';
import type { ExecContext } from '../context.ts';
import { fail, LedgerErrorCode as E } from '../errors.ts';
import { defineAsset, issueAsset, redeemAsset, transfer } from './assets.ts';
import { discountBill, endorseBill, issueBill, payBill } from './bills.ts';
import { scheduleValidatorChange } from './validators.ts';
import { addMember, addSignatory, createAccount, removeSignatory, setPolicy } from './governance.ts';
import { attestContract, createContract, signContract, terminateContract } from '../../contracts/lifecycle.ts';
import { actOnInstruction, instruct } from '../../settlement/instructions.ts';
import { setCycle } from '../../settlement/cycles.ts';

/** Applies an action that has already been authorised (by transaction signers or a proposal's approvals). */
export function applyAction(ctx: ExecContext, action: Action): void {
  switch (action.type) {
    case 'member.add':
      return addMember(ctx, action);
    case 'signatory.add':
      return addSignatory(ctx, action);
    case 'signatory.remove':
      return removeSignatory(ctx, action);
    case 'account.create':
      return createAccount(ctx, action);
    case 'policy.set':
      return setPolicy(ctx, action);
    case 'validator.set':
      return scheduleValidatorChange(ctx, action);
    case 'asset.define':
      return defineAsset(ctx, action);
    case 'asset.issue':
      return issueAsset(ctx, action);
    case 'asset.redeem':
      return redeemAsset(ctx, action);
    case 'transfer':
      return transfer(ctx, action);
    case 'bill.issue':
      return issueBill(ctx, action);
    case 'bill.endorse':
      return endorseBill(ctx, action);
    case 'bill.discount':
      return discountBill(ctx, action);
    case 'bill.pay':
      return payBill(ctx, action);
    case 'settlement.instruct':
      return instruct(ctx, action);
    case 'settlement.action':
      return actOnInstruction(ctx, action);
    case 'settlement.cycle.set':
      return setCycle(ctx, action);
    case 'contract.create':
      return createContract(ctx, action);
    case 'contract.sign':
      return signContract(ctx, action);
    case 'contract.attest':
      return attestContract(ctx, action);
    case 'contract.terminate':
      return terminateContract(ctx, action);
    default: {
      // Unreachable for a decoded action (every type is handled); keeps applyAction total for bad callers.
      const unknown: { type?: unknown } = action;
      return fail(E.NOT_SUPPORTED, `${String(unknown.type)} is not executed by this version of the ledger`);
    }
  }
}
