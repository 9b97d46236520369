import type { LedgerEvent } from '../../../shared/domain/index.ts';
import { childContext, commitChild, type ExecContext } from './context.ts';
import { failureCode } from './failure-code.ts';
import type { BlockContext } from './interface.ts';
import type { LedgerState } from './ledger-state.ts';
import { settlementEndBlockHook } from '../settlement/end-block-hook.ts';
import { contractsEndBlockHook } from '../contracts/end-block-hook.ts';
import { validatorsEndBlockHook } from './actions/validators.ts';

/**
 * The end-of-block phase: work the ledger does by itself after a block's transactions, on block time only
 * (scheduled settlement, queue retries, gridlock resolution, deferred-net cut-offs, contract obligations).
 *
 * - Hooks run in the order of END_BLOCK_HOOKS, each against the block's state after the transactions (and after the
 *   hooks before it), and each sees the events of the block's transactions.
 * - Block-level events carry no transaction: their ExecContext has txId BLOCK_TX_ID ('') and no signers. They are
 *   the block's "block events", stored with the block and part of its app hash.
 * - Each hook runs in a child context. If it throws a coded (expected, deterministic) error, everything the hook
 *   did in this block is dropped and a `block.hook-failed` event records the code; the other hooks still run. Hooks
 *   should isolate their own units of work (one instruction, one obligation) so one bad item does not stall the rest;
 *   this is the last line of defence. An uncoded error is a bug and propagates (the block is not built).
 */
export interface EndBlockHook {
  readonly name: string;
  /** Runs after the block's transactions, against the block's state; pushes its events to ctx.events. */
  run(ctx: ExecContext, txEvents: readonly LedgerEvent[]): void;
  /** Whether work is due at `time` even with no transactions (a scheduled instruction, a cut-off, an obligation). */
  due(state: LedgerState, time: bigint): boolean;
}

/** The txId of the ExecContext end-of-block hooks run in: block events belong to no transaction. */
export const BLOCK_TX_ID = '';

export const END_BLOCK_HOOKS: readonly EndBlockHook[] = [
  settlementEndBlockHook,
  contractsEndBlockHook,
  validatorsEndBlockHook,
];

/** Runs every end-of-block hook over `state` (the block's state, changed in place) and returns the block events. */
export function runEndBlock(
  state: LedgerState,
  block: BlockContext,
  txEvents: readonly LedgerEvent[],
  hooks: readonly EndBlockHook[] = END_BLOCK_HOOKS,
): LedgerEvent[] {
  const root: ExecContext = { state, block, txId: BLOCK_TX_ID, signers: [], events: [] };
  for (const hook of hooks) {
    const ctx = childContext(root);
    try {
      hook.run(ctx, txEvents);
    } catch (err) {
      const code = failureCode(err);
      if (code === undefined) throw err;
      root.events.push({ type: 'block.hook-failed', hook: hook.name, code, message: (err as Error).message });
      continue;
    }
    commitChild(root, ctx);
  }
  return root.events;
}

/** Whether any hook has work due at `time`: a producer makes a block then even with an empty mempool. */
export function hasDueWork(
  state: LedgerState,
  time: bigint,
  hooks: readonly EndBlockHook[] = END_BLOCK_HOOKS,
): boolean {
  return hooks.some((h) => h.due(state, time));
}
