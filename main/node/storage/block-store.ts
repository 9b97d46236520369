import { equalBytes } from '../../../shared/crypto/index.ts';
import {
  blockHash,
  blockHeaderCodec,
  commitCertificateCodec,
  instructionCodec,
  proposalCodec,
  type LedgerEvent,
} from '../../../shared/domain/index.ts';
import type { BlockStore, ChainTip, CommittedBlock, StateWrite } from '../execution/ports.ts';
import { StatePrefix } from '../ledger/keys.ts';
import { openDatabase, type Database } from './db.ts';
import { StorageError, StorageErrorCode as E } from './errors.ts';
import { encodeEvent, encodeEventList, eventSubjects, hasSubject } from './events.ts';
import { prefixEnd } from './key-range.ts';
import { HISTORY_ID_SPAN, historyId } from './history-ids.ts';
import { asBytes, sqlTime } from './values.ts';
import { prepareWriteStatements, type WriteStatements } from './write-statements.ts';

const META_GENESIS_HASH = 'genesis_hash';
const META_GENESIS_APP_HASH = 'genesis_app_hash';

/**
 * The node's BlockStore over better-sqlite3. It owns the write handle: one store per database file and process, so
 * the tip cached in memory is the truth (only this object writes blocks). Queries for the API go through a separate
 * read handle (queries/).
 */
export class SqliteBlockStore implements BlockStore {
  private readonly db: Database;
  private readonly st: WriteStatements;
  private readonly commitTransaction: (block: CommittedBlock) => void;
  private readonly commitRangeTransaction: (blocks: readonly CommittedBlock[]) => void;
  private readonly genesisTransaction: (writes: readonly StateWrite[], hash: Uint8Array, appHash: Uint8Array) => void;
  private cachedTip: ChainTip | undefined;
  private cachedGenesis: { hash: Uint8Array; appHash: Uint8Array } | undefined;

  /** Opens (creating and migrating if needed) the database at `file`. */
  static open(file: string): SqliteBlockStore {
    return new SqliteBlockStore(openDatabase(file));
  }

  /** Takes ownership of a write handle from openDatabase: close() closes it. */
  constructor(db: Database) {
    this.db = db;
    this.st = prepareWriteStatements(db);
    // db.transaction commits when the function returns and rolls back when it throws: all of a block, or none of it.
    // IMMEDIATE takes the write lock at BEGIN, so a stray second writer makes us wait (busy_timeout) up front instead
    // of failing halfway through a block.
    this.commitTransaction = db.transaction((block: CommittedBlock) => this.writeBlock(block)).immediate;
    this.commitRangeTransaction = db.transaction((blocks: readonly CommittedBlock[]) => {
      for (const block of blocks) this.writeBlock(block);
    }).immediate;
    this.genesisTransaction = db.transaction((writes: readonly StateWrite[], hash: Uint8Array, appHash: Uint8Array) => {
      this.st.putMeta.run(META_GENESIS_HASH, hash);
      this.st.putMeta.run(META_GENESIS_APP_HASH, appHash);
      this.applyWrites(writes);
    }).immediate;
    this.cachedTip = this.readTip();
    this.cachedGenesis = this.readGenesis();
  }

  tip(): ChainTip | undefined {
    return this.cachedTip;
  }

  genesis(): { hash: Uint8Array; appHash: Uint8Array } | undefined {
    return this.cachedGenesis;
  }

  hasTx(id: Uint8Array): boolean {
    return this.st.hasTx.get(id) !== undefined;
  }

  committedAmong(ids: readonly string[]): Set<string> {
    if (ids.length === 0) return new Set();
    return new Set(this.st.committedAmong.all(JSON.stringify(ids)));
  }

  get(key: string): Uint8Array | undefined {
    const value = this.st.getState.get(key);
    return value === undefined ? undefined : asBytes(value);
  }

