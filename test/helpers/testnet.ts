import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex } from '../../shared/crypto/index.ts';
import { createApiClient, type ApiClient } from '../../main/node/api/client.ts';
import { buildTx } from '../../main/node/client/build-tx.ts';
import { homePaths } from '../../main/node/home/layout.ts';
import { loadKeyFile, type DevSigner } from '../../main/node/keys/key-file.ts';
import { endpointFile, type Endpoint } from '../../main/node/node.ts';
import type { StatusJson } from '../../shared/api/index.ts';

const HEX_HASH = /^[0-9a-f]{64}$/;

const CLI = path.join(import.meta.dirname, '../../main/node/cli/countersign.ts');

/** A free-ish port range for one test network: tests run in parallel processes, so pick far apart at random. */
function portBase(): number {
  return 20_000 + Math.floor(Math.random() * 2_000) * 10;
}

export interface TestnetNode {
  readonly home: string;
  child: ChildProcess | undefined;
  paused: boolean;
}

/**
 * A real network for tests: `countersign testnet` homes in a temp dir, each node a child process running
 * `countersign start`, with fast consensus timeouts. Nodes can be started, killed (SIGKILL), paused (SIGSTOP) and
 * resumed; every node's API is reached with its own token.
 */
export class Testnet {
  readonly dir: string;
  readonly nodes: TestnetNode[];
  readonly chainId = 'countersign-testnet';
  private readonly clients = new Map<string, { pid: number; client: ApiClient }>();

