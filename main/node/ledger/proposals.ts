import {
  proposalId,
  type Approval,
  type Operation,
  type Proposal,
  type ProposalStatus,
  type SignatoryId,
} from '../../../shared/domain/index.ts';
import { keyId } from '../../../shared/crypto/index.ts';
import { applyAction } from './actions/apply.ts';
import { childContext, commitChild, type ExecContext } from './context.ts';
import { fail, LedgerError, LedgerErrorCode as E } from './errors.ts';
import { guardsOf, movedAmounts, type Guard } from './guards.ts';
import { StateKey, StatePrefix } from './keys.ts';
import { evaluate, requirementFor, stillSatisfiable } from './policy.ts';

type Of<T extends Operation['type']> = Extract<Operation, { type: T }>;

/** Longest a proposal may stay open when its policies do not say: 30 days of block time. */
export const DEFAULT_PROPOSAL_LIFETIME_MS = 30n * 24n * 3600n * 1000n;

/**
 * Expiry is evaluated lazily, against block time: a pending proposal past its `expiresAt` can no longer be approved
 * or executed, and every query reports it as expired. It is written as `expired` the next time a transaction touches
 * it (an approval attempt is refused; a policy change re-evaluating it closes it).
 */
export function effectiveStatus<S extends string>(p: { status: S; expiresAt: bigint }, time: bigint): S | 'expired' {
  return p.status === 'pending' && time > p.expiresAt ? 'expired' : p.status;
}

export function createProposal(ctx: ExecContext, op: Of<'proposal.create'>): void {
  const proposer = ctx.signers[0]!;
  const guards = guardsOf(ctx.state, op.action);
  const keys = guards.map((g) => g.key);
  if (op.account !== undefined && !keys.includes(op.account)) {
    fail(E.NOT_IN_POLICY, `account "${op.account}" does not guard a ${op.action.type}`);
  }
  if (!guards.some((g) => inPolicy(g, proposer))) {
    fail(E.NOT_IN_POLICY, `the proposer ${proposer} is not a signatory of any policy that guards this action`);
  }
  // The shortest lifetime of the guarding policies; the default stands in only for a policy that sets none.
  const maxLifetime = guards
    .map((g) => g.policy.proposalLifetimeMs)
    .map((ms) => (ms === undefined ? DEFAULT_PROPOSAL_LIFETIME_MS : BigInt(ms)))
    .reduce((min, own) => (own < min ? own : min));
  if (op.expiresAt <= ctx.block.time || op.expiresAt > ctx.block.time + maxLifetime) {
    fail(E.EXPIRY_INVALID, `expiresAt must be after the block time and at most ${maxLifetime} ms later`);
  }
  const id = proposalId(ctx.block.chainId, op);
  if (ctx.state.proposal(id)) fail(E.ALREADY_EXISTS, `proposal ${id} already exists`);
  let proposal: Proposal = {
    id,
    ...(op.account !== undefined && { account: op.account }),
    action: op.action,
    salt: op.salt,
    proposer,
    guards: [...new Set(keys)],
    created: stamp(ctx),
    expiresAt: op.expiresAt,
    status: 'pending',
    approvals: [],
    rejections: [],
    dropped: [],
  };
  for (const guard of proposal.guards) ctx.state.mark(StateKey.pending(guard, id));
  ctx.events.push({
    type: 'proposal.created',
    proposal: id,
    proposer,
    action: op.action.type,
    ...(op.account !== undefined && { account: op.account }),
  });
  if (op.approval) proposal = addApproval(ctx, proposal, guards, op.approval);
  ctx.state.putProposal(proposal);
  tryExecute(ctx, proposal);
}

export function approveProposal(ctx: ExecContext, op: Of<'proposal.approve'>): void {
  const proposal = openProposal(ctx, op.proposal);
  const updated = addApproval(ctx, proposal, guardsOf(ctx.state, proposal.action), op.approval);
  ctx.state.putProposal(updated);
  tryExecute(ctx, updated);
}

