import { statSync, statfsSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StatusJson } from '../../../shared/api/index.ts';
import type { CommittedBlock } from '../execution/ports.ts';
import { votingPower } from './readiness.ts';

/** What the metrics read from the node at each scrape: its status and where its files live. */
export interface MetricsSource {
  status(): StatusJson;
  /** The SQLite database file (its -wal file is counted with it). */
  readonly databaseFile: string;
  /** A directory on the filesystem that holds the node's home (free space). */
  readonly homeDir: string;
  readonly moniker: string;
  readonly version: string;
  /** The node's clock, ms since the epoch (commit latency). */
  now(): bigint;
}

const STEPS = ['propose', 'prevote', 'precommit', 'commit'] as const;

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The node's Prometheus metrics (docs/operators.md lists them). Gauges are read from the node's status when scraped,
 * so they cannot drift from what `node.status` says; counters and histograms are fed by committed blocks.
 * One registry per node, never prom-client's global one: tests and the desktop may run several nodes in a process.
 */
export class NodeMetrics {
  readonly registry = new Registry();
  private readonly source: MetricsSource;
  private lastBlockTime: bigint | undefined;
  /** The status read once at the start of a scrape, for every gauge of that scrape. */
  private snapshot: StatusJson | undefined;
  private readonly blockInterval: Histogram;
  private readonly commitLatency: Histogram;
  private readonly blockTxs: Histogram;
  private readonly committedTxs: Counter<'result'>;
  private readonly refusedTxs: Counter<'reason'>;
  private readonly apiRequests: Counter<'method' | 'result'>;

