import type { ConsensusJson, PeerJson, SyncJson, ValidatorJson } from '../../../shared/api/index.ts';
import { bytesToHex, equalBytes } from '../../../shared/crypto/index.ts';
import { txCodec, type Genesis, type SignedVote } from '../../../shared/domain/index.ts';
import { ConsensusRunner, type ValidatorKey } from '../consensus-runner/runner.ts';
import { DEFAULT_TIMEOUTS, type TimeoutConfig } from '../consensus/index.ts';
import { BlockExecutor } from '../execution/block-executor.ts';
import type { ChainParams } from '../execution/build-block.ts';
import type { CommittedBlock } from '../execution/ports.ts';
import type { TxPreparer } from '../execution/tx-preparer.ts';
import type { NodeConfig } from '../home/config.ts';
import type { HomePaths } from '../home/layout.ts';
import type { Logger } from '../log.ts';
import type { Mempool } from '../mempool/mempool.ts';
import { Outbox } from '../outbox/outbox.ts';
import { createP2PNode } from '../p2p/index.ts';
import type { P2PNode } from '../p2p/interface.ts';
import { loadNodeKeyFile } from '../p2p/node-key.ts';
import { LastSignedGuard } from '../signer/last-signed-guard.ts';
import { blockRange, type Database, type SqliteBlockStore } from '../storage/index.ts';
import { Syncer } from '../sync/syncer.ts';
import { buildEvidenceTx } from './evidence-tx.ts';
import { relayedTxOffence } from './relayed-tx-offence.ts';

export interface NetworkDeps {
  readonly config: NodeConfig;
  readonly genesis: Genesis;
  readonly params: ChainParams;
  readonly paths: HomePaths;
  readonly store: SqliteBlockStore;
  readonly readDb: Database;
  readonly mempool: Mempool;
  readonly preparer: TxPreparer;
  readonly log: Logger;
  readonly now: () => bigint;
  /** This node's validator key, when it is a validator of the genesis set. */
  readonly validatorKey: ValidatorKey | undefined;
  /** Everything committed here (by consensus or sync) goes through this (API events, logs). */
  readonly published: (block: CommittedBlock) => void;
}

/** How far a block's time may run ahead of our clock. */
const MAX_FUTURE_MS = 30_000n;
/** How often the node looks for work: catching up, delivering the outbox. */
const HOUSEKEEPING_MS = 1000;

function timeoutsFrom(config: NodeConfig): TimeoutConfig {
  const c = config.consensus;
  if (c === undefined) return DEFAULT_TIMEOUTS;
  return {
    propose: { baseMs: c.proposeMs, deltaMs: c.deltaMs },
    prevote: { baseMs: c.voteMs, deltaMs: c.deltaMs },
    precommit: { baseMs: c.voteMs, deltaMs: c.deltaMs },
  };
}

/**
 * A node on a network of several: p2p, consensus (validators), catch-up, transaction relay and the durable outbox.
 * Everything committed — by consensus or by sync — goes through one path (committed()), which tells peers our new
 * height, clears the mempool and the outbox, and tracks validators' participation for the status.
 */
