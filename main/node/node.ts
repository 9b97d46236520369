import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bytesToHex, equalBytes, keyId } from '../../shared/crypto/index.ts';
import type { Genesis } from '../../shared/domain/index.ts';
import type { StatusJson } from '../../shared/api/index.ts';
import {
  createRouter,
  loadOrCreateToken,
  startApiServer,
  type ApiServer,
  type SubscriptionTopic,
} from './api/index.ts';
import type { ConsoleOptions } from './api/console.ts';
import { chainParamsOf, type ChainParams } from './execution/build-block.ts';
import type { CommittedBlock } from './execution/ports.ts';
import { workerTxPreparer, type TxPreparer } from './execution/tx-preparer.ts';
import { HomeError, readConfig, readGenesis, type NodeConfig } from './home/config.ts';
import { homePaths } from './home/layout.ts';
import { loadKeyFile, type DevSigner } from './keys/key-file.ts';
import { buildGenesisState } from './ledger/genesis.ts';
import { createLogger, type Logger } from './log.ts';
import { Mempool } from './mempool/mempool.ts';
import { SoloProducer } from './producer/solo-producer.ts';
import { NetworkServices } from './network/network-services.ts';
import { nodeHandlers } from './rpc-handlers.ts';
import { openDatabase, SqliteBlockStore, type Database } from './storage/index.ts';
import { blockEventPayloads } from './block-events.ts';
import { NodeMetrics } from './metrics/node-metrics.ts';
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server.ts';

export interface NodeOptions {
  readonly home: string;
  /** Overrides config.api.port (0 = any free port). */
  readonly apiPort?: number;
  readonly log?: Logger;
  /** Wall clock for block times and admission, ms since the epoch. */
  readonly now?: () => bigint;
  /** Serve the browser console (renderer/dist) under /console/ on the API port; see api/console.ts. */
  readonly console?: ConsoleOptions;
  /** Overrides config.metrics: serve /metrics, /healthz and /readyz there (port 0 = any free port). */
  readonly metrics?: { readonly host: string; readonly port: number };
}

/** Where a running node's API can be reached; written into the home so the CLI finds it. */
export interface Endpoint {
  readonly url: string;
  readonly wsUrl: string;
  readonly pid: number;
}

/** The app's version for countersign_node_info; the node runs from the checkout and from the packaged app alike. */
function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function endpointFile(home: string): string {
  return path.join(homePaths(home).data, 'endpoint.json');
}

/**
 * The composition root: opens the store (writing genesis on first start), starts the mempool, the block producer
 * (single-validator networks) and the API, and tears them down in reverse order on close().
 */
export class CountersignNode {
  readonly home: string;
  readonly config: NodeConfig;
  readonly genesis: Genesis;
  readonly params: ChainParams;
  readonly store: SqliteBlockStore;
  readonly readDb: Database;
  readonly mempool: Mempool;
  readonly events = new EventEmitter<Record<SubscriptionTopic, [unknown]>>();
  readonly log: Logger;
  private readonly preparer: TxPreparer;
  private producer: SoloProducer | undefined;
  /** p2p, consensus, sync and the outbox, on networks of several nodes (config.json has a p2p section). */
  readonly network: NetworkServices | undefined;
  private api: ApiServer | undefined;
  readonly metrics: NodeMetrics;
  private metricsServer: MetricsServer | undefined;
  private validatorId: string | null = null;
  private validatorKey: Uint8Array | undefined;

