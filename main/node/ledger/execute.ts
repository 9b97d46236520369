import type { LedgerEvent, Operation } from '../../../shared/domain/index.ts';
import { authorize } from './guards.ts';
import { applyAction } from './actions/apply.ts';
import { isEvidenceOnly, submitEvidence } from './actions/evidence.ts';
import type { ExecContext } from './context.ts';
import { fail, LedgerErrorCode as E } from './errors.ts';
import { runEndBlock } from './end-block.ts';
import { failureCode } from './failure-code.ts';
import { OK, type BlockContext, type StateReader, type TxResult, type VerifiedTx } from './interface.ts';
import { LedgerState } from './ledger-state.ts';
import { StateOverlay, type Write } from './overlay.ts';
import { approveProposal, cancelProposal, createProposal, rejectProposal } from './proposals.ts';

/**
 * Executes one verified transaction against the block's state. All of its operations apply, in order, or none do:
 * a failure rolls the transaction back and is returned as its result code, and the block goes on.
 */
export function executeTx(blockState: LedgerState, vtx: VerifiedTx, block: BlockContext): TxResult {
  const ctx: ExecContext = { state: blockState.child(), block, txId: vtx.id, signers: vtx.signers, events: [] };
  try {
    for (const id of isEvidenceOnly(vtx.tx.body.ops) ? [] : vtx.signers) {
      const signatory = ctx.state.signatory(id);
      if (!signatory) fail(E.UNKNOWN_SIGNER, `key ${id} is not a registered signatory`);
      if (!signatory.active) fail(E.SIGNER_INACTIVE, `signatory ${signatory.name} (${id}) has been removed`);
    }
    for (const op of vtx.tx.body.ops) executeOp(ctx, op);
  } catch (err) {
    const code = failureCode(err);
    if (code === undefined) throw err;
    return { code, message: (err as Error).message, events: [] };
  }
  blockState.absorb(ctx.state);
  return { code: OK, events: ctx.events };
}

function executeOp(ctx: ExecContext, op: Operation): void {
  switch (op.type) {
    case 'proposal.create':
      return createProposal(ctx, op);
    case 'proposal.approve':
      return approveProposal(ctx, op);
    case 'proposal.reject':
      return rejectProposal(ctx, op);
    case 'proposal.cancel':
      return cancelProposal(ctx, op);
    case 'evidence.submit':
      return submitEvidence(ctx, op);
    default:
      // A direct action: the transaction's own signatures are its approvals.
      authorize(ctx, op, ctx.signers);
      return applyAction(ctx, op);
  }
}

/**
 * One block, executed over `base` (committed state, or a cached view of it): the transactions in order, then the
 * end-of-block phase (ledger/end-block.ts: scheduled settlement, cut-offs, contract obligations). Returns the
 * transactions' results, the block events (what the end-of-block phase did, belonging to no transaction), the
 * block's net writes (both phases), and the block's state (whose cache a caller may keep once the block commits).
 */
export function executeTxs(
  base: StateReader | LedgerState,
  txs: readonly VerifiedTx[],
  block: BlockContext,
): { results: TxResult[]; blockEvents: LedgerEvent[]; writes: { key: string; value: Write }[]; state: LedgerState } {
  const state = base instanceof LedgerState ? base.child() : new LedgerState(new StateOverlay(base));
  const results = txs.map((vtx) => executeTx(state, vtx, block));
  const blockEvents = runEndBlock(
    state,
    block,
    results.flatMap((r) => r.events),
  );
  return { results, blockEvents, writes: state.overlay.writes(), state };
}