export class NetworkServices {
  readonly p2p: P2PNode;
  readonly syncer: Syncer;
  readonly outbox: Outbox;
  readonly runner: ConsensusRunner | undefined;
  private readonly deps: NetworkDeps;
  private readonly executor: BlockExecutor;
  private readonly lastVotes = new Map<string, ValidatorJson['lastVote']>();
  private readonly missed = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(deps: NetworkDeps) {
    this.deps = deps;
    const { config, genesis, paths, log } = deps;
    if (config.p2p === undefined) throw new Error('network services need the p2p section of config.json');
    this.executor = new BlockExecutor(deps.store, deps.params);
    this.outbox = new Outbox(paths.outbox);
    // The validator set that decides the next block, read once per height (it changes only by governance).
    let setAt = -1;
    let powers = new Map<string, number>();
    const validatorPower = (key: Uint8Array) => {
      if (setAt !== tip()) {
        setAt = tip();
        powers = new Map(this.executor.validators().map((v) => [bytesToHex(v.publicKey), v.power]));
      }
      return powers.get(bytesToHex(key)) ?? 0;
    };
    const registry = new Map((genesis.nodes ?? []).map((n) => [bytesToHex(n.nodeKey), n]));
    const nodeKey = loadNodeKeyFile(paths.nodeKey);
    const tip = () => deps.store.tip()?.height ?? 0;

    this.p2p = createP2PNode({
      chainId: genesis.chainId,
      listen: config.p2p.listen,
      bootstrap: config.p2p.bootstrap,
      nodeKey: { privateKey: nodeKey.privateKey },
      registry: {
        lookup: (key) => {
          const n = registry.get(bytesToHex(key));
          return n && { name: n.name, role: n.role };
        },
      },
      gate: {
        chainId: genesis.chainId,
        height: () => tip() + 1,
        validatorPower: (_h, key) => validatorPower(key),
      },
      blocks: { height: tip, blocks: (from, to, max) => blockRange(deps.readDb, from, to, max) },
      log,
    });

    this.syncer = new Syncer(
      { batch: 50, now: deps.now, maxFutureMs: MAX_FUTURE_MS },
      {
        executor: this.executor,
        preparer: deps.preparer,
        source: this.p2p,
        log,
        onCommitted: (b) => this.committed(b),
      },
    );

    if (deps.validatorKey !== undefined && config.role === 'validator') {
      this.runner = new ConsensusRunner(
        {
          timeouts: timeoutsFrom(config),
          blockIntervalMs: config.blockIntervalMs,
          maxBlockTxs: config.maxBlockTxs,
          maxFutureMs: MAX_FUTURE_MS,
          walFile: paths.consensusWal,
          now: deps.now,
        },
        {
          key: deps.validatorKey,
          guard: LastSignedGuard.open(paths.signerState),
          executor: this.executor,
          mempool: deps.mempool,
          preparer: deps.preparer,
          network: this.p2p,
          log,
          onCommitted: (b) => this.committed(b),
          onEvidence: (a, b) => this.reportEvidence(a, b),
          onMissingBlock: (h) => void this.catchUp(h),
        },
      );
    }

    this.p2p.on('consensus', ({ message, blockBytes }) => {
      if (message.kind === 'vote') {
        const v = message.vote.vote;
        this.lastVotes.set(bytesToHex(v.validator), { height: v.height, round: v.round, type: v.type });
      }
      this.runner?.receive(message, blockBytes);
    });
    this.p2p.on('txs', ({ from, txs }) => {
      for (const bytes of txs) {
        deps.mempool.admit(bytes).catch((err: unknown) => {
          // Refused: already known or expired (nobody's fault), or bytes no honest node relays (the peer's).
          const offence = relayedTxOffence(err);
          if (offence !== undefined) this.p2p.penalise(from, offence, `relayed tx: ${(err as Error).message}`);
        });
      }
    });
    this.p2p.on('peer:status', ({ height }) => {
      this.syncer.noteHeight(height);
      // A validator follows consensus; it syncs only when a whole block behind what consensus works on.
      const behindBy = this.runner ? 2 : 1;
      if (height >= tip() + behindBy) void this.catchUp(height);
    });
    this.p2p.on('peer:connect', () => this.deliverOutbox());
    deps.mempool.onAdmitted((tx) => this.p2p.broadcastTx(tx.encoded));
  }

