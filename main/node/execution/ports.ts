import type { Block, CommitCertificate, LedgerEvent } from '../../../shared/domain/index.ts';
import type { StateReader, TxResult } from '../ledger/interface.ts';

/** A net state change of one block: a canonical-CBOR value, or null for a deletion. Sorted by key. */
export interface StateWrite {
  readonly key: string;
  readonly value: Uint8Array | null;
}

/** Everything one block changes, persisted atomically (one SQLite transaction) by BlockStore.commitBlock. */
export interface CommittedBlock {
  readonly block: Block;
  /** Hash of block.header. */
  readonly hash: Uint8Array;
  /** Canonical encoding of each transaction, in block order (what was hashed and signed; stored as is). */
  readonly encodedTxs: readonly Uint8Array[];
  /** Transaction ids (32-byte hashes), in block order. */
  readonly txIds: readonly Uint8Array[];
  /** One result per transaction, in block order. */
  readonly results: readonly TxResult[];
  /** Events of the end-of-block phase (ledger/end-block.ts), in order; part of the app hash. Absent means none. */
  readonly blockEvents?: readonly LedgerEvent[];
  readonly writes: readonly StateWrite[];
  /** Precommits that decided the block; null only where no certificate exists yet. */
  readonly commit: CommitCertificate | null;
}

/** The tip of the stored chain. */
export interface ChainTip {
  readonly height: number;
  readonly hash: Uint8Array;
  readonly appHash: Uint8Array;
  readonly time: bigint;
}

/** Storage as execution needs it. Implemented by storage/block-store.ts over better-sqlite3. */
export interface BlockStore extends StateReader {
  /** The last committed block, or undefined before the first block (genesis state only). */
  tip(): ChainTip | undefined;
  /** Whether a transaction with this id (32-byte hash) is in a committed block. */
  hasTx(id: Uint8Array): boolean;
  /** Which of these transaction ids (hex) are in committed blocks: one lookup for a whole block's candidates. */
  committedAmong(ids: readonly string[]): Set<string>;
  /**
   * Persists the block, its transactions, results, events and state writes, and the derived indexes, in one SQLite
   * transaction. Refuses a height other than tip + 1 (so a block is never applied twice) and leaves nothing behind
   * when it throws.
   */
  commitBlock(block: CommittedBlock): void;
  /**
   * Consecutive blocks, each the next of the one before, persisted in ONE SQLite transaction: all of them or none
   * (catch-up commits a fetched range this way). The same checks as commitBlock, for every block, before any write.
   */
  commitBlocks(blocks: readonly CommittedBlock[]): void;
  /** Stores genesis state (height 0). Refused unless the store is empty. */
  commitGenesis(writes: readonly StateWrite[], genesisHash: Uint8Array, appHash: Uint8Array): void;
  /** The genesis record, if stored. */
  genesis(): { hash: Uint8Array; appHash: Uint8Array } | undefined;
  close(): void;
}
