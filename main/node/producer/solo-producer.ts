import { voteSignBytes, type CommitCertificate, type Vote } from '../../../shared/domain/index.ts';
import type { ChainParams } from '../execution/build-block.ts';
import { BlockExecutor } from '../execution/block-executor.ts';
import type { BlockStore, CommittedBlock } from '../execution/ports.ts';
import type { Mempool } from '../mempool/mempool.ts';

/** The validator's key, as the producer needs it. */
export interface BlockSigner {
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

export interface SoloProducerOptions {
  readonly intervalMs: number;
  readonly maxBlockTxs: number;
  /** Wall clock in ms since the epoch; block times never go backwards whatever it says. */
  readonly now: () => bigint;
}

/**
 * Block production for a network of one validator (a devnet, a branch office testing alone): every interval, if
 * transactions are waiting, build the next block, sign a precommit for it (its commit certificate, the same shape
 * the BFT network will produce) and commit it. Multi-validator consensus replaces this with the Tendermint runner.
 */
export class SoloProducer {
  private readonly store: BlockStore;
  private readonly mempool: Mempool;
  private readonly executor: BlockExecutor;
  private readonly signer: BlockSigner;
  private readonly opts: SoloProducerOptions;
  private readonly onCommitted: (block: CommittedBlock) => void;
  private readonly onExcluded: (txId: string, error: Error) => void;
  private readonly onError: (error: unknown) => void;
  private timer: NodeJS.Timeout | undefined;

  constructor(deps: {
    store: BlockStore;
    mempool: Mempool;
    params: ChainParams;
    signer: BlockSigner;
    opts: SoloProducerOptions;
    onCommitted: (block: CommittedBlock) => void;
    onExcluded?: (txId: string, error: Error) => void;
    onError: (error: unknown) => void;
  }) {
    this.store = deps.store;
    this.mempool = deps.mempool;
    this.executor = new BlockExecutor(deps.store, deps.params);
    this.signer = deps.signer;
    this.opts = deps.opts;
    this.onCommitted = deps.onCommitted;
    this.onExcluded = deps.onExcluded ?? (() => {});
    this.onError = deps.onError;
  }

  start(): void {
    const tick = () => {
      try {
        this.produce();
      } catch (err) {
        // Nothing was committed (commitBlock is atomic); the same transactions are tried again next tick.
        this.onError(err);
      }
      this.timer = setTimeout(tick, this.opts.intervalMs);
    };
    this.timer = setTimeout(tick, this.opts.intervalMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Builds, signs and commits one block from the mempool; returns it (undefined if nothing was waiting). A block is
   * also made with no transactions when the end-of-block phase has timed work due at the block's time (a scheduled
   * settlement, a cut-off, a contract obligation), so block time reaches it without waiting for traffic.
   */
  produce(): CommittedBlock | undefined {
    const candidates = this.mempool.take(this.opts.maxBlockTxs);
    const tip = this.store.tip();
    const earliest = (tip?.time ?? 0n) + 1n;
    const wall = this.opts.now();
    const time = wall > earliest ? wall : earliest;
    const due = this.executor.hasDueWork(time);
    if (candidates.length === 0 && !due) return undefined;
    const built = this.executor.build(candidates, time, this.signer.publicKey);
    const { block, excluded } = built;
    for (const e of excluded) this.onExcluded(e.tx.id, e.error);
    if (block.txIds.length === 0 && !due) {
      this.mempool.remove(excluded.map((e) => e.tx.id));
      return undefined;
    }
    const vote: Vote = {
      chainId: block.block.header.chainId,
      type: 'precommit',
      height: block.block.header.height,
      round: 0,
      blockHash: block.hash,
      validator: this.signer.publicKey,
    };
    const commit: CommitCertificate = {
      height: vote.height,
      round: 0,
      blockHash: block.hash,
      precommits: [{ validator: this.signer.publicKey, signature: this.signer.sign(voteSignBytes(vote)) }],
    };
    const committed = this.executor.commit(built, commit);
    // Included transactions are committed and excluded ones can no longer be: neither stays pending.
    this.mempool.remove(candidates.map((c) => c.id));
    this.onCommitted(committed);
    return committed;
  }
}
