import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { bytesToHex } from '../../../../shared/crypto/index.ts';
import { createApiClient } from '../../api/client.ts';
import { createDemoNetwork } from '../../devnet/create-network.ts';
import { demoBillTx } from '../../devnet/seed.ts';
import { superviseNodes } from '../../devnet/supervisor.ts';
import { readGenesis } from '../../home/config.ts';
import { homePaths } from '../../home/layout.ts';
import { endpointFile, type Endpoint } from '../../node.ts';
import { CliError } from '../context.ts';
import { toJson } from '../json.ts';

const int =
  (name: string, min = 0) =>
  (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) {
      throw new CliError('BAD_ARGUMENT', `${name} must be a whole number of at least ${min}, got "${value}"`);
    }
    return n;
  };

export interface TestnetOptions {
  validators: number;
  observers: number;
  apiPort: number;
  p2pPort: number;
  blockInterval: number;
  timeoutPropose: number;
  timeoutVote: number;
  seed?: string;
  chainId: string;
}

/** Creates the homes of a network of several nodes with the demo consortium: genesis, keys, peer addresses. */
export function createTestnet(dir: string, opts: TestnetOptions): string[] {
  if (existsSync(homePaths(`${dir}/node0`).config)) {
    throw new CliError('HOME_EXISTS', `${dir} already holds a network (${dir}/node0); choose another directory`);
  }
  createDemoNetwork(dir, {
    chainId: opts.chainId,
    genesisTime: BigInt(Date.now()),
    apiPort: opts.apiPort,
    p2pPort: opts.p2pPort,
    blockIntervalMs: opts.blockInterval,
    validators: opts.validators,
    observers: opts.observers,
    consensus: { proposeMs: opts.timeoutPropose, voteMs: opts.timeoutVote, deltaMs: Math.ceil(opts.timeoutVote / 2) },
    ...(opts.seed !== undefined && { seed: opts.seed }),
  });
  return Array.from({ length: opts.validators + opts.observers }, (_, i) => `${dir}/node${i}`);
}

function addNetworkOptions(cmd: Command, defaults: { validators: number; blockInterval: number }): Command {
  return cmd
    .option('--validators <n>', 'number of validators', int('--validators', 1), defaults.validators)
    .option('--observers <n>', 'number of observer nodes (validate everything, do not vote)', int('--observers'), 0)
    .option('--chain-id <id>', 'chain id', 'countersign-testnet')
    .option(
      '--api-port <port>',
      'API port of node0; node i uses port + i (0 = any free port)',
      int('--api-port'),
      26657,
    )
    .option('--p2p-port <port>', 'p2p port of node0; node i uses port + i', int('--p2p-port'), 26700)
    .option('--block-interval <ms>', 'pause between blocks', int('--block-interval', 10), defaults.blockInterval)
    .option(
      '--timeout-propose <ms>',
      'consensus: wait for a proposal (grows each round)',
      int('--timeout-propose', 10),
      3000,
    )
    .option('--timeout-vote <ms>', 'consensus: wait for votes (grows each round)', int('--timeout-vote', 10), 1000)
    .option('--seed <text>', 'derive every key from this text (reproducible networks)');
}

export function registerNetworkCommands(program: Command): void {
  addNetworkOptions(
    program
      .command('testnet')
      .description('create the homes of a local network: genesis, keys and peer addresses for each node')
      .requiredOption('--out <dir>', 'directory for the node homes (DIR/node0, DIR/node1, ...)'),
    { validators: 4, blockInterval: 1000 },
  ).action((opts: TestnetOptions & { out: string }) => {
    const homes = createTestnet(opts.out, opts);
    const genesis = readGenesis(homes[0]!);
    console.log(
      toJson({
        chainId: genesis.chainId,
        nodes: homes.map((home, i) => ({
          home,
          role: i < opts.validators ? 'validator' : 'observer',
          api: opts.apiPort === 0 ? 'a free port, see HOME/data/endpoint.json' : `http://127.0.0.1:${opts.apiPort + i}`,
          p2p: `/ip4/127.0.0.1/tcp/${opts.p2pPort + i}`,
        })),
        start: homes.map((home) => `countersign start --home ${home}`),
      }),
    );
  });
}

/**
 * `devnet --validators N` with N > 1: the network's nodes as child processes (logs in DIR/nodeI/node.log), the demo
 * activity submitted through node0's API on first start; Ctrl-C stops every node.
 */
export async function runMultiNodeDevnet(dir: string, opts: TestnetOptions): Promise<void> {
  const fresh = !existsSync(homePaths(`${dir}/node0`).config);
  const homes = fresh
    ? createTestnet(dir, opts)
    : Array.from({ length: opts.validators + opts.observers }, (_, i) => `${dir}/node${i}`).filter((h) =>
        existsSync(homePaths(h).config),
      );
  let stopping = false;
  const { stop } = superviseNodes(homes, (home, code, signal) => {
    if (!stopping)
      console.error(`countersign: the node in ${home} exited (${signal ?? `code ${code}`}); see its node.log`);
  });
  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    await stop();
  };
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => void stopAll().then(resolve));
    process.once('SIGTERM', () => void stopAll().then(resolve));
  });
  const endpoint = await waitForEndpoint(homes[0]!, 30_000);
  const genesis = readGenesis(homes[0]!);
  if (fresh) {
    const token = readFileSync(path.join(homes[0]!, 'api-token'), 'utf8').trim();
    const client = createApiClient({ url: endpoint.url, token });
    const tx = await demoBillTx(homes[0]!, genesis.chainId);
    await client.call('tx.submit', { tx: bytesToHex(tx) });
  }
  console.log(
    [
      `Countersign devnet "${genesis.chainId}" ${fresh ? 'created' : 'resumed'}: ${homes.length} nodes.`,
      ...homes.map((h, i) => `  node${i}  ${h}  (log ${h}/node.log)`),
      `  API of node0  ${endpoint.url} (token in ${homes[0]}/api-token)`,
      `Try: countersign status --home ${homes[0]}`,
      `Ctrl-C stops every node; run the same command again to resume the network.`,
    ].join('\n'),
  );
  await stopped;
}

async function waitForEndpoint(home: string, timeoutMs: number): Promise<Endpoint> {
  const file = endpointFile(home);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as Endpoint;
      } catch {
        // being written; try again
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new CliError(
    'NODE_NOT_STARTED',
    `the node in ${home} did not start within ${timeoutMs} ms; see ${home}/node.log`,
  );
}
