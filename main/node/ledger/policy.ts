import type { AmountTier, Policy, RoleClause, Signatory } from '../../../shared/domain/index.ts';

/** What a policy requires of the approvals for one action. */
export interface Requirement {
  readonly threshold: number;
  readonly roles: readonly RoleClause[];
  /** The strictest tier that applies, if any (for explanations). */
  readonly tier?: AmountTier;
}

/** An amount an action moves, used to pick the policy's amount tier. */
export interface MovedAmount {
  readonly asset: string;
  readonly amount: bigint;
}

/**
 * The requirement for an action: the base threshold and role clauses, raised by every amount tier the action
 * exceeds (for that tier's asset). Tiers only ever add: the threshold is the highest of the base and the applicable
 * tiers, and each role needs the most any of them asks for. So the result does not depend on the order tiers are
 * listed in, and a larger amount never needs less than a smaller one.
 */
export function requirementFor(policy: Policy, moved: readonly MovedAmount[]): Requirement {
  let threshold = policy.threshold;
  const roles = new Map<string, number>((policy.roles ?? []).map((r) => [r.role, r.min]));
  let tier: AmountTier | undefined;
  for (const t of policy.tiers ?? []) {
    if (!moved.some((m) => m.asset === t.asset && m.amount > t.above)) continue;
    threshold = Math.max(threshold, t.threshold);
    for (const r of t.roles ?? []) roles.set(r.role, Math.max(roles.get(r.role) ?? 0, r.min));
    if (!tier || t.threshold > tier.threshold || (t.threshold === tier.threshold && t.above > tier.above)) tier = t;
  }
  const clauses = [...roles.entries()].map(([role, min]) => ({ role, min }));
  return { threshold, roles: clauses, ...(tier && { tier }) };
}

export interface Evaluation {
  readonly satisfied: boolean;
  /** Weight of the counted approvals and the weight needed. */
  readonly weight: number;
  readonly threshold: number;
  readonly roles: readonly { role: string; have: number; need: number }[];
  /** Approvers that count: in the policy and active. */
  readonly counted: readonly string[];
}

/**
 * Whether `approvers` satisfy `requirement` under `policy`. Only active signatories listed in the policy count, each
 * once, with their policy weight; role clauses count approvers holding the role.
 */
export function evaluate(
  policy: Policy,
  requirement: Requirement,
  approvers: Iterable<string>,
  signatoryOf: (id: string) => Signatory | undefined,
): Evaluation {
  const weights = new Map(policy.signatories.map((s) => [s.signatory as string, s.weight]));
  const counted: string[] = [];
  let weight = 0;
  for (const id of new Set(approvers)) {
    const w = weights.get(id);
    if (w === undefined || !signatoryOf(id)?.active) continue;
    counted.push(id);
    weight += w;
  }
  const roles = requirement.roles.map((clause) => ({
    role: clause.role,
    need: clause.min,
    have: counted.filter((id) => signatoryOf(id)?.roles.includes(clause.role)).length,
  }));
  const satisfied = weight >= requirement.threshold && roles.every((r) => r.have >= r.need);
  return { satisfied, weight, threshold: requirement.threshold, roles, counted: counted.sort() };
}

/** Whether the policy could still be satisfied by signatories other than `excluded` (used for rejections). */
export function stillSatisfiable(
  policy: Policy,
  requirement: Requirement,
  excluded: ReadonlySet<string>,
  signatoryOf: (id: string) => Signatory | undefined,
): boolean {
  const remaining = policy.signatories.map((s) => s.signatory as string).filter((id) => !excluded.has(id));
  return evaluate(policy, requirement, remaining, signatoryOf).satisfied;
}

/** A human explanation of what is missing, for error messages. */
export function describeShortfall(e: Evaluation): string {
  const parts = [`approval weight ${e.weight} of ${e.threshold} required`];
  for (const r of e.roles) if (r.have < r.need) parts.push(`${r.have} of ${r.need} "${r.role}" approvals`);
  return parts.join(', ');
}