  /** Materialised, not lazy: a caller that commits while still iterating would otherwise find the connection busy. */
  scan(prefix: string): Iterable<[string, Uint8Array]> {
    const end = prefixEnd(prefix);
    const rows = end === undefined ? this.st.scanFrom.all(prefix) : this.st.scanState.all(prefix, end);
    return rows.map(([key, value]): [string, Uint8Array] => [key, asBytes(value)]);
  }

  commitBlock(committed: CommittedBlock): void {
    this.check(committed, this.cachedTip);
    this.commitTransaction(committed);
    this.cachedTip = tipOf(committed);
  }

  /**
   * Consecutive blocks in ONE SQLite transaction (catch-up): one fsync for the range instead of one per block, and
   * all of the range or none of it after a crash. Every block is checked against the one before it up front.
   */
  commitBlocks(blocks: readonly CommittedBlock[]): void {
    if (blocks.length === 0) return;
    let tip = this.cachedTip;
    for (const block of blocks) {
      this.check(block, tip);
      tip = tipOf(block);
    }
    this.commitRangeTransaction(blocks);
    this.cachedTip = tip;
  }

  commitGenesis(writes: readonly StateWrite[], genesisHash: Uint8Array, appHash: Uint8Array): void {
    if (
      this.cachedGenesis ||
      this.cachedTip ||
      this.st.blockCount.get() !== 0 ||
      this.st.scanFrom.get('') !== undefined
    ) {
      throw new StorageError(E.GENESIS_EXISTS, 'genesis can only be stored into an empty store');
    }
    this.genesisTransaction(writes, genesisHash, appHash);
    this.cachedGenesis = { hash: genesisHash, appHash };
  }

  close(): void {
    this.db.close();
  }

  /**
   * Whether the database takes writes now (readiness): takes the write lock and lets it go, writing nothing. The store
   * is used from one thread, so this never waits on a block commit of this process.
   */
  writable(): boolean {
    try {
      this.db.exec('BEGIN IMMEDIATE; ROLLBACK');
      return true;
    } catch {
      return false;
    }
  }

  /** Refusals that need no write, made before the transaction opens. */
  private check({ block, hash, encodedTxs, txIds, results, commit }: CommittedBlock, tip: ChainTip | undefined): void {
    const { height, previousHash } = block.header;
    const expected = (tip?.height ?? 0) + 1;
    if (height !== expected) {
      throw new StorageError(E.HEIGHT_MISMATCH, `block height ${height} is not the next height ${expected}`);
    }
    if (tip && !equalBytes(previousHash, tip.hash)) {
      throw new StorageError(E.PARENT_MISMATCH, `block ${height} does not extend the stored block ${height - 1}`);
    }
    const n = block.txs.length;
    if (encodedTxs.length !== n || txIds.length !== n || results.length !== n) {
      throw new StorageError(
        E.INVALID_BLOCK,
        `block ${height} has ${n} transactions but ${encodedTxs.length} encodings, ${txIds.length} ids and ` +
          `${results.length} results`,
      );
    }
    if (!equalBytes(hash, blockHash(block.header))) {
      throw new StorageError(E.INVALID_BLOCK, `block ${height}: hash is not the hash of its header`);
    }
    if (commit && (commit.height !== height || !equalBytes(commit.blockHash, hash))) {
      throw new StorageError(E.INVALID_BLOCK, `block ${height}: commit certificate is for another block`);
    }
  }