  constructor(source: MetricsSource) {
    this.source = source;
    const registers = [this.registry];
    const status = () => this.snapshot ?? source.status();
    collectDefaultMetrics({ register: this.registry, prefix: 'countersign_' });
    const gauge = <L extends string>(
      name: string,
      help: string,
      labelNames: readonly L[],
      collect: (g: Gauge<L>, s: StatusJson) => void,
    ) =>
      new Gauge<L>({
        name,
        help,
        labelNames,
        registers,
        collect() {
          this.reset();
          collect(this, status());
        },
      });

    gauge(
      'countersign_node_info',
      'Always 1; labels say which node this is.',
      ['chain_id', 'moniker', 'role', 'version'],
      (g, s) => g.set({ chain_id: s.chainId, moniker: source.moniker, role: s.role, version: source.version }, 1),
    );
    gauge('countersign_chain_height', 'Last committed height.', [], (g, s) => g.set(s.height));
    gauge('countersign_chain_last_block_timestamp_seconds', 'Block time of the last committed block.', [], (g, s) => {
      if (s.time !== null) g.set(Number(s.time) / 1000);
    });
    gauge(
      'countersign_chain_height_lag_blocks',
      'Best height a connected peer reports minus ours (0 if none is ahead).',
      [],
      (g, s) => {
        const best = Math.max(s.height, ...s.peers.filter((p) => p.connected).map((p) => p.height));
        g.set(best - s.height);
      },
    );
    gauge('countersign_consensus_height', 'Height the consensus runner works on.', [], (g, s) => {
      if (s.consensus) g.set(s.consensus.height);
    });
    gauge('countersign_consensus_round', 'Round the consensus runner is in.', [], (g, s) => {
      if (s.consensus) g.set(s.consensus.round);
    });
    gauge(
      'countersign_consensus_step',
      '1 for the consensus step the runner is in, 0 for the others.',
      ['step'],
      (g, s) => {
        if (s.consensus) for (const step of STEPS) g.set({ step }, s.consensus.step === step ? 1 : 0);
      },
    );
    gauge('countersign_mempool_transactions', 'Transactions waiting for a block.', [], (g, s) => g.set(s.mempool));
    gauge('countersign_outbox_transactions', 'Transactions kept in the outbox until committed.', [], (g, s) =>
      g.set(s.outbox),
    );
    gauge('countersign_validators', 'Validators in the current set.', [], (g, s) => g.set(s.validators.length));
    gauge('countersign_validators_power', 'Total voting power of the validator set.', [], (g, s) =>
      g.set(votingPower(s).total),
    );
    gauge(
      'countersign_validators_connected_power',
      'Voting power of the validators this node sees connected, itself included.',
      [],
      (g, s) => g.set(votingPower(s).connected),
    );
    gauge('countersign_validator_power', 'Voting power of each validator.', ['validator'], (g, s) => {
      for (const v of s.validators) g.set({ validator: v.name }, v.power);
    });
    gauge(
      'countersign_validator_connected',
      '1 if the validator is this node or a connected peer.',
      ['validator'],
      (g, s) => {
        for (const v of s.validators) g.set({ validator: v.name }, v.connected ? 1 : 0);
      },
    );
    gauge('countersign_validator_height', 'Height each validator last reported.', ['validator'], (g, s) => {
      for (const v of s.validators) if (v.height !== null) g.set({ validator: v.name }, v.height);
    });
    // A count since the node started that only grows: a counter by type, though read from the status like a gauge.
    new Counter<'validator'>({
      name: 'countersign_validator_missed_votes_total',
      help: 'Committed blocks whose commit lacks the validator’s precommit, since this node started.',
      labelNames: ['validator'],
      registers,
      collect() {
        this.reset();
        for (const v of status().validators) this.inc({ validator: v.name }, v.missedVotes);
      },
    });
    gauge('countersign_peers_connected', 'Connected peers by role.', ['role'], (g, s) => {
      for (const role of ['validator', 'observer'] as const) {
        g.set({ role }, s.peers.filter((p) => p.connected && p.role === role).length);
      }
    });
    gauge(
      'countersign_peer_height_lag_blocks',
      'Our height minus the height each connected peer reports.',
      ['peer'],
      (g, s) => {
        for (const p of s.peers) if (p.connected) g.set({ peer: p.name ?? p.id }, s.height - p.height);
      },
    );
    gauge('countersign_peer_latency_seconds', 'Last ping round trip to each connected peer.', ['peer'], (g, s) => {
      for (const p of s.peers)
        if (p.connected && p.latencyMs !== null) g.set({ peer: p.name ?? p.id }, p.latencyMs / 1000);
    });
    gauge('countersign_sync_active', '1 while the node catches up from peers.', [], (g, s) =>
      g.set(s.sync.syncing ? 1 : 0),
    );
    gauge('countersign_sync_target_height', 'Height catch-up aims for.', [], (g, s) => g.set(s.sync.targetHeight));
    gauge('countersign_db_size_bytes', 'Size of the SQLite database with its write-ahead log.', [], (g) =>
      g.set(fileSize(source.databaseFile) + fileSize(`${source.databaseFile}-wal`)),
    );
    const disk = (which: 'free' | 'size') => {
      const fs = statfsSync(source.homeDir);
      return which === 'free' ? fs.bavail * fs.bsize : fs.blocks * fs.bsize;
    };
    gauge('countersign_disk_free_bytes', 'Free space (for this user) on the filesystem of the node home.', [], (g) =>
      g.set(disk('free')),
    );
    gauge('countersign_disk_size_bytes', 'Size of the filesystem of the node home.', [], (g) => g.set(disk('size')));

    this.blockInterval = new Histogram({
      name: 'countersign_block_interval_seconds',
      help: 'Time between the block times of consecutive committed blocks.',
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    });
    this.commitLatency = new Histogram({
      name: 'countersign_block_commit_latency_seconds',
      help: 'From a block’s time to its commit on this node.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    });
    this.blockTxs = new Histogram({
      name: 'countersign_block_transactions',
      help: 'Transactions per committed block.',
      buckets: [0, 1, 10, 100, 1000, 5000],
      registers,
    });
    this.committedTxs = new Counter({
      name: 'countersign_transactions_committed_total',
      help: 'Committed transactions by result (OK or the failure code).',
      labelNames: ['result'],
      registers,
    });
    this.refusedTxs = new Counter({
      name: 'countersign_mempool_refused_total',
      help: 'Transactions the mempool refused, by reason (the refusal code).',
      labelNames: ['reason'],
      registers,
    });
    this.apiRequests = new Counter({
      name: 'countersign_api_requests_total',
      help: 'API calls by method and result (ok or the error code).',
      labelNames: ['method', 'result'],
      registers,
    });
  }

  /** A transaction the mempool refused (from the API or a peer), by the refusal's code. */
  txRefused(reason: string): void {
    this.refusedTxs.inc({ reason });
  }

  /** A call of an API method through the node's router, by result: ok or the error code. */
  apiCall(method: string, result: string): void {
    this.apiRequests.inc({ method, result });
  }

  /** Every block this node commits, by consensus, the single-validator producer or sync. */
  blockCommitted(block: CommittedBlock): void {
    const time = block.block.header.time;
    if (this.lastBlockTime !== undefined) this.blockInterval.observe(Number(time - this.lastBlockTime) / 1000);
    this.lastBlockTime = time;
    const latency = Number(this.source.now() - time) / 1000;
    this.commitLatency.observe(Math.max(0, latency));
    this.blockTxs.observe(block.results.length);
    for (const r of block.results) this.committedTxs.inc({ result: r.code });
  }

  /** Prometheus text exposition format. */
  async text(): Promise<string> {
    this.snapshot = this.source.status();
    try {
      return await this.registry.metrics();
    } finally {
      this.snapshot = undefined;
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
