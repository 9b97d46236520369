import { bytesToHex, equalBytes } from '../../../shared/crypto/index.ts';
import type { CommitCertificate, ValidatorRecord } from '../../../shared/domain/index.ts';
import { currentValidators } from '../ledger/actions/validators.ts';
import { StatePrefix } from '../ledger/keys.ts';
import type { LedgerState } from '../ledger/ledger-state.ts';
import { BlockError, BlockErrorCode as E } from './block-errors.ts';
import { buildBlock, type BuiltBlock, type ChainParams } from './build-block.ts';
import type { BlockStore, ChainTip, CommittedBlock } from './ports.ts';
import type { PreparedTx } from './tx-checks.ts';

/**
 * Consecutive blocks executed one on top of another before any of them is stored. Catch-up runs a fetched range of
 * blocks this way and stores it with one SQLite transaction (BlockExecutor.commitRange): one fsync for the range, and
 * after a crash all of it or none of it.
 *
 * Each block executes over the state the range's earlier blocks produced, held here in memory (a child of the
 * executor's committed state); the store and the executor's committed view do not change until the range commits,
 * so everything else on the node (queries, admission, consensus) keeps seeing committed state only. What a block's
 * execution asks of the chain — the tip it extends, whether a transaction is already on the ledger, the validator
 * set — is answered over the store and the blocks of the range before it.
 */
export class PendingRange {
  readonly params: ChainParams;
  /** The store's tip when the range began: the range only commits on top of exactly that. */
  readonly base: ChainTip | undefined;
  private readonly store: BlockStore;
  private readonly state: LedgerState;
  private readonly committedValidators: () => ValidatorRecord[];
  private readonly added: CommittedBlock[] = [];
  private readonly ids = new Set<string>();
  private pendingTip: ChainTip | undefined;
  private validatorsChanged = false;

  constructor(
    store: BlockStore,
    params: ChainParams,
    committed: LedgerState,
    committedValidators: () => ValidatorRecord[],
  ) {
    this.store = store;
    this.params = params;
    this.state = committed.child();
    this.committedValidators = committedValidators;
    this.base = store.tip();
    this.pendingTip = this.base;
  }

  /** The blocks added so far, in height order. */
  get blocks(): readonly CommittedBlock[] {
    return this.added;
  }

  /** The range's state after its blocks: committed by BlockExecutor.commitRange once the store has them. */
  get result(): LedgerState {
    return this.state;
  }

  /** The last block of the range, or the store's tip while the range is empty. */
  tip(): ChainTip | undefined {
    return this.pendingTip;
  }

  /** The validator set that decides the next block: the one in state after the range's last block. */
  validators(): ValidatorRecord[] {
    return this.validatorsChanged ? currentValidators(this.state) : this.committedValidators();
  }

  /** Which of these transaction ids (hex) are committed, or in a block of this range. */
  committedAmong(ids: readonly string[]): Set<string> {
    const found = this.store.committedAmong(ids);
    for (const id of ids) if (this.ids.has(id)) found.add(id);
    return found;
  }

  /** Builds and executes the next block over the range's state (see buildBlock). */
  build(candidates: readonly PreparedTx[], time: bigint, proposer: Uint8Array): BuiltBlock {
    return buildBlock(this, this.params, candidates, time, proposer, this.state);
  }

  /** Appends a block built by `build` (and decided by `commit`): the next blocks execute over its state. */
  add(built: BuiltBlock, commit: CommitCertificate | null): CommittedBlock {
    const block: CommittedBlock = { ...built.block, commit };
    const { header } = block.block;
    const expected = (this.pendingTip?.height ?? 0) + 1;
    if (header.height !== expected || !equalBytes(header.previousHash, this.pendingTip?.hash ?? new Uint8Array(32))) {
      throw new BlockError(E.WRONG_HEIGHT, `block ${header.height} is not the next block of the range (${expected})`);
    }
    this.state.absorb(built.state);
    this.added.push(block);
    for (const id of block.txIds) this.ids.add(bytesToHex(id));
    if (block.writes.some((w) => w.key.startsWith(StatePrefix.validator))) this.validatorsChanged = true;
    this.pendingTip = { height: header.height, hash: block.hash, appHash: header.appHash, time: header.time };
    return block;
  }
}