  constructor(opts: { validators: number; observers: number; blockIntervalMs?: number }) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-testnet-'));
    const base = portBase();
    // Made by the CLI itself, as an operator would: `countersign testnet`.
    const made = spawnSync(
      process.execPath,
      [
        CLI,
        'testnet',
        '--out',
        this.dir,
        '--validators',
        String(opts.validators),
        '--observers',
        String(opts.observers),
        '--chain-id',
        this.chainId,
        '--api-port',
        '0',
        '--p2p-port',
        String(base),
        '--block-interval',
        String(opts.blockIntervalMs ?? 100),
        '--timeout-propose',
        '800',
        '--timeout-vote',
        '400',
        '--seed',
        'testnet',
      ],
      { encoding: 'utf8', env: { ...process.env, COUNTERSIGN_LOG: 'silent' } },
    );
    if (made.status !== 0) throw new Error(`countersign testnet failed: ${made.stderr}`);
    const homes = (JSON.parse(made.stdout) as { nodes: { home: string }[] }).nodes.map((n) => n.home);
    this.nodes = homes.map((home) => ({ home, child: undefined, paused: false }));
  }

  signer(label: string): DevSigner {
    return loadKeyFile(path.join(homePaths(this.nodes[0]!.home).signatoryKeys, `${label}.json`));
  }

  async start(i: number): Promise<void> {
    const node = this.nodes[i]!;
    rmSync(endpointFile(node.home), { force: true });
    const out = openSync(path.join(node.home, 'node.log'), 'a');
    node.child = spawn(process.execPath, [CLI, 'start', '--home', node.home], {
      stdio: ['ignore', out, out],
      env: { ...process.env, COUNTERSIGN_LOG: process.env['COUNTERSIGN_LOG'] ?? 'info' },
    });
    await this.until(() => existsSync(endpointFile(node.home)), 60_000, `node${i} to start`);
  }

  async startAll(): Promise<void> {
    await Promise.all(this.nodes.map((_, i) => this.start(i)));
  }

  /** SIGKILL: the process dies at whatever instant it is at. */
  async kill(i: number): Promise<void> {
    const child = this.nodes[i]!.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.nodes[i]!.child = undefined;
  }

  pause(i: number): void {
    this.nodes[i]!.child?.kill('SIGSTOP');
    this.nodes[i]!.paused = true;
  }

  resume(i: number): void {
    this.nodes[i]!.child?.kill('SIGCONT');
    this.nodes[i]!.paused = false;
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.nodes.map(async ({ child }) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGCONT');
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }),
    );
  }

  cleanup(): void {
    if (process.env['COUNTERSIGN_KEEP_TESTNET']) return; // keep homes and node.log files to investigate a failure
    rmSync(this.dir, { recursive: true, force: true });
  }

  client(i: number): ApiClient {
    const home = this.nodes[i]!.home;
    const endpoint = JSON.parse(readFileSync(endpointFile(home), 'utf8')) as Endpoint;
    const cached = this.clients.get(home);
    if (cached && cached.pid === endpoint.pid) return cached.client;
    const token = readFileSync(path.join(home, 'api-token'), 'utf8').trim();
    const client = createApiClient({ url: endpoint.url, token, timeoutMs: 5_000 });
    this.clients.set(home, { pid: endpoint.pid, client });
    return client;
  }

  async status(i: number): Promise<StatusJson> {
    return (await this.client(i).call('node.status', {})) as StatusJson;
  }

  async height(i: number): Promise<number> {
    return (await this.status(i)).height;
  }

  /**
   * Block hash and app hash at a height, as `countersign block H` reports them. `block.get` carries the app hash in
   * the block's header; both are checked to be real hashes, so comparing two nodes can never compare absent fields.
   */
  async blockAt(i: number, height: number): Promise<{ hash: string; appHash: string }> {
    const b = (await this.client(i).call('block.get', { height })) as {
      hash?: unknown;
      header?: { appHash?: unknown };
    };
    const hash = b.hash;
    const appHash = b.header?.appHash;
    if (typeof hash !== 'string' || !HEX_HASH.test(hash) || typeof appHash !== 'string' || !HEX_HASH.test(appHash)) {
      throw new Error(`node${i}: block ${height} has no hash or app hash in its block.get answer`);
    }
    return { hash, appHash };
  }

  async until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        if (await check()) return;
      } catch {
        // not ready yet (node starting, API not up)
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the nodes:\n${await this.snapshot()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * One line per node — height, consensus round and step, sync, outbox, connected peers — for a timeout's message, so
   * that a failure in CI (where the homes and their node.log files are removed) says where the network stood.
   */
  async snapshot(): Promise<string> {
    const lines = await Promise.all(
      this.nodes.map(async (node, i) => {
        if (!node.child) return `node${i}: not running`;
        if (node.paused) return `node${i}: paused`;
        try {
          const s = await this.status(i);
          const peers = s.peers.filter((p) => p.connected).map((p) => `${p.name}@${p.height ?? '?'}`);
          const consensus = s.consensus ? `round ${s.consensus.round} ${s.consensus.step}` : 'no consensus';
          return (
            `node${i}: height ${s.height}, ${consensus}, sync ${JSON.stringify(s.sync)}, outbox ${s.outbox}, ` +
            `peers [${peers.join(' ')}]`
          );
        } catch (err) {
          return `node${i}: status failed: ${(err as Error).message}`;
        }
      }),
    );
    return lines.join('\n');
  }

  async waitForHeight(i: number, height: number, timeoutMs = 30_000): Promise<void> {
    await this.until(async () => (await this.height(i)) >= height, timeoutMs, `node${i} to reach height ${height}`);
  }

  /** A signed transfer of 0.01 CNY from Jinhua's treasury (its 2-of-3 policy: two treasury signatures). */
  async transferTx(): Promise<Uint8Array> {
    const signers = [this.signer('jhcb-treasury-1'), this.signer('jhcb-treasury-2')];
    const now = BigInt(Date.now());
    const op = {
      type: 'transfer' as const,
      from: 'jhcb.treasury' as never,
      to: 'hbsec.treasury' as never,
      asset: 'CNY' as never,
      amount: 1n,
    };
    return (await buildTx(this.chainId, [op], signers, { now })).encoded;
  }

  /** Submits signed transfers to the running validators, round-robin, every `everyMs`, until stopped. */
  steadyLoad(everyMs = 100): { stop: () => Promise<number> } {
    let submitted = 0;
    let running = true;
    const loop = (async () => {
      let k = 0;
      while (running) {
        const live = this.nodes.map((n, i) => (n.child && !n.paused ? i : -1)).filter((i) => i >= 0);
        const target = live[k++ % Math.max(1, live.length)];
        if (target !== undefined) {
          try {
            await this.client(target).call('tx.submit', { tx: bytesToHex(await this.transferTx()) });
            submitted++;
          } catch {
            // a paused or killed node: the next one takes the next transfer
          }
        }
        await new Promise((r) => setTimeout(r, everyMs));
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        return submitted;
      },
    };
  }
}