  async start(): Promise<void> {
    await this.p2p.start();
    const tip = this.deps.store.tip();
    if (tip) this.p2p.announceHeight(tip.height, tip.hash);
    this.runner?.start();
    this.timer = setInterval(() => this.housekeeping(), HOUSEKEEPING_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.runner?.stop();
    await this.p2p.stop();
  }

  /**
   * A transaction submitted through this node's API (already admitted and relayed by the mempool listener). An
   * observer — a branch office that may be cut off — also keeps it in its durable outbox until seen committed. A
   * validator does not: it takes part in consensus and proposes from its own mempool, and a durable write (two
   * fsyncs) per transaction would cap the whole network's throughput at the disk's fsync rate.
   */
  submitted(id: string, encoded: Uint8Array): void {
    if (this.deps.config.role === 'observer') this.outbox.add(id, encoded);
  }

  peers(): PeerJson[] {
    return this.p2p.peers();
  }

  consensus(): ConsensusJson | null {
    if (!this.runner) return null;
    const v = this.runner.view();
    return { height: v.height, round: v.round, step: v.phase === 'decided' ? 'commit' : v.step };
  }

  sync(): SyncJson {
    return this.syncer.progress();
  }

  validators(selfKey: Uint8Array | undefined): ValidatorJson[] {
    const peers = this.p2p.peers();
    const tip = this.deps.store.tip()?.height ?? 0;
    return this.executor.validators().map((v) => {
      const hex = bytesToHex(v.publicKey);
      const self = selfKey !== undefined && equalBytes(selfKey, v.publicKey);
      const peer = peers.find((p) => p.name === v.name && p.role === 'validator');
      return {
        publicKey: hex,
        name: v.name,
        power: v.power,
        self,
        connected: self || (peer?.connected ?? false),
        height: self ? tip : (peer?.height ?? null),
        lastVote: this.lastVotes.get(hex) ?? null,
        missedVotes: this.missed.get(hex) ?? 0,
      };
    });
  }

  private committed(block: CommittedBlock): void {
    const ids = block.txIds.map((id) => bytesToHex(id));
    this.deps.mempool.remove(ids);
    this.outbox.remove(ids);
    const signed = new Set(block.commit?.precommits.map((p) => bytesToHex(p.validator)) ?? []);
    for (const v of this.executor.validators()) {
      const hex = bytesToHex(v.publicKey);
      if (!signed.has(hex)) this.missed.set(hex, (this.missed.get(hex) ?? 0) + 1);
    }
    this.p2p.announceHeight(block.block.header.height, block.hash);
    this.deps.published(block);
  }

  private async catchUp(target: number): Promise<void> {
    if (this.syncer.syncing) return;
    try {
      const applied = await this.syncer.catchUp(target);
      if (applied > 0) this.runner?.resetAfterSync();
    } catch (err) {
      this.deps.log.warn({ err }, 'catch-up failed');
    }
  }

  private reportEvidence(a: SignedVote, b: SignedVote): void {
    const key = this.deps.validatorKey;
    if (!key) return;
    void buildEvidenceTx(this.deps.genesis.chainId, key, a, b, this.deps.now())
      .then((encoded) => this.deps.mempool.admit(encoded))
      .then((tx) => this.deps.log.warn({ tx: tx.id, validator: bytesToHex(a.vote.validator) }, 'evidence submitted'))
      .catch((err: unknown) => this.deps.log.warn({ err }, 'evidence not submitted'));
  }

  private housekeeping(): void {
    const best = this.syncer.progress().targetHeight;
    const tip = this.deps.store.tip()?.height ?? 0;
    // An observer follows by syncing. A validator syncs when a whole block behind, or when its consensus has not
    // decided for a while although peers are ahead (it may have missed the proposal of a decided block).
    const stalled = this.runner === undefined || this.runner.sinceLastDecisionMs() > 5_000n;
    if (best >= tip + 2 || (best > tip && stalled)) void this.catchUp(best);
    this.deliverOutbox();
  }

  /** Re-sends what the outbox holds while peers are connected; drops what expired (it can never commit). */
  private deliverOutbox(): void {
    if (this.outbox.size === 0 || this.p2p.peers().every((p) => !p.connected)) return;
    const time = this.deps.store.tip()?.time ?? 0n;
    for (const [id, encoded] of this.outbox.entries()) {
      if (txCodec.decode(encoded).body.expiresAt < time) {
        this.deps.log.warn({ tx: id }, 'outbox transaction expired before the network committed it');
        this.outbox.remove([id]);
        continue;
      }
      this.p2p.broadcastTx(encoded);
    }
  }
}