export function rejectProposal(ctx: ExecContext, op: Of<'proposal.reject'>): void {
  const proposal = openProposal(ctx, op.proposal);
  const signatory = ctx.signers[0]!;
  const guards = guardsOf(ctx.state, proposal.action);
  if (!guards.some((g) => inPolicy(g, signatory))) fail(E.NOT_IN_POLICY, `${signatory} cannot decide on this proposal`);
  if (proposal.approvals.some((a) => a.signatory === signatory))
    fail(E.ALREADY_APPROVED, `${signatory} has approved it`);
  if (proposal.rejections.some((r) => r.signatory === signatory))
    fail(E.ALREADY_EXISTS, `${signatory} has rejected it`);
  const rejections = [...proposal.rejections, { signatory, reason: op.reason, ...stamp(ctx) }];
  const rejecters = new Set<string>(rejections.map((r) => r.signatory));
  const moved = movedAmounts(ctx.state, proposal.action);
  const final = guards.some(
    (g) => !stillSatisfiable(g.policy, requirementFor(g.policy, moved), rejecters, (id) => ctx.state.signatory(id)),
  );
  let updated: Proposal = { ...proposal, rejections };
  ctx.events.push({ type: 'proposal.rejected', proposal: proposal.id, signatory, reason: op.reason, final });
  if (final) updated = close(ctx, updated, 'rejected', 'REJECTED', 'too many signatories rejected it');
  ctx.state.putProposal(updated);
}

export function cancelProposal(ctx: ExecContext, op: Of<'proposal.cancel'>): void {
  const proposal = openProposal(ctx, op.proposal);
  const signatory = ctx.signers[0]!;
  if (proposal.proposer !== signatory) fail(E.NOT_PROPOSER, 'only the proposer can cancel a proposal');
  ctx.events.push({ type: 'proposal.cancelled', proposal: proposal.id, signatory });
  ctx.state.putProposal(close(ctx, proposal, 'cancelled', 'CANCELLED'));
}

/**
 * Re-evaluates pending proposals after a policy or signatory change: those guarded by `guard`, or all of them.
 * Approvals that no longer count are moved to `dropped`; expired proposals are closed; the rest execute if they
 * are now satisfied. Proposals are visited in key order, so every node does the same thing.
 */
export function reevaluatePending(ctx: ExecContext, guard: string | undefined): void {
  const prefix = guard === undefined ? StatePrefix.pending : `${StatePrefix.pending}${guard}/`;
  const ids = new Set(ctx.state.keys(prefix).map((k) => k.slice(k.lastIndexOf('/') + 1)));
  for (const id of [...ids].sort()) {
    const proposal = ctx.state.proposal(id);
    if (!proposal || proposal.status !== 'pending') continue;
    if (ctx.block.time > proposal.expiresAt) {
      ctx.events.push({ type: 'proposal.expired', proposal: proposal.id });
      ctx.state.putProposal(close(ctx, proposal, 'expired', 'EXPIRED'));
      continue;
    }
    let guards: Guard[];
    try {
      guards = guardsOf(ctx.state, proposal.action);
    } catch (err) {
      if (!(err instanceof LedgerError)) throw err;
      ctx.state.putProposal(close(ctx, proposal, 'failed', err.code, err.message));
      continue;
    }
    const keep = proposal.approvals.filter((a) => counts(ctx, guards, a.signatory));
    let updated = proposal;
    if (keep.length !== proposal.approvals.length) {
      const lost = proposal.approvals.filter((a) => !keep.includes(a));
      updated = {
        ...proposal,
        approvals: keep,
        dropped: [...proposal.dropped, ...lost.map((a) => ({ signatory: a.signatory, ...stamp(ctx) }))],
      };
      ctx.events.push({
        type: 'proposal.approvals-dropped',
        proposal: proposal.id,
        signatories: lost.map((a) => a.signatory),
      });
      ctx.state.putProposal(updated);
    }
    tryExecute(ctx, updated);
  }
}

