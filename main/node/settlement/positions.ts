/**
 * Positions: pure arithmetic over instruction legs, shared by gross settlement (can this set settle together?),
 * gridlock resolution, the deferred-net cut-off and the API's net-position preview. Keys are "account asset" pairs
 * joined by a space (neither id alphabet has one); results are always returned sorted, never in Map order.
 */

export interface Movement {
  readonly from: string;
  readonly to: string;
  readonly asset: string;
  readonly amount: bigint;
}

const SEP = ' ';
export const positionKey = (account: string, asset: string) => `${account}${SEP}${asset}`;
export function splitKey(key: string): { account: string; asset: string } {
  const at = key.indexOf(SEP);
  return { account: key.slice(0, at), asset: key.slice(at + 1) };
}

/** Net change per (account, asset) if every movement happened: incoming minus outgoing, zeros left out. */
export function netChanges(movements: Iterable<Movement>): Map<string, bigint> {
  const net = new Map<string, bigint>();
  for (const m of movements) {
    const out = positionKey(m.from, m.asset);
    const inn = positionKey(m.to, m.asset);
    net.set(out, (net.get(out) ?? 0n) - m.amount);
    net.set(inn, (net.get(inn) ?? 0n) + m.amount);
  }
  for (const [k, v] of [...net]) if (v === 0n) net.delete(k);
  return net;
}

/**
 * The (account, asset) pairs that would go negative — balance plus net change below zero — sorted by key.
 * Empty means the movements can settle together.
 */
export function shortfalls(
  movements: Iterable<Movement>,
  balance: (account: string, asset: string) => bigint,
): { account: string; asset: string; short: bigint }[] {
  const out: { account: string; asset: string; short: bigint }[] = [];
  for (const [key, change] of [...netChanges(movements)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (change >= 0n) continue;
    const { account, asset } = splitKey(key);
    const after = balance(account, asset) + change;
    if (after < 0n) out.push({ account, asset, short: -after });
  }
  return out;
}

/** Multilateral net positions of one asset's movements per account (receivable positive), sorted by account. */
export function multilateralPositions<A extends string>(
  movements: readonly { readonly from: A; readonly to: A; readonly amount: bigint }[],
): { account: A; position: bigint }[] {
  const pos = new Map<A, bigint>();
  for (const m of movements) {
    pos.set(m.from, (pos.get(m.from) ?? 0n) - m.amount);
    pos.set(m.to, (pos.get(m.to) ?? 0n) + m.amount);
  }
  return [...pos.keys()].sort().map((account) => ({ account, position: pos.get(account)! }));
}

/**
 * Bilateral net positions of one asset's movements: for each pair of accounts (a < b), what a receives from b net.
 * A participant's multilateral position is the sum of its bilateral ones — a property the tests check.
 */
export function bilateralPositions(movements: readonly Movement[]): { a: string; b: string; position: bigint }[] {
  const pos = new Map<string, bigint>();
  for (const m of movements) {
    const [a, b] = m.from < m.to ? [m.from, m.to] : [m.to, m.from];
    const key = `${a}${SEP}${b}`;
    // Positive: a receives. m.to receiving from m.from.
    pos.set(key, (pos.get(key) ?? 0n) + (m.to === a ? m.amount : -m.amount));
  }
  return [...pos.keys()].sort().map((key) => {
    const { account: a, asset: b } = splitKey(key);
    return { a, b, position: pos.get(key)! };
  });
}
