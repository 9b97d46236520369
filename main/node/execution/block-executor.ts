import type { CommitCertificate, ValidatorRecord } from '../../../shared/domain/index.ts';
import { currentValidators } from '../ledger/actions/validators.ts';
import { hasDueWork } from '../ledger/end-block.ts';
import { LedgerState } from '../ledger/ledger-state.ts';
import { StateOverlay } from '../ledger/overlay.ts';
import { buildBlock, type BuiltBlock, type ChainParams } from './build-block.ts';
import type { BlockStore, CommittedBlock } from './ports.ts';
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

  constructor(store: BlockStore, params: ChainParams) {
    this.store = store;
    this.params = params;
    this.committed = new LedgerState(new StateOverlay(store));
  }

  /** The validator set that decides the next block (state after the last committed block). */
  validators(): ValidatorRecord[] {
    return currentValidators(this.committed);
  }

  build(candidates: readonly PreparedTx[], time: bigint, proposer: Uint8Array): BuiltBlock {
    return buildBlock(this.store, this.params, candidates, time, proposer, this.committed);
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
    return block;
  }
}