/** Executes the proposal's action if every guard is satisfied by its approvals; records success or failure. */
function tryExecute(ctx: ExecContext, proposal: Proposal): void {
  if (proposal.status !== 'pending') return;
  const guards = guardsOf(ctx.state, proposal.action);
  const moved = movedAmounts(ctx.state, proposal.action);
  const approvers = proposal.approvals.map((a) => a.signatory);
  const lookup = (id: string) => ctx.state.signatory(id);
  if (!guards.every((g) => evaluate(g.policy, requirementFor(g.policy, moved), approvers, lookup).satisfied)) return;
  // Leave the pending index first: the action may itself re-evaluate pending proposals (a policy change).
  unmarkPending(ctx, proposal);
  const child = childContext(ctx);
  try {
    applyAction(child, proposal.action);
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err;
    ctx.events.push({ type: 'proposal.failed', proposal: proposal.id, code: err.code, message: err.message });
    ctx.state.putProposal(close(ctx, proposal, 'failed', err.code, err.message, false));
    return;
  }
  commitChild(ctx, child);
  ctx.events.push({ type: 'proposal.executed', proposal: proposal.id });
  ctx.state.putProposal(close(ctx, proposal, 'executed', 'OK', undefined, false));
}

function addApproval(ctx: ExecContext, proposal: Proposal, guards: Guard[], approval: Approval): Proposal {
  const signatory = keyId(approval.publicKey) as SignatoryId;
  const record = ctx.state.signatory(signatory);
  if (!record) fail(E.UNKNOWN_SIGNATORY, `no signatory has the approving key (${signatory})`);
  if (!record.active) fail(E.SIGNER_INACTIVE, `signatory ${signatory} has been removed`);
  if (!guards.some((g) => inPolicy(g, signatory))) {
    fail(E.NOT_IN_POLICY, `${record.name} (${signatory}) is not a signatory of a policy that guards this proposal`);
  }
  if (proposal.approvals.some((a) => a.signatory === signatory))
    fail(E.ALREADY_APPROVED, `${record.name} has already approved`);
  if (proposal.rejections.some((r) => r.signatory === signatory))
    fail(E.ALREADY_EXISTS, `${record.name} has rejected it`);
  ctx.events.push({ type: 'proposal.approved', proposal: proposal.id, signatory });
  return {
    ...proposal,
    approvals: [...proposal.approvals, { signatory, signature: approval.signature, ...stamp(ctx) }],
  };
}

function openProposal(ctx: ExecContext, id: string): Proposal {
  const proposal = ctx.state.proposal(id);
  if (!proposal) fail(E.UNKNOWN_PROPOSAL, `proposal ${id} does not exist`);
  if (proposal.status !== 'pending') fail(E.PROPOSAL_NOT_PENDING, `proposal ${id} is ${proposal.status}`);
  if (ctx.block.time > proposal.expiresAt) fail(E.PROPOSAL_EXPIRED, `proposal ${id} expired at ${proposal.expiresAt}`);
  return proposal;
}

function close(
  ctx: ExecContext,
  proposal: Proposal,
  status: ProposalStatus,
  code: string,
  message?: string,
  unmark = true,
): Proposal {
  if (unmark) unmarkPending(ctx, proposal);
  return { ...proposal, status, closed: { ...stamp(ctx), code, ...(message !== undefined && { message }) } };
}

function unmarkPending(ctx: ExecContext, proposal: Proposal): void {
  for (const guard of proposal.guards) ctx.state.unmark(StateKey.pending(guard, proposal.id));
}

function inPolicy(guard: Guard, signatory: string): boolean {
  return guard.policy.signatories.some((s) => s.signatory === signatory);
}

function counts(ctx: ExecContext, guards: Guard[], signatory: string): boolean {
  return !!ctx.state.signatory(signatory)?.active && guards.some((g) => inPolicy(g, signatory));
}

function stamp(ctx: ExecContext) {
  return { height: ctx.block.height, time: ctx.block.time };
}
