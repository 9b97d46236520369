import type { Action, Policy } from '../../../../shared/domain/index.ts';
import { CryptoError, decodePublicKey, keyId } from '../../../../shared/crypto/index.ts';
import { FinanceError, parseLei } from '../../../../shared/finance/index.ts';
import type { ExecContext } from '../context.ts';
import { fail, LedgerErrorCode as E } from '../errors.ts';
import type { LedgerState } from '../ledger-state.ts';
import { evaluate, requirementFor } from '../policy.ts';
import { reevaluatePending } from '../proposals.ts';
import { GOVERNANCE_GUARD } from '../keys.ts';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

/**
 * Checks that a policy can work: every signatory exists and is active and is listed once, and the base threshold,
 * every role clause and every tier can be met by approving all its signatories. An unsatisfiable policy would
 * freeze its account for good.
 */
export function validatePolicy(state: LedgerState, policy: Policy): void {
  const seen = new Set<string>();
  for (const { signatory } of policy.signatories) {
    if (seen.has(signatory)) fail(E.BAD_POLICY, `signatory ${signatory} is listed twice`);
    seen.add(signatory);
    const s = state.signatory(signatory);
    if (!s) fail(E.UNKNOWN_SIGNATORY, `signatory ${signatory} does not exist`);
    if (!s.active) fail(E.BAD_POLICY, `signatory ${signatory} has been removed`);
  }
  const why = unsatisfiable(state, policy);
  if (why !== undefined) fail(E.BAD_POLICY, why);
}

/** Why a policy cannot be met even if every active signatory listed in it approves, or undefined if it can. */
function unsatisfiable(state: LedgerState, policy: Policy): string | undefined {
  const everyone = policy.signatories.map((s) => s.signatory as string);
  const lookup = (id: string) => state.signatory(id);
  if (!evaluate(policy, requirementFor(policy, []), everyone, lookup).satisfied) {
    return 'the policy cannot be satisfied even if every signatory approves';
  }
  for (const tier of policy.tiers ?? []) {
    const requirement = { threshold: tier.threshold, roles: tier.roles ?? policy.roles ?? [] };
    if (!evaluate(policy, requirement, everyone, lookup).satisfied) {
      return `the tier above ${tier.above} of ${tier.asset} cannot be satisfied`;
    }
  }
  return undefined;
}

export function addMember(ctx: ExecContext, op: Of<'member.add'>): void {
  try {
    parseLei(op.member, 'member');
  } catch (err) {
    if (err instanceof FinanceError) fail(E.BAD_IDENTIFIER, err.message);
    throw err;
  }
  if (ctx.state.member(op.member)) fail(E.ALREADY_EXISTS, `member ${op.member} already exists`);
  ctx.state.putMember({ id: op.member, name: op.name });
  ctx.events.push({ type: 'member.added', member: op.member });
}

export function addSignatory(ctx: ExecContext, op: Of<'signatory.add'>): void {
  try {
    decodePublicKey(op.publicKey);
  } catch (err) {
    if (err instanceof CryptoError) fail(E.BAD_KEY, err.message);
    throw err;
  }
  if (!ctx.state.member(op.member)) fail(E.UNKNOWN_MEMBER, `member ${op.member} does not exist`);
  const id = keyId(op.publicKey);
  if (ctx.state.signatory(id)) fail(E.ALREADY_EXISTS, `signatory ${id} already exists`);
  ctx.state.putSignatory({
    id: id as never,
    publicKey: op.publicKey,
    member: op.member,
    name: op.name,
    roles: [...op.roles].sort(),
    active: true,
  });
  ctx.events.push({ type: 'signatory.added', signatory: id as never, member: op.member });
}

/**
 * Deactivates a signatory (its record stays for the audit trail). Its approvals on pending proposals stop counting:
 * they are moved to `dropped`, and each affected proposal is re-evaluated. A removal that would leave the governance
 * policy impossible to meet is refused: nothing could ever change governance again. (An account frozen this way can
 * still be given a new policy by governance.)
 */
export function removeSignatory(ctx: ExecContext, op: Of<'signatory.remove'>): void {
  const s = ctx.state.signatory(op.signatory);
  if (!s) fail(E.UNKNOWN_SIGNATORY, `signatory ${op.signatory} does not exist`);
  if (!s.active) fail(E.SIGNER_INACTIVE, `signatory ${op.signatory} was already removed`);
  ctx.state.putSignatory({ ...s, active: false });
  const governance = ctx.state.governance();
  if (governance && unsatisfiable(ctx.state, governance.policy) !== undefined) {
    fail(E.BAD_POLICY, `removing ${op.signatory} would leave the governance policy impossible to satisfy`);
  }
  ctx.events.push({ type: 'signatory.removed', signatory: op.signatory });
  reevaluatePending(ctx, undefined);
}

export function createAccount(ctx: ExecContext, op: Of<'account.create'>): void {
  if (ctx.state.account(op.account)) fail(E.ALREADY_EXISTS, `account "${op.account}" already exists`);
  if (!ctx.state.member(op.owner)) fail(E.UNKNOWN_MEMBER, `member ${op.owner} does not exist`);
  validatePolicy(ctx.state, op.policy);
  ctx.state.putAccount({ id: op.account, owner: op.owner, name: op.name, policy: op.policy });
  ctx.events.push({ type: 'account.created', account: op.account, owner: op.owner });
}

/**
 * Replaces an account's policy, or the governance policy. Pending proposals under it are re-evaluated against the
 * new policy in the same transaction: approvals of signatories no longer in it are dropped, and a proposal the new
 * policy already satisfies executes now.
 */
export function setPolicy(ctx: ExecContext, op: Of<'policy.set'>): void {
  validatePolicy(ctx.state, op.policy);
  if (op.account === undefined) {
    ctx.state.putGovernance({ policy: op.policy });
    ctx.events.push({ type: 'policy.changed' });
    reevaluatePending(ctx, GOVERNANCE_GUARD);
    return;
  }
  const account = ctx.state.account(op.account);
  if (!account) fail(E.UNKNOWN_ACCOUNT, `account "${op.account}" does not exist`);
  ctx.state.putAccount({ ...account, policy: op.policy });
  ctx.events.push({ type: 'policy.changed', account: op.account });
  reevaluatePending(ctx, op.account);
}
