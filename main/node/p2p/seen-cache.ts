import { createHash } from 'node:crypto';

interface Entry {
  readonly holders: Set<string>;
  readonly at: number;
}

/**
 * Hashes of messages already handled, to drop duplicates (flooding delivers each message once per neighbour) and to
 * remember which peers are known to have a message, so it is not sent back to them. Bounded: the oldest entries go
 * first. With a time-to-live, an entry older than that counts as unseen again (for transactions: a peer that refused
 * one while busy gets another chance when it is re-broadcast).
 */
export class SeenCache {
  private readonly capacity: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();

  constructor(capacity: number, ttlMs = Infinity, now: () => number = Date.now) {
    this.capacity = Math.max(1, capacity);
    this.ttlMs = ttlMs;
    this.now = now;
  }

  /** The cache key of a message: SHA-256 of its canonical bytes (canonical encoding makes equal messages equal bytes). */
  static keyOf(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('base64');
  }

  has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  /** Records the message; `holder` is a peer known to have it (the sender). Returns false if it was already there. */
  add(key: string, holder?: string): boolean {
    const existing = this.live(key);
    if (existing) {
      if (holder !== undefined) existing.holders.add(holder);
      return false;
    }
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { holders: new Set(holder === undefined ? [] : [holder]), at: this.now() });
    return true;
  }

  /** Peers known to have the message. */
  holders(key: string): ReadonlySet<string> {
    return this.live(key)?.holders ?? EMPTY;
  }

  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
