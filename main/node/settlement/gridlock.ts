import { shortfalls, type Movement } from './positions.ts';

/** At most this many queued instructions enter one gridlock search (the first ones in queue order): O(n²) bound. */
export const GRIDLOCK_MAX_CANDIDATES = 1000;

export interface GridlockCandidate {
  readonly id: string;
  readonly legs: readonly Movement[];
}

/**
 * Gridlock resolution (docs/settlement.md): which queued instructions can settle together by offsetting.
 *
 * Start from every candidate, in queue order (urgent before normal, then FIFO). While the set leaves some
 * (account, asset) below zero after all of it settles — balance + incoming − outgoing < 0 — take the first such
 * pair in key order and remove from the set the *last* instruction in queue order that debits it (the lowest
 * priority, most recently queued). Repeat. What remains settles atomically and leaves no balance negative.
 *
 * Removing a payment only raises its payer's position, so every removal makes progress and the loop ends within n
 * rounds. The result is a maximal feasible set in the sense RTGS liquidity-saving mechanisms use: the greedy rule
 * keeps older and more urgent payments first; it is not guaranteed to be the largest set by value (that problem is
 * NP-hard in general). Deterministic: it depends only on queue order and balances.
 */
export function selectGridlockSet<C extends GridlockCandidate>(
  candidates: readonly C[],
  balance: (account: string, asset: string) => bigint,
): C[] {
  const set = candidates.slice(0, GRIDLOCK_MAX_CANDIDATES);
  while (set.length > 0) {
    const short = shortfalls(
      set.flatMap((c) => c.legs),
      balance,
    )[0];
    if (short === undefined) return set;
    let last = -1;
    for (let i = set.length - 1; i >= 0 && last < 0; i--) {
      if (set[i]!.legs.some((l) => l.from === short.account && l.asset === short.asset)) last = i;
    }
    // A negative position always has an outgoing leg in the set; the guard keeps the loop finite regardless.
    if (last < 0) return [];
    set.splice(last, 1);
  }
  return set;
}
