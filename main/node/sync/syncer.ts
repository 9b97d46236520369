import type { SyncJson } from '../../../shared/api/index.ts';
import type { Block, CommitCertificate } from '../../../shared/domain/index.ts';
import type { BlockExecutor } from '../execution/block-executor.ts';
import { BlockError, BlockErrorCode } from '../execution/block-errors.ts';
import { checkCommitCertificate } from '../execution/commit-certificate.ts';
import type { CommittedBlock } from '../execution/ports.ts';
import type { TxPreparer } from '../execution/tx-preparer.ts';
import { executePreparedBlock, prepareBlockTxs } from '../execution/validate-block.ts';
import type { PreparedTx } from '../execution/tx-checks.ts';
import type { Logger } from '../log.ts';

/** A block as a peer sent it; `blockBytes`, when given, are the bytes `block` was strictly decoded from. */
export interface FetchedBlock {
  readonly block: Block;
  readonly commit: CommitCertificate;
  readonly blockBytes?: Uint8Array;
}

/** Where blocks come from: peers on the p2p network. */
export interface BlockRangeSource {
  /** Connected peers that reported a height of at least `minHeight`, best first. */
  bestPeers(minHeight: number): string[];
  requestBlocks(peerId: string, from: number, to: number): Promise<FetchedBlock[]>;
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

/** A fetched range whose signatures are being verified on the worker threads, started as soon as it arrived. */
interface Fetched {
  readonly peer: string;
  readonly blocks: readonly FetchedBlock[];
  readonly txs: Promise<Settled<PreparedTx[]>>[];
  readonly certificates: Promise<Settled<boolean[]>>[];
}

/**
 * Catching up: fetch block ranges from peers that are ahead, and for each block verify its commit certificate
 * against the validator set we know, re-execute it (its header must come out identical) and commit it. Nothing a
 * peer sends is trusted: a bad block or certificate drops the rest of the range and the next peer is tried. One
 * catch-up runs at a time.
 *
 * Pipelined, so that the thread that executes blocks does little else: every signature of a range (transactions and
 * certificate precommits) goes to the worker threads as soon as the range arrives, the next range is requested while
 * this one executes, and a range's blocks are executed one on top of another in memory and committed together in
 * one SQLite transaction (BlockExecutor.commitRange: one fsync per range; after a crash, all of it or none of it).
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
    let ahead: { from: number; fetched: Promise<Settled<Fetched>> } | undefined;
    while (this.tip() < this.target && failures < 5) {
      const from = this.tip() + 1;
      const peers = this.deps.source.bestPeers(from);
      if (peers.length === 0) break;
      const peer = peers[failures % peers.length]!;
      const to = Math.min(this.target, from + this.opts.batch - 1);
      const next = ahead?.from === from ? ahead.fetched : this.fetch(peer, from, to);
      ahead = undefined;
      const fetched = await next;
      try {
        if (!fetched.ok) throw fetched.error;
        const { blocks } = fetched.value;
        if (blocks.length === 0) throw new Error(`peer ${fetched.value.peer} sent no blocks for ${from}..${to}`);
        // The next range is on its way (and its signatures on the workers) while this one executes and commits.
        const last = from + blocks.length - 1;
        if (last < this.target) {
          const nextTo = Math.min(this.target, last + this.opts.batch);
          ahead = { from: last + 1, fetched: this.fetch(fetched.value.peer, last + 1, nextTo) };
        }
        const { count, failure } = await this.applyRange(fetched.value);
        applied += count;
        this.applied += count;
        if (failure) throw failure.error;
        failures = 0;
      } catch (err) {
        ahead = undefined;
        // Consensus committed a block while this range executed: nothing is wrong with the peer; go on from our tip.
        if (err instanceof BlockError && err.code === BlockErrorCode.RANGE_STALE) continue;
        failures++;
        const by = fetched.ok ? fetched.value.peer : peer;
        this.deps.log.warn({ peer: by, from, to, err }, 'block range refused; trying another peer');
      }
    }
    if (applied > 0) this.deps.log.info({ applied, height: this.tip() }, 'caught up');
    return applied;
  }

  /** Requests a range and starts verifying all its signatures on the worker threads the moment it arrives. */
  private fetch(peer: string, from: number, to: number): Promise<Settled<Fetched>> {
    const { preparer, executor } = this.deps;
    const chainId = executor.params.chainId;
    return settled(
      this.deps.source.requestBlocks(peer, from, to).then((blocks): Fetched => ({
        peer,
        blocks,
        txs: blocks.map(({ block, blockBytes }) => settled(prepareBlockTxs(preparer, block, undefined, blockBytes))),
        certificates: blocks.map(({ commit }) => settled(preparer.verifyPrecommits(chainId, commit))),
      })),
    );
  }

  /**
   * Verifies and executes a range's blocks in order over one PendingRange, then commits them in one transaction.
   * A block that fails its checks stops the range there: the blocks before it, fully verified, are still committed,
   * and the failure is returned with their count.
   */
  private async applyRange(fetched: Fetched): Promise<{ count: number; failure?: { error: unknown } }> {
    const { executor } = this.deps;
    const range = executor.beginRange();
    let failure: { error: unknown } | undefined;
    for (const [i, { block, commit }] of fetched.blocks.entries()) {
      const height = block.header.height;
      if (height <= (range.tip()?.height ?? 0)) continue; // committed meanwhile (by consensus): never twice
      try {
        const [certificate, txs] = [await fetched.certificates[i]!, await fetched.txs[i]!];
        if (!certificate.ok) throw certificate.error;
        if (!txs.ok) throw txs.error;
        // The set that decides block h is in the state after h − 1: the range's state now.
        const validators = range.validators();
        // Re-execution checks the header, and the hash of ours is then the hash of the block received: the
        // certificate is checked against it before the block joins the range.
        const built = executePreparedBlock(range, block, txs.value, {
          now: this.opts.now,
          maxFutureMs: this.opts.maxFutureMs,
        });
        const verdicts = certificate.value;
        checkCommitCertificate(validators, height, built.block.hash, commit, (k) => verdicts[k] === true);
        range.add(built, commit);
      } catch (error) {
        failure = { error };
        break;
      }
    }
    const committed = executor.commitRange(range);
    for (const block of committed) this.deps.onCommitted(block);
    return failure ? { count: committed.length, failure } : { count: committed.length };
  }
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise's outcome as a value: started early, awaited later, never an unhandled rejection meanwhile. */
async function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}
