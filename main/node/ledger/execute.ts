import type { Operation } from '../../../shared/domain/index.ts';
import { authorize } from './guards.ts';
import { applyAction } from './actions/apply.ts';
import type { ExecContext } from './context.ts';
import { fail, LedgerError, LedgerErrorCode as E } from './errors.ts';
import { EncodingError } from '../../../shared/encoding/index.ts';
import { FinanceError } from '../../../shared/finance/index.ts';
import { CryptoError } from '../../../shared/crypto/index.ts';
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
    for (const id of vtx.signers) {
      const signatory = ctx.state.signatory(id);
      if (!signatory) fail(E.UNKNOWN_SIGNER, `key ${id} is not a registered signatory`);
      if (!signatory.active) fail(E.SIGNER_INACTIVE, `signatory ${signatory.name} (${id}) has been removed`);
    }
    for (const op of vtx.tx.body.ops) executeOp(ctx, op);
  } catch (err) {
    const code = codeOf(err);
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
      return fail(E.NOT_SUPPORTED, 'evidence is handled by consensus, which this version does not run');
    default:
      // A direct action: the transaction's own signatures are its approvals.
      authorize(ctx, op, ctx.signers);
      return applyAction(ctx, op);
  }
}

/**
 * The code of an expected, deterministic failure: our coded errors (ledger, encoding, finance, crypto). Anything
 * else is a bug and must not be recorded as a transaction result.
 */
function codeOf(err: unknown): string | undefined {
  return err instanceof LedgerError ||
    err instanceof EncodingError ||
    err instanceof FinanceError ||
    err instanceof CryptoError
    ? err.code
    : undefined;
}

/**
 * The transactions of one block, executed in order over `base` (committed state, or a cached view of it): their
 * results, the block's net writes, and the block's state (whose cache a caller may keep once the block commits).
 */
export function executeTxs(
  base: StateReader | LedgerState,
  txs: readonly VerifiedTx[],
  block: BlockContext,
): { results: TxResult[]; writes: { key: string; value: Write }[]; state: LedgerState } {
  const state = base instanceof LedgerState ? base.child() : new LedgerState(new StateOverlay(base));
  const results = txs.map((vtx) => executeTx(state, vtx, block));
  return { results, writes: state.overlay.writes(), state };
}
