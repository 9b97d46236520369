import type { Proposal } from '../../../shared/domain/index.ts';
import { guardsOf, movedAmounts } from './guards.ts';
import type { StateReader } from './interface.ts';
import { GOVERNANCE_GUARD } from './keys.ts';
import { LedgerState } from './ledger-state.ts';
import { StateOverlay } from './overlay.ts';
import { evaluate, requirementFor } from './policy.ts';

export interface GuardProgress {
  /** "governance" or the account id. */
  readonly guard: string;
  readonly threshold: number;
  readonly weight: number;
  readonly satisfied: boolean;
  readonly roles: readonly { role: string; have: number; need: number }[];
  readonly signatories: readonly {
    id: string;
    name: string;
    weight: number;
    status: 'approved' | 'rejected' | 'pending' | 'dropped';
  }[];
}

/**
 * How far a proposal is from executing, per policy that guards it, evaluated against current state: who has
 * approved, who has not, and what is still needed ("2 of 3: treasury-1 ✓ treasury-2 ✓ operations-1 pending").
 */
export function proposalProgress(reader: StateReader, proposal: Proposal): GuardProgress[] {
  const state = new LedgerState(new StateOverlay(reader));
  let guards;
  try {
    guards = guardsOf(state, proposal.action);
  } catch {
    return [];
  }
  const moved = movedAmounts(state, proposal.action);
  const approved = new Set<string>(proposal.approvals.map((a) => a.signatory));
  const rejected = new Set<string>(proposal.rejections.map((r) => r.signatory));
  const dropped = new Set<string>(proposal.dropped.map((d) => d.signatory));
  const lookup = (id: string) => state.signatory(id);
  return guards.map((g) => {
    const e = evaluate(g.policy, requirementFor(g.policy, moved), approved, lookup);
    return {
      guard: g.key === GOVERNANCE_GUARD ? 'governance' : g.key,
      threshold: e.threshold,
      weight: e.weight,
      satisfied: e.satisfied,
      roles: e.roles,
      signatories: g.policy.signatories.map(({ signatory, weight }) => ({
        id: signatory,
        name: lookup(signatory)?.name ?? signatory,
        weight,
        status: approved.has(signatory)
          ? 'approved'
          : rejected.has(signatory)
            ? 'rejected'
            : dropped.has(signatory)
              ? 'dropped'
              : 'pending',
      })),
    };
  });
}
