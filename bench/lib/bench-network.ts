import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createApiClient, type ApiClient } from '../../main/node/api/client.ts';
import { readConfig, readGenesis, writeConfig } from '../../main/node/home/config.ts';
import type { StatusJson } from '../../shared/api/index.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'main', 'node', 'cli', 'countersign.ts');

/** Whether 127.0.0.1:port can be listened on right now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port with `count` consecutive free ports after it (testnet gives node i the p2p port base + i). */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 30_000 + Math.floor(Math.random() * 3_000) * 10;
    const free = await Promise.all(Array.from({ length: count }, (_, i) => portFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found on 127.0.0.1`);
}

export interface NetworkOptions {
  readonly validators: number;
  readonly observers?: number;
  readonly blockIntervalMs: number;
  readonly timeoutProposeMs: number;
  readonly timeoutVoteMs: number;
  readonly chainId?: string;
}

interface Endpoint {
  url: string;
  wsUrl: string;
  pid: number;
}

/**
 * A network made by `countersign testnet` (127.0.0.1, free p2p ports, API on any free port) whose nodes run as
 * separate processes (`countersign start --home DIR/nodeI`), optionally under `node --cpu-prof`.
 */
export class BenchNetwork {
  readonly dir: string;
  readonly homes: string[];
  readonly chainId: string;
  private readonly children: (ChildProcess | undefined)[];

  private constructor(dir: string, homes: string[], chainId: string) {
    this.dir = dir;
    this.homes = homes;
    this.chainId = chainId;
    this.children = homes.map(() => undefined);
  }

  /** Runs `countersign testnet` into `dir` (which must not hold a network yet). */
  static async create(dir: string, opts: NetworkOptions): Promise<BenchNetwork> {
    const count = opts.validators + (opts.observers ?? 0);
    const chainId = opts.chainId ?? 'countersign-bench';
    const base = await freePortRange(count);
    mkdirSync(dir, { recursive: true });
    execFileSync(
      process.execPath,
      [
        CLI,
        'testnet',
        ...['--out', dir, '--validators', String(opts.validators), '--observers', String(opts.observers ?? 0)],
        ...['--chain-id', chainId, '--api-port', '0', '--p2p-port', String(base)],
        ...['--block-interval', String(opts.blockIntervalMs), '--seed', 'countersign-bench'],
        ...['--timeout-propose', String(opts.timeoutProposeMs), '--timeout-vote', String(opts.timeoutVoteMs)],
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return new BenchNetwork(
      dir,
      Array.from({ length: count }, (_, i) => path.join(dir, `node${i}`)),
      chainId,
    );
  }

  /**
   * A network made earlier by create() (a copy of one kept aside), with fresh free p2p ports written into every
   * home's config: its old ports may be taken now.
   */
  static async reuse(dir: string): Promise<BenchNetwork> {
    const homes = readdirSync(dir)
      .filter((d) => /^node\d+$/.test(d))
      .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)))
      .map((d) => path.join(dir, d));
    const base = await freePortRange(homes.length);
    const port = (addr: string) => Number(/\/tcp\/(\d+)/.exec(addr)![1]);
    const oldBase = Math.min(...homes.map((h) => port(readConfig(h).p2p!.listen[0]!)));
    const moved = (addr: string) => addr.replace(/\/tcp\/(\d+)/, `/tcp/${base + port(addr) - oldBase}`);
    for (const home of homes) {
      const config = readConfig(home);
      const p2p = config.p2p!;
      writeConfig(home, { ...config, p2p: { listen: p2p.listen.map(moved), bootstrap: p2p.bootstrap.map(moved) } });
    }
    return new BenchNetwork(dir, homes, readGenesis(homes[0]!).chainId);
  }

  /** Starts node i as a process; with `profileDir`, under `node --cpu-prof` writing there when it stops. */
  async start(i: number, opts: { profileDir?: string } = {}): Promise<void> {
    const home = this.homes[i]!;
    const endpoint = path.join(home, 'data', 'endpoint.json');
    rmSync(endpoint, { force: true });
    const log = openSync(path.join(home, 'node.log'), 'a');
    const profile = opts.profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.join(opts.profileDir, `node${i}`)] : [];
    const child = spawn(process.execPath, [...profile, CLI, 'start', '--home', home], {
      stdio: ['ignore', log, log],
      env: { ...process.env, COUNTERSIGN_LOG: process.env['COUNTERSIGN_LOG'] ?? 'info' },
    });
    this.children[i] = child;
    const deadline = Date.now() + 60_000;
    while (!existsSync(endpoint)) {
      if (child.exitCode !== null) throw new Error(`node${i} exited with code ${child.exitCode}; see ${home}/node.log`);
      if (Date.now() > deadline) throw new Error(`node${i} did not start within 60 s; see ${home}/node.log`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  pid(i: number): number {
    const pid = this.children[i]?.pid;
    if (pid === undefined) throw new Error(`node${i} is not running`);
    return pid;
  }

  endpoint(i: number): Endpoint {
    return JSON.parse(readFileSync(path.join(this.homes[i]!, 'data', 'endpoint.json'), 'utf8')) as Endpoint;
  }

  token(i: number): string {
    return readFileSync(path.join(this.homes[i]!, 'api-token'), 'utf8').trim();
  }

  client(i: number, timeoutMs = 30_000): ApiClient {
    return createApiClient({ url: this.endpoint(i).url, token: this.token(i), timeoutMs });
  }

  async status(i: number): Promise<StatusJson> {
    return (await this.client(i).call('node.status', {})) as StatusJson;
  }

  /** Waits until every running node reports at least `height`. */
  async waitForHeight(height: number, timeoutMs = 60_000, nodes = this.running()): Promise<void> {
    await waitUntil(
      async () => (await Promise.all(nodes.map((i) => this.status(i)))).every((s) => s.height >= height),
      timeoutMs,
      `every node to reach height ${height}`,
    );
  }

  /** Waits until no running node holds a pending transaction. */
  async waitForEmptyMempools(timeoutMs = 120_000): Promise<void> {
    await waitUntil(
      async () => (await Promise.all(this.running().map((i) => this.status(i)))).every((s) => s.mempool === 0),
      timeoutMs,
      'the mempools to empty',
    );
  }

  running(): number[] {
    return this.children.flatMap((c, i) => (c !== undefined && c.exitCode === null ? [i] : []));
  }

  /** SIGTERM (a clean close, which also writes a CPU profile), SIGKILL after 20 s. */
  async stop(i: number): Promise<void> {
    const child = this.children[i];
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
    this.children[i] = undefined;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.homes.map((_, i) => this.stop(i)));
  }

  /** Removes the homes, unless `keep` (to read node.log files after a failure). */
  cleanup(keep = false): void {
    if (!keep) rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