  private constructor(opts: NodeOptions) {
    this.home = opts.home;
    this.log = opts.log ?? createLogger('countersign');
    this.config = readConfig(opts.home);
    this.genesis = readGenesis(opts.home);
    const genesisState = buildGenesisState(this.genesis);
    const paths = homePaths(opts.home);
    this.store = SqliteBlockStore.open(paths.database);
    const stored = this.store.genesis();
    if (!stored) {
      this.store.commitGenesis(genesisState.writes, genesisState.hash, genesisState.appHash);
      this.log.info({ genesis: bytesToHex(genesisState.hash) }, 'genesis state written');
    } else if (!equalBytes(stored.hash, genesisState.hash)) {
      this.store.close();
      throw new HomeError(
        'GENESIS_MISMATCH',
        `${paths.database} belongs to another network (genesis differs from ${paths.genesis})`,
      );
    }
    this.readDb = openDatabase(paths.database, { readonly: true });
    // Every API subscription is a listener; the API bounds them per client, so no global cap here.
    this.events.setMaxListeners(0);
    this.params = chainParamsOf(this.genesis, genesisState.appHash);
    this.preparer = workerTxPreparer(2);
    const now = opts.now ?? (() => BigInt(Date.now()));
    this.mempool = new Mempool(
      {
        chainId: this.genesis.chainId,
        maxTxLifetimeMs: this.params.maxTxLifetimeMs,
        capacity: this.config.mempoolCapacity,
        now,
      },
      { store: this.store, preparer: this.preparer },
    );
    this.metrics = new NodeMetrics({
      status: () => this.status(),
      databaseFile: paths.database,
      homeDir: opts.home,
      moniker: this.config.moniker,
      version: appVersion(),
      now,
    });
    this.mempool.onRefused((code) => this.metrics.txRefused(code));
    if (this.config.p2p !== undefined) this.network = this.createNetwork(now);
    else if (this.config.role === 'validator') this.producer = this.createProducer(now);
  }

  static async start(opts: NodeOptions): Promise<CountersignNode> {
    const node = new CountersignNode(opts);
    try {
      await node.startServices(opts.apiPort, opts.console, opts.metrics ?? node.config.metrics);
    } catch (err) {
      await node.close();
      throw err;
    }
    return node;
  }

  get endpoint(): Endpoint | undefined {
    return this.api && { url: this.api.url, wsUrl: this.api.wsUrl, pid: process.pid };
  }

  /** Where /metrics, /healthz and /readyz are served, when they are. */
  get metricsUrl(): string | undefined {
    return this.metricsServer?.url;
  }

  status(): StatusJson {
    const tip = this.store.tip();
    return {
      chainId: this.genesis.chainId,
      height: tip?.height ?? 0,
      lastBlockHash: tip ? bytesToHex(tip.hash) : null,
      appHash: bytesToHex(tip?.appHash ?? this.params.genesisAppHash),
      time: tip ? tip.time.toString() : null,
      role: this.config.role,
      validator: this.validatorId,
      peers: this.network?.peers() ?? [],
      validators:
        this.network?.validators(this.validatorKey) ??
        this.genesis.validators.map((v) => ({
          publicKey: bytesToHex(v.publicKey),
          name: v.name,
          power: Number(v.power),
          self: this.validatorId !== null && keyId(v.publicKey) === this.validatorId,
          connected: this.validatorId !== null && keyId(v.publicKey) === this.validatorId,
          height: this.validatorId !== null && keyId(v.publicKey) === this.validatorId ? (tip?.height ?? 0) : null,
          lastVote: null,
          missedVotes: 0,
        })),
      consensus: this.network?.consensus() ?? null,
      syncing: this.network?.sync().syncing ?? false,
      sync: this.network?.sync() ?? { syncing: false, targetHeight: tip?.height ?? 0, applied: 0 },
      mempool: this.mempool.size,
      outbox: this.network?.outbox.size ?? 0,
      ...(this.api?.consoleUrl !== undefined && { consoleUrl: this.api.consoleUrl }),
    };
  }

  /** Builds and commits a block now, if transactions are waiting (tests and tools; the producer does it on a timer). */
  produceBlock(): CommittedBlock | undefined {
    return this.producer?.produce();
  }

  /** Admits a transaction submitted here and, on a network, relays it and keeps it in the outbox until committed. */
  async submitTx(encoded: Uint8Array): Promise<{ id: string }> {
    const admitted = await this.mempool.admit(encoded);
    this.network?.submitted(admitted.id, admitted.encoded);
    return { id: admitted.id };
  }

  async close(): Promise<void> {
    this.producer?.stop();
    await this.metricsServer?.close();
    this.metricsServer = undefined;
    await this.network?.stop();
    await this.api?.close();
    this.api = undefined;
    rmSync(endpointFile(this.home), { force: true });
    await this.preparer.close();
    this.readDb.close();
    this.store.close();
  }

