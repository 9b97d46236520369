import type { SyncJson } from '../../../shared/api/index.ts';
import { blockHash, type Block, type CommitCertificate } from '../../../shared/domain/index.ts';
import type { BlockExecutor } from '../execution/block-executor.ts';
import { verifyCommitCertificate } from '../execution/commit-certificate.ts';
import type { CommittedBlock } from '../execution/ports.ts';
import type { TxPreparer } from '../execution/tx-preparer.ts';
import { executePreparedBlock, prepareBlockTxs } from '../execution/validate-block.ts';
import type { PreparedTx } from '../execution/tx-checks.ts';
import type { Logger } from '../log.ts';

/** Where blocks come from: peers on the p2p network. */
export interface BlockRangeSource {
  /** Connected peers that reported a height of at least `minHeight`, best first. */
  bestPeers(minHeight: number): string[];
  requestBlocks(peerId: string, from: number, to: number): Promise<{ block: Block; commit: CommitCertificate }[]>;
}

export interface SyncOptions {
  /** Blocks per request. */
  readonly batch: number;
  readonly now: () => bigint;
  readonly maxFutureMs: bigint;
}

export interface SyncDeps {
  readonly executor: BlockExecutor;
  readonly preparer: TxPreparer;
  readonly source: BlockRangeSource;
  readonly log: Logger;
  readonly onCommitted: (block: CommittedBlock) => void;
}

/**
 * Catching up: fetch block ranges from peers that are ahead, and for each block verify its commit certificate
 * against the validator set we know, re-execute it (its header must come out identical) and commit it. Nothing a
 * peer sends is trusted: a bad block or certificate drops the range and the next peer is tried. One catch-up runs
 * at a time.
 */
export class Syncer {
  private readonly opts: SyncOptions;
  private readonly deps: SyncDeps;
  private running: Promise<number> | undefined;
  private target = 0;
  private applied = 0;

  constructor(opts: SyncOptions, deps: SyncDeps) {
    this.opts = opts;
    this.deps = deps;
  }

  /** A peer reported its height. */
  noteHeight(height: number): void {
    if (height > this.target) this.target = height;
  }

  progress(): SyncJson {
    return {
      syncing: this.running !== undefined,
      targetHeight: Math.max(this.target, this.tip()),
      applied: this.applied,
    };
  }

  get syncing(): boolean {
    return this.running !== undefined;
  }

  /** Catches up to the best known height (or at least `minTarget`); resolves with the number of blocks applied. */
  catchUp(minTarget = 0): Promise<number> {
    if (minTarget > this.target) this.target = minTarget;
    if (this.running === undefined) {
      this.applied = 0;
      this.running = this.loop().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private tip(): number {
    return this.deps.executor.store.tip()?.height ?? 0;
  }

  private async loop(): Promise<number> {
    let applied = 0;
    let failures = 0;
    while (this.tip() < this.target && failures < 5) {
      const from = this.tip() + 1;
      const peers = this.deps.source.bestPeers(from);
      if (peers.length === 0) break;
      const peer = peers[failures % peers.length]!;
      const to = Math.min(this.target, from + this.opts.batch - 1);
      try {
        const range = await this.deps.source.requestBlocks(peer, from, to);
        if (range.length === 0) throw new Error(`peer ${peer} sent no blocks for ${from}..${to}`);
        // Pipelined: every block's transactions go to the worker threads now, and while they verify, this thread
        // checks certificates, executes and commits the blocks in order as their transactions come back.
        const prepared = range.map(({ block }) => settled(prepareBlockTxs(this.deps.preparer, block)));
        for (const [i, { block, commit }] of range.entries()) {
          await this.applyOne(block, commit, await prepared[i]!);
          applied++;
          this.applied++;
        }
        failures = 0;
      } catch (err) {
        failures++;
        this.deps.log.warn({ peer, from, to, err }, 'block range refused; trying another peer');
      }
    }
    if (applied > 0) this.deps.log.info({ applied, height: this.tip() }, 'caught up');
    return applied;
  }

  private async applyOne(
    block: Block,
    commit: CommitCertificate,
    prepared: { ok: true; value: PreparedTx[] } | { ok: false; error: unknown },
  ): Promise<void> {
    const height = block.header.height;
    if (height <= this.tip()) return; // committed meanwhile (by consensus): nothing to do, never twice
    const hash = blockHash(block.header);
    // The set that decides block h is in the state after h − 1: our state now.
    const validators = this.deps.executor.validators();
    verifyCommitCertificate(this.deps.executor.params.chainId, validators, height, hash, commit);
    if (!prepared.ok) throw prepared.error;
    const built = executePreparedBlock(this.deps.executor, block, prepared.value, {
      now: this.opts.now,
      maxFutureMs: this.opts.maxFutureMs,
    });
    this.deps.onCommitted(this.deps.executor.commit(built, commit));
  }
}

/** A promise's outcome as a value: started early, awaited later, never an unhandled rejection meanwhile. */
async function settled<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}
