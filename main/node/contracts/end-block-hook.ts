import type { Contract } from '../../../shared/domain/index.ts';
import { childContext, commitChild, type ExecContext } from '../ledger/context.ts';
import type { EndBlockHook } from '../ledger/end-block.ts';
import { failureCode } from '../ledger/failure-code.ts';
import { runFor } from './lifecycle.ts';
import type { ContractRun } from './run.ts';
import { dueContracts, hasDueContract, loadContract, saveContract } from './store.ts';

/** More steps than any built-in schedule has (coupons ≤ 1000): a bound on one contract's catch-up in one block. */
const MAX_STEPS_PER_BLOCK = 1001;

/**
 * Contracts' end-of-block work, after the block's transactions:
 *
 * 1. attestations accepted in this block's transactions (`contract.attested` events), in the order they happened:
 *    the contract's template acts on them (release the escrow, pay out the cover);
 * 2. timed steps that are due (`nextAt` ≤ block time), in (time, contract id) order: draft expiry, release or
 *    refund dates, settlement dates, coupon dates, maturities. A contract whose several steps fell due since the
 *    last block (no block was produced in between) takes them one after the other, in this block.
 *
 * Each step runs in its own child context: if it fails with a coded error that its template did not handle, that
 * step's changes are dropped and the contract is recorded `defaulted` with the code (its holding, if any, stays
 * locked, visible in contract.get), and the other contracts go on. Balance changes name `contract.obligation`.
 */
export const contractsEndBlockHook: EndBlockHook = {
  name: 'contracts',

  run(ctx, txEvents) {
    for (const event of txEvents) {
      if (event.type !== 'contract.attested') continue;
      const contract = loadContract(ctx.state, event.contract);
      if (contract?.status !== 'active') continue; // terminated by a later transaction of the block
      step(ctx, contract, (run) => run.template.onAttested(run, event.party, event.fact));
    }
    for (const id of dueContracts(ctx.state, ctx.block.time)) {
      for (let n = 0; n < MAX_STEPS_PER_BLOCK; n++) {
        const contract = loadContract(ctx.state, id);
        if (!contract || contract.nextAt === undefined || contract.nextAt > ctx.block.time) break;
        step(ctx, contract, (run) => {
          if (contract.status === 'drafted') {
            run.finish('expired', { code: 'NOT_SIGNED', message: 'not every party signed before signBy' });
          } else {
            run.template.onTime(run);
          }
        });
        // A step that neither closed the contract nor moved its time on would repeat: leave it to the next block.
        if (loadContract(ctx.state, id)?.nextAt === contract.nextAt) break;
      }
    }
  },

  due(state, time) {
    return hasDueContract(state, time);
  },
};

function step(ctx: ExecContext, contract: Contract, work: (run: ContractRun) => void): void {
  const child = childContext(ctx);
  try {
    const run = runFor(child, contract, 'contract.obligation');
    work(run);
    run.save();
  } catch (err) {
    const code = failureCode(err);
    if (code === undefined) throw err;
    defaulted(ctx, contract, code, (err as Error).message);
    return;
  }
  commitChild(ctx, child);
}

/** Closes a contract as defaulted without its template (which may be what failed): no further step. */
function defaulted(ctx: ExecContext, contract: Contract, code: string, message: string): void {
  const { nextAt: _, ...rest } = contract;
  const closed: Contract = {
    ...rest,
    status: 'defaulted',
    closed: { height: ctx.block.height, time: ctx.block.time, code, message: message.slice(0, 512) },
  };
  ctx.events.push({ type: 'contract.defaulted', contract: contract.id, code, message });
  saveContract(ctx.state, contract, closed);
}