  private createNetwork(now: () => bigint): NetworkServices {
    const keyFile = homePaths(this.home).validatorKey;
    let validatorKey: DevSigner | undefined;
    if (this.config.role === 'validator') {
      if (!existsSync(keyFile)) throw new HomeError('HOME_NO_VALIDATOR_KEY', `validator key not found at ${keyFile}`);
      validatorKey = loadKeyFile(keyFile);
      if (!this.genesis.validators.some((v) => equalBytes(v.publicKey, validatorKey!.publicKey))) {
        throw new HomeError('NOT_A_VALIDATOR', `the key in ${keyFile} is not a genesis validator`);
      }
      this.validatorId = validatorKey.id;
      this.validatorKey = validatorKey.publicKey;
    }
    return new NetworkServices({
      config: this.config,
      genesis: this.genesis,
      params: this.params,
      paths: homePaths(this.home),
      store: this.store,
      readDb: this.readDb,
      mempool: this.mempool,
      preparer: this.preparer,
      log: this.log,
      now,
      validatorKey,
      published: (block) => this.published(block),
    });
  }

  private createProducer(now: () => bigint): SoloProducer {
    const keyFile = homePaths(this.home).validatorKey;
    if (!existsSync(keyFile)) throw new HomeError('HOME_NO_VALIDATOR_KEY', `validator key not found at ${keyFile}`);
    const key = loadKeyFile(keyFile);
    const isValidator = this.genesis.validators.some((v) => equalBytes(v.publicKey, key.publicKey));
    if (!isValidator) throw new HomeError('NOT_A_VALIDATOR', `the key in ${keyFile} is not a genesis validator`);
    if (this.genesis.validators.length > 1) {
      throw new HomeError('MULTI_VALIDATOR', 'this network has several validators; BFT consensus is needed to run it');
    }
    this.validatorId = key.id;
    return new SoloProducer({
      store: this.store,
      mempool: this.mempool,
      params: this.params,
      signer: key,
      opts: { intervalMs: this.config.blockIntervalMs, maxBlockTxs: this.config.maxBlockTxs, now },
      onCommitted: (block) => this.published(block),
      onExcluded: (id, error) =>
        this.log.debug({ tx: id, code: (error as { code?: string }).code }, 'transaction left out'),
      onError: (err) => this.log.error({ err }, 'block production failed; retrying'),
    });
  }

  private published(block: CommittedBlock): void {
    this.metrics.blockCommitted(block);
    const { summary, proposals } = blockEventPayloads(block);
    this.log.info({ height: summary.height, txs: summary.txCount, hash: summary.hash }, 'block committed');
    this.events.emit('blocks', summary);
    for (const p of proposals) this.events.emit('proposals', p);
  }

  private async startServices(
    apiPort: number | undefined,
    console: ConsoleOptions | undefined,
    metrics: { host: string; port: number } | undefined,
  ): Promise<void> {
    // The verification workers load while the rest starts; the node is started once they can work.
    const workersReady = this.preparer.ready();
    const router = createRouter(nodeHandlers(this), {
      onCall: (method, result) => this.metrics.apiCall(method, result),
      log: { warn: (m, d) => this.log.warn({ detail: d }, m), error: (m, d) => this.log.error({ detail: d }, m) },
    });
    this.api = await startApiServer({
      host: this.config.api.host,
      port: apiPort ?? this.config.api.port,
      token: loadOrCreateToken(this.home),
      router,
      events: {
        on: (topic, listener) => {
          this.events.on(topic, listener);
          return () => this.events.off(topic, listener);
        },
      },
      log: { warn: (m, d) => this.log.warn({ detail: d }, m), error: (m, d) => this.log.error({ detail: d }, m) },
      ...(console && { console }),
    });
    if (metrics !== undefined) {
      this.metricsServer = await startMetricsServer({
        ...metrics,
        metrics: this.metrics,
        status: () => this.status(),
        databaseWritable: () => this.store.writable(),
        log: { warn: (m, d) => this.log.warn({ detail: d }, m) },
      });
    }
    await workersReady;
    writeFileSync(endpointFile(this.home), JSON.stringify(this.endpoint) + '\n');
    this.producer?.start();
    await this.network?.start();
    this.log.info(
      {
        api: this.api.url,
        metrics: this.metricsServer?.url,
        height: this.status().height,
        chain: this.genesis.chainId,
      },
      'node started',
    );
  }
}