  private writeBlock(committed: CommittedBlock): void {
    const { block, hash, encodedTxs, txIds, results, writes, commit } = committed;
    const { header } = block;
    const height = header.height;
    const st = this.st;
    st.insertBlock.run(
      height,
      hash,
      header.previousHash,
      header.appHash,
      sqlTime(header.time),
      block.txs.length,
      blockHeaderCodec.encode(header),
      commit ? commitCertificateCodec.encode(commit) : null,
    );
    let k = 0; // the block's history rows so far: row ids in commit order (history-ids.ts)
    for (let i = 0; i < results.length; i++) {
      const result = results[i]!;
      const events = result.events;
      st.insertTx.run(
        txIds[i]!,
        height,
        i,
        encodedTxs[i]!,
        result.code,
        result.message ?? null,
        encodeEventList(events),
      );
      for (let j = 0; j < events.length; j++) {
        const event = events[j]!;
        if (event.type === 'balance') {
          st.insertHistory.run(
            historyId(height, k++),
            event.account,
            event.asset,
            height,
            i,
            event.delta.toString(),
            event.balance.toString(),
            event.counterparty ?? null,
            event.kind,
          );
          continue;
        }
        this.indexEvent(height, i, j, event);
      }
    }
    // Block events come after the last transaction: indexed under tx_idx = the transaction count (0002-block-events).
    const blockEvents = committed.blockEvents ?? [];
    if (blockEvents.length > 0) {
      st.insertBlockEvents.run(height, encodeEventList(blockEvents));
      const after = results.length;
      for (let j = 0; j < blockEvents.length; j++) {
        const event = blockEvents[j]!;
        if (event.type === 'balance') {
          st.insertHistory.run(
            historyId(height, k++),
            event.account,
            event.asset,
            height,
            after,
            event.delta.toString(),
            event.balance.toString(),
            event.counterparty ?? null,
            event.kind,
          );
          continue;
        }
        this.indexEvent(height, after, j, event);
      }
    }
    if (k > HISTORY_ID_SPAN) {
      // Thrown inside the block's transaction: nothing of the block stays written.
      throw new StorageError(E.INVALID_BLOCK, `block ${height} has more balance changes than the store can number`);
    }
    this.applyWrites(writes);
  }

  /** An event that concerns a proposal, bill, instruction or contract goes into the trail index. */
  private indexEvent(height: number, txIdx: number, idx: number, event: LedgerEvent): void {
    const subjects = eventSubjects(event);
    if (!hasSubject(subjects)) return;
    const { proposal, bill, instruction, contract } = subjects;
    this.st.insertEvent.run(height, txIdx, idx, event.type, encodeEvent(event), proposal, bill, instruction, contract);
  }

  /** State upserts and deletions, and the proposal and instruction indexes derived from their records. */
  private applyWrites(writes: readonly StateWrite[]): void {
    const st = this.st;
    for (const { key, value } of writes) {
      const isProposal = key.startsWith(StatePrefix.proposal);
      const isInstruction = key.startsWith(StatePrefix.instruction);
      if (value === null) {
        st.deleteState.run(key);
        if (isProposal) st.deleteProposal.run(key.slice(StatePrefix.proposal.length));
        if (isInstruction) st.deleteInstruction.run(key.slice(StatePrefix.instruction.length));
        continue;
      }
      st.putState.run(key, value);
      if (isInstruction) {
        const i = instructionCodec.decode(value);
        st.putInstruction.run(i.id, i.status, i.mode, i.priority, i.seq);
      }
      if (isProposal) {
        const p = proposalCodec.decode(value);
        st.putProposal.run(
          p.id,
          p.account ?? null,
          p.status,
          p.proposer,
          p.created.height,
          sqlTime(p.expiresAt),
          p.action.type,
        );
      }
    }
  }

  private readTip(): ChainTip | undefined {
    const row = this.st.tip.get();
    if (!row) return undefined;
    return { height: Number(row.height), hash: asBytes(row.hash), appHash: asBytes(row.app_hash), time: row.time };
  }

  private readGenesis(): { hash: Uint8Array; appHash: Uint8Array } | undefined {
    const hash = this.st.getMeta.get(META_GENESIS_HASH);
    const appHash = this.st.getMeta.get(META_GENESIS_APP_HASH);
    return hash && appHash ? { hash: asBytes(hash), appHash: asBytes(appHash) } : undefined;
  }
}

function tipOf({ block: { header }, hash }: CommittedBlock): ChainTip {
  return { height: header.height, hash, appHash: header.appHash, time: header.time };
}
