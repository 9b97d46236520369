import { EventEmitter } from 'node:events';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bytesToHex, equalBytes, keyId } from '../../shared/crypto/index.ts';
import { validatorSetHash, type Genesis } from '../../shared/domain/index.ts';
import type { StatusJson } from '../../shared/api/index.ts';
import {
  createRouter,
  loadOrCreateToken,
  startApiServer,
  type ApiServer,
  type SubscriptionTopic,
} from './api/index.ts';
import type { ChainParams } from './execution/build-block.ts';
import type { CommittedBlock } from './execution/ports.ts';
import { workerTxPreparer, type TxPreparer } from './execution/tx-preparer.ts';
import { HomeError, readConfig, readGenesis, type NodeConfig } from './home/config.ts';
import { homePaths } from './home/layout.ts';
import { loadKeyFile } from './keys/key-file.ts';
import { buildGenesisState } from './ledger/genesis.ts';
import { createLogger, type Logger } from './log.ts';
import { Mempool } from './mempool/mempool.ts';
import { SoloProducer } from './producer/solo-producer.ts';
import { nodeHandlers } from './rpc-handlers.ts';
import { openDatabase, SqliteBlockStore, type Database } from './storage/index.ts';
import { blockEventPayloads } from './block-events.ts';

export interface NodeOptions {
  readonly home: string;
  /** Overrides config.api.port (0 = any free port). */
  readonly apiPort?: number;
  readonly log?: Logger;
  /** Wall clock for block times and admission, ms since the epoch. */
  readonly now?: () => bigint;
}

/** Where a running node's API can be reached; written into the home so the CLI finds it. */
export interface Endpoint {
  readonly url: string;
  readonly wsUrl: string;
  readonly pid: number;
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
  private api: ApiServer | undefined;
  private validatorId: string | null = null;

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
    this.params = {
      chainId: this.genesis.chainId,
      maxTxLifetimeMs: this.genesis.params.maxTxLifetimeMs,
      genesisAppHash: genesisState.appHash,
      validatorsHash: validatorSetHash(this.genesis.chainId, this.genesis.validators),
    };
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
    if (this.config.role === 'validator') this.producer = this.createProducer(now);
  }

  static async start(opts: NodeOptions): Promise<CountersignNode> {
    const node = new CountersignNode(opts);
    try {
      await node.startServices(opts.apiPort);
    } catch (err) {
      await node.close();
      throw err;
    }
    return node;
  }

  get endpoint(): Endpoint | undefined {
    return this.api && { url: this.api.url, wsUrl: this.api.wsUrl, pid: process.pid };
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
      peers: [],
      validators: this.genesis.validators.map((v) => ({
        publicKey: bytesToHex(v.publicKey),
        name: v.name,
        power: Number(v.power),
        self: this.validatorId !== null && keyId(v.publicKey) === this.validatorId,
        connected: this.validatorId !== null && keyId(v.publicKey) === this.validatorId,
        height: this.validatorId !== null && keyId(v.publicKey) === this.validatorId ? (tip?.height ?? 0) : null,
        lastVote: null,
        missedVotes: 0,
      })),
      consensus: null,
      syncing: false,
      sync: { syncing: false, targetHeight: tip?.height ?? 0, applied: 0 },
      mempool: this.mempool.size,
      outbox: 0,
    };
  }

  /** Builds and commits a block now, if transactions are waiting (tests and tools; the producer does it on a timer). */
  produceBlock(): CommittedBlock | undefined {
    return this.producer?.produce();
  }

  async close(): Promise<void> {
    this.producer?.stop();
    await this.api?.close();
    this.api = undefined;
    rmSync(endpointFile(this.home), { force: true });
    await this.preparer.close();
    this.readDb.close();
    this.store.close();
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
    const { summary, proposals } = blockEventPayloads(block);
    this.log.info({ height: summary.height, txs: summary.txCount, hash: summary.hash }, 'block committed');
    this.events.emit('blocks', summary);
    for (const p of proposals) this.events.emit('proposals', p);
  }

  private async startServices(apiPort: number | undefined): Promise<void> {
    const router = createRouter(nodeHandlers(this), {
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
    });
    writeFileSync(endpointFile(this.home), JSON.stringify(this.endpoint) + '\n');
    this.producer?.start();
    this.log.info({ api: this.api.url, height: this.status().height, chain: this.genesis.chainId }, 'node started');
  }
}
