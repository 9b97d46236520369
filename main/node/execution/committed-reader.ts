import { equalBytes } from '../../../shared/crypto/index.ts';
import type { StateReader } from '../ledger/interface.ts';
import type { BlockStore, CommittedBlock } from './ports.ts';

/** Past this many cached prefixes the cache starts over (some prefixes name a height and are scanned once). */
const MAX_PREFIXES = 64;

/**
 * Committed state as the executor reads it: point reads go to the store; prefix scans are kept until a committed
 * block writes under their prefix. The end-of-block phase scans a handful of index prefixes (settlement queue and
 * timers, contract timers, validator changes) after every block, and they are nearly always unchanged — often empty —
 * so each scan was a SQLite range query for the same answer, block after block.
 *
 * Only the executor commits blocks to its store, and it reports every commit (`committed`); a tip it was not told
 * about (another writer) drops the whole cache rather than trust it.
 */
export class CommittedReader implements StateReader {
  private readonly store: BlockStore;
  private readonly scans = new Map<string, readonly [string, Uint8Array][]>();
  private at: Uint8Array | undefined;

  constructor(store: BlockStore) {
    this.store = store;
    this.at = store.tip()?.hash;
  }

  get(key: string): Uint8Array | undefined {
    return this.store.get(key);
  }

  scan(prefix: string): Iterable<[string, Uint8Array]> {
    // Genesis state is written without a block: nothing is kept before it is there.
    if (this.store.genesis() === undefined) return this.store.scan(prefix);
    this.checkTip();
    let rows = this.scans.get(prefix);
    if (rows === undefined) {
      rows = [...this.store.scan(prefix)];
      if (this.scans.size >= MAX_PREFIXES) this.scans.clear();
      this.scans.set(prefix, rows);
    }
    return rows;
  }

  /** These blocks were just committed, in order: the scans they wrote under are dropped. */
  committed(blocks: readonly CommittedBlock[]): void {
    const first = blocks[0];
    if (first === undefined) return;
    const { height, previousHash } = first.block.header;
    // They must extend the tip this cache describes; a stranger's block in between and everything is dropped.
    const extends_ = height === 1 ? this.at === undefined : this.at !== undefined && equalBytes(this.at, previousHash);
    if (!extends_) {
      this.scans.clear();
    } else if (this.scans.size > 0) {
      for (const block of blocks) {
        for (const { key } of block.writes) {
          for (const p of this.scans.keys()) if (key.startsWith(p)) this.scans.delete(p);
        }
      }
    }
    this.at = blocks[blocks.length - 1]!.hash;
  }

  private checkTip(): void {
    const tip = this.store.tip()?.hash;
    const same = tip === undefined || this.at === undefined ? tip === this.at : equalBytes(tip, this.at);
    if (!same) {
      this.scans.clear();
      this.at = tip;
    }
  }
}
