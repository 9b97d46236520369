import { equalBytes } from '../../../shared/crypto/index.ts';
import type { CommitCertificate, ValidatorRecord } from '../../../shared/domain/index.ts';
import { currentValidators } from '../ledger/actions/validators.ts';
import { hasDueWork } from '../ledger/end-block.ts';
import { StatePrefix } from '../ledger/keys.ts';
import { LedgerState } from '../ledger/ledger-state.ts';
import { StateOverlay } from '../ledger/overlay.ts';
import { BlockError, BlockErrorCode as E } from './block-errors.ts';
import { CommittedReader } from './committed-reader.ts';
import { buildBlock, type BuiltBlock, type ChainParams } from './build-block.ts';
import { PendingRange } from './pending-range.ts';
import type { BlockStore, ChainTip, CommittedBlock } from './ports.ts';
import type { PreparedTx } from './tx-checks.ts';

/**
 * Builds and commits blocks over a store, keeping the decoded state the last blocks touched: accounts, policies,
 * signatories and balances are read and decoded from SQLite once, not once per block. The cache only ever holds
 * committed values — a block's entries join it after the store has committed the block.
 */
export class BlockExecutor {
  readonly store: BlockStore;
  readonly params: ChainParams;
  private readonly committed: LedgerState;
  private readonly reader: CommittedReader;
  /** The validator set after the block `at` (a tip's hash), kept until a block writes a validator record. */
  private validatorCache: { at: Uint8Array | undefined; set: ValidatorRecord[] } | undefined;

  constructor(store: BlockStore, params: ChainParams) {
    this.store = store;
    this.params = params;
    this.reader = new CommittedReader(store);
    this.committed = new LedgerState(new StateOverlay(this.reader));
  }

  /** The last committed block (the store's tip). */
  tip(): ChainTip | undefined {
    return this.store.tip();
  }

  /** Which of these transaction ids (hex) are in committed blocks. */
  committedAmong(ids: readonly string[]): Set<string> {
    return this.store.committedAmong(ids);
  }

  /**
   * The validator set that decides the next block (state after the last committed block). Read from state once and
   * kept while the blocks committed through this executor leave the validator records alone; a tip this executor
   * did not commit (another writer) reads it again.
   */
  validators(): ValidatorRecord[] {
    const at = this.store.tip()?.hash;
    let cache = this.validatorCache;
    if (cache === undefined || !sameHash(cache.at, at)) {
      cache = { at, set: currentValidators(this.committed) };
      this.validatorCache = cache;
    }
    return [...cache.set];
  }

  build(candidates: readonly PreparedTx[], time: bigint, proposer: Uint8Array): BuiltBlock {
    return buildBlock(this, this.params, candidates, time, proposer, this.committed);
  }

  /**
   * Whether the end-of-block phase has timed work at `time` over committed state (a scheduled instruction, a
   * cut-off, a contract obligation): a producer makes a block then even when no transaction waits.
   */
  hasDueWork(time: bigint): boolean {
    return hasDueWork(this.committed, time);
  }

  /** Commits a built block with its certificate (atomically, or not at all) and keeps its decoded state. */
  commit(built: BuiltBlock, commit: CommitCertificate | null): CommittedBlock {
    const block: CommittedBlock = { ...built.block, commit };
    this.store.commitBlock(block);
    this.committed.adoptCache(built.state);
    this.afterCommit([block]);
    return block;
  }

  /** Starts a range of blocks to execute one on top of another and commit together (see PendingRange). */
  beginRange(): PendingRange {
    return new PendingRange(this.store, this.params, this.committed, () => this.validators());
  }

  /**
   * Commits every block of a range in one SQLite transaction — all of them or none — and keeps their decoded state.
   * Refused (nothing written) when the store's tip moved since the range began: its blocks were executed over a
   * state that is no longer the committed one.
   */
  commitRange(range: PendingRange): readonly CommittedBlock[] {
    const blocks = range.blocks;
    if (blocks.length === 0) return blocks;
    const tip = this.store.tip();
    if (!sameHash(tip?.hash, range.base?.hash)) {
      throw new BlockError(E.RANGE_STALE, `a block was committed since the range began (tip ${tip?.height ?? 0})`);
    }
    this.store.commitBlocks(blocks);
    this.committed.adoptCache(range.result);
    this.afterCommit(blocks);
    return blocks;
  }

  /** After blocks commit: the reader drops the scans they wrote under; the validator set is kept if they left it alone. */
  private afterCommit(blocks: readonly CommittedBlock[]): void {
    this.reader.committed(blocks);
    const cache = this.validatorCache;
    this.validatorCache = undefined;
    if (cache === undefined) return;
    if (blocks.some((b) => b.writes.some((w) => w.key.startsWith(StatePrefix.validator)))) return;
    const first = blocks[0]!.block.header;
    const extended = first.height === 1 ? cache.at === undefined : sameHash(cache.at, first.previousHash);
    if (extended) this.validatorCache = { at: blocks[blocks.length - 1]!.hash, set: cache.set };
  }
}

/** Two tips' hashes (undefined: no block yet) name the same block. */
function sameHash(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a === undefined || b === undefined ? a === b : equalBytes(a, b);
}
