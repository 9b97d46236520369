import type { StateReader } from './interface.ts';

/** A pending write: a value, or null for a deletion. */
export type Write = Uint8Array | null;

/**
 * Uncommitted state on top of a reader. A block's execution works in one overlay; each transaction works in a
 * child overlay that is merged into its parent only if the transaction succeeds, so a failed transaction leaves no
 * trace. `writes()` lists the net changes sorted by key, which is what the app hash commits to and what storage
 * persists.
 */
export class StateOverlay implements StateReader {
  private readonly base: StateReader;
  private readonly pending = new Map<string, Write>();

  constructor(base: StateReader) {
    this.base = base;
  }

  get(key: string): Uint8Array | undefined {
    const own = this.pending.get(key);
    if (own !== undefined) return own ?? undefined;
    return this.base.get(key);
  }

  put(key: string, value: Uint8Array): void {
    this.pending.set(key, value);
  }

  delete(key: string): void {
    this.pending.set(key, null);
  }

  /** Merges base and pending entries under `prefix`, in bytewise key order. */
  *scan(prefix: string): Iterable<[string, Uint8Array]> {
    const merged = new Map<string, Uint8Array>();
    for (const [k, v] of this.base.scan(prefix)) merged.set(k, v);
    for (const [k, v] of this.pending) {
      if (!k.startsWith(prefix)) continue;
      if (v === null) merged.delete(k);
      else merged.set(k, v);
    }
    const keys = [...merged.keys()].sort(compareKeys);
    for (const k of keys) yield [k, merged.get(k)!];
  }

  child(): StateOverlay {
    return new StateOverlay(this);
  }

  /** Moves this overlay's writes into `parent` (which must be the overlay it was created from). */
  mergeInto(parent: StateOverlay): void {
    for (const [k, v] of this.pending) parent.pending.set(k, v);
  }

  /** Net writes, sorted by key bytewise. */
  writes(): { key: string; value: Write }[] {
    return [...this.pending.entries()].sort(([a], [b]) => compareKeys(a, b)).map(([key, value]) => ({ key, value }));
  }
}

/**
 * Bytewise order, the order SQLite's BINARY collation gives the state table. Keys are ASCII (every id schema
 * restricts its alphabet), and for ASCII, UTF-16 code unit order is byte order.
 */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
