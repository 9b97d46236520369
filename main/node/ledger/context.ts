import type { LedgerEvent, SignatoryId } from '../../../shared/domain/index.ts';
import type { BlockContext } from './interface.ts';
import type { LedgerState } from './ledger-state.ts';

/** What an operation executes against: the state of its transaction, the block, the verified signers. */
export interface ExecContext {
  readonly state: LedgerState;
  readonly block: BlockContext;
  readonly txId: string;
  /** Signatory ids whose signatures on the transaction verified (active, registered: checked before ops run). */
  readonly signers: readonly SignatoryId[];
  readonly events: LedgerEvent[];
}

/** A context over a child state with its own event list, for work that may be rolled back on its own. */
export function childContext(ctx: ExecContext): ExecContext {
  return { ...ctx, state: ctx.state.child(), events: [] };
}

/** Commits a child context's state and events into its parent. */
export function commitChild(parent: ExecContext, child: ExecContext): void {
  parent.state.absorb(child.state);
  parent.events.push(...child.events);
}
