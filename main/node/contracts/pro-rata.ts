/**
 * Splits `total` minor units among holders in proportion to their weights (units held), exactly, with integers:
 * the largest-remainder (Hamilton) method.
 *
 *   1. each holder gets floor(total × weight / Σweights);
 *   2. the units left over (fewer than the number of holders) go one each to the holders with the largest
 *      remainders (total × weight mod Σweights), ties broken by the holders' order as given (account id order).
 *
 * The shares sum to `total` exactly, no holder gets less than its floor or more than its floor + 1, and the result
 * depends only on the inputs: every node computes the same split.
 */
export function splitProRata(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, w) => a + w, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const shares = weights.map((w) => (total * w) / sum);
  let left = total - shares.reduce((a, s) => a + s, 0n);
  const byRemainder = weights
    .map((w, index) => ({ index, remainder: (total * w) % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    shares[index] = shares[index]! + 1n;
    left -= 1n;
  }
  return shares;
}
