// Votes of one height, by (round, type), with power sums and equivocation detection. Iteration is always in
// validator-set order or sorted, never Map insertion order, so effects do not depend on message arrival order.
import type { ValidatorSet, Vote, VoteType } from './types.ts';

export type AddVoteResult =
  | { readonly kind: 'added' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'conflict'; readonly existing: Vote; readonly firstReport: boolean };

/** Per validator, its votes for one (round, type) in arrival order: the first is "its" vote, later ones conflict. */
interface RoundVotes {
  readonly prevote: Map<string, Vote[]>;
  readonly precommit: Map<string, Vote[]>;
}

/** Most distinct values kept per validator and (round, type); beyond that a Byzantine validator is ignored. */
export const MAX_VALUES_PER_VALIDATOR = 8;

export class VoteBook {
  readonly height: number;
  private readonly set: ValidatorSet;
  private readonly rounds = new Map<number, RoundVotes>();
  private readonly reported = new Set<string>();

  constructor(set: ValidatorSet, height: number) {
    this.set = set;
    this.height = height;
  }

  /**
   * Count a vote. An identical vote is a duplicate. A validator's second, different vote for the same (round, type)
   * is a conflict: reported (once per pair of values, against its first vote) and still counted towards its own
   * value, as Algorithm 1 counts messages from distinct processes per value — a commit certificate may rightly hold
   * the half of an equivocation we did not see first. "Any value" sums count each validator once. Votes from outside
   * the set or for another height are refused by the caller.
   */
  add(vote: Vote): AddVoteResult {
    const round = this.roundVotes(vote.round, true);
    const byType = round[vote.type];
    const mine = byType.get(vote.validator);
    if (mine === undefined) {
      byType.set(vote.validator, [vote]);
      return { kind: 'added' };
    }
    if (mine.some((v) => v.value === vote.value)) return { kind: 'duplicate' };
    const existing = mine[0]!;
    if (mine.length < MAX_VALUES_PER_VALIDATOR) mine.push(vote);
    const values = [String(existing.value), String(vote.value)].sort();
    const key = `${vote.validator}/${vote.round}/${vote.type}/${values.join('/')}`;
    const firstReport = !this.reported.has(key);
    this.reported.add(key);
    return { kind: 'conflict', existing, firstReport };
  }

  /** The validator's first vote for (round, type). */
  get(round: number, type: VoteType, validator: string): Vote | undefined {
    return this.roundVotes(round, false)?.[type].get(validator)?.[0];
  }

  /** Power of votes of `type` in `round`; for `value` undefined any value (nil included), else that value. */
  power(round: number, type: VoteType, value?: string | null): number {
    const votes = this.roundVotes(round, false)?.[type];
    if (votes === undefined) return 0;
    let sum = 0;
    for (const [validator, mine] of votes) {
      if (value === undefined || mine.some((v) => v.value === value)) sum += this.set.powerOf(validator);
    }
    return sum;
  }

  /** Votes for `value` of `type` in `round`, sorted by validator id. */
  votesFor(round: number, type: VoteType, value: string | null): Vote[] {
    const votes = this.roundVotes(round, false)?.[type];
    if (votes === undefined) return [];
    return [...votes.values()]
      .flatMap((mine) => mine.filter((v) => v.value === value))
      .sort((a, b) => (a.validator < b.validator ? -1 : a.validator > b.validator ? 1 : 0));
  }

  /** Validators that sent any vote in `round`. */
  senders(round: number): Set<string> {
    const r = this.roundVotes(round, false);
    const out = new Set<string>();
    if (r === undefined) return out;
    for (const id of r.prevote.keys()) out.add(id);
    for (const id of r.precommit.keys()) out.add(id);
    return out;
  }

  /** Rounds with at least one vote, ascending. */
  roundsSeen(): number[] {
    return [...this.rounds.keys()].sort((a, b) => a - b);
  }

  private roundVotes(round: number, create: true): RoundVotes;
  private roundVotes(round: number, create: false): RoundVotes | undefined;
  private roundVotes(round: number, create: boolean): RoundVotes | undefined {
    let r = this.rounds.get(round);
    if (r === undefined && create) {
      r = { prevote: new Map(), precommit: new Map() };
      this.rounds.set(round, r);
    }
    return r;
  }
}
