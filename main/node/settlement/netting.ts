import type { AccountId } from '../../../shared/domain/index.ts';
import { multilateralPositions } from './positions.ts';

export interface NetCandidate {
  readonly id: string;
  readonly legs: readonly { readonly from: AccountId; readonly to: AccountId; readonly amount: bigint }[];
}

export interface NetOutcome<C extends NetCandidate> {
  /** The instructions that settle at this cut-off (empty when the cut-off fails or nothing was queued). */
  readonly settle: C[];
  /** Multilateral net positions of `settle`, per account, sorted; they sum to zero. */
  readonly positions: { account: AccountId; position: bigint }[];
  /** Participants left out because they could not cover their net debit, sorted. */
  readonly excluded: AccountId[];
  readonly outcome: 'settled' | 'failed' | 'empty';
}

/**
 * A deferred-net cut-off for one currency (docs/settlement.md). The multilateral net position of each participant
 * is what it receives minus what it pays across every eligible instruction. A participant covers its position when
 * balance + position ≥ 0.
 * - all-or-nothing: if any participant cannot cover, nothing settles (every instruction waits for the next cut-off).
 * - exclude: every participant that cannot cover is taken out with all of its instructions, paying and receiving,
 *   and the positions are computed again, until everyone left covers (possibly nobody). Excluded instructions wait
 *   for the next cut-off.
 */
export function runCutoff<C extends NetCandidate>(
  candidates: readonly C[],
  balance: (account: AccountId) => bigint,
  onShortfall: 'all-or-nothing' | 'exclude',
): NetOutcome<C> {
  if (candidates.length === 0) return { settle: [], positions: [], excluded: [], outcome: 'empty' };
  let set = [...candidates];
  const excluded = new Set<AccountId>();
  for (;;) {
    const positions = multilateralPositions(set.flatMap((c) => c.legs));
    const short = positions.filter((p) => balance(p.account) + p.position < 0n).map((p) => p.account);
    if (short.length === 0) {
      const sortedExcluded = [...excluded].sort();
      if (set.length === 0) return { settle: [], positions: [], excluded: sortedExcluded, outcome: 'failed' };
      return { settle: set, positions, excluded: sortedExcluded, outcome: 'settled' };
    }
    if (onShortfall === 'all-or-nothing') {
      return { settle: [], positions: [], excluded: [...short].sort(), outcome: 'failed' };
    }
    for (const account of short) excluded.add(account);
    set = set.filter((c) => c.legs.every((l) => !excluded.has(l.from) && !excluded.has(l.to)));
  }
}
