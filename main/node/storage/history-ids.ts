/**
 * History row ids (0003-clustered-history): the rows of block h get h · 2^24 + 0, 1, 2, … in the order the block's
 * balance changes happen, so ids grow with the chain (a page cursor is an id; newer rows sort after older ones) and
 * need no counter: a block's rows are numbered from its height alone.
 */
export const HISTORY_ID_SPAN = 16_777_216;

/** Exact as a number while height · 2^24 stays below 2^53 (height < 2^29); a bigint beyond. */
export function historyId(height: number, k: number): number | bigint {
  return height < 2 ** 29 ? height * HISTORY_ID_SPAN + k : (BigInt(height) << 24n) + BigInt(k);
}
