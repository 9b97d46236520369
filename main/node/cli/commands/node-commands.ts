import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { bytesToHex } from '../../../../shared/crypto/index.ts';
import { createDemoNetwork } from '../../devnet/create-network.ts';
import { seedDemoActivity } from '../../devnet/seed.ts';
import { initNetwork } from '../../devnet/init-network.ts';
import { readConfig, readGenesis, resolveHome } from '../../home/config.ts';
import { homePaths } from '../../home/layout.ts';
import { runNodeUntilSignal } from '../run-node.ts';
import { followSync } from '../sync-progress.ts';
import { runMultiNodeDevnet } from './network-commands.ts';
import { CliError } from '../context.ts';
import { toJson } from '../json.ts';
import { SqliteBlockStore } from '../../storage/index.ts';
import { apiClientFor } from '../context.ts';
import { consoleBuilt } from '../../api/console.ts';

const int = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new CliError('BAD_ARGUMENT', `${name} must be a whole number, got "${value}"`);
  return n;
};

interface HostPort {
  host: string;
  port: number;
}

/** "127.0.0.1:9464", "[::1]:9464" or ":9464" (loopback). */
const hostPort =
  (name: string) =>
  (value: string): HostPort => {
    const m = /^(?:\[([0-9a-fA-F:]+)\]|([^:\s]*)):([0-9]{1,5})$/.exec(value);
    const port = m ? Number(m[3]) : NaN;
    if (!m || port > 65535) {
      throw new CliError('BAD_ARGUMENT', `${name} must be HOST:PORT (e.g. 127.0.0.1:9464), got "${value}"`);
    }
    return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
  };

export function registerNodeCommands(program: Command): void {
  program
    .command('init')
    .description('create a node home for a new single-validator network (one member, one admin signatory)')
    .requiredOption('--home <dir>', 'directory to create the node home in')
    .option('--chain-id <id>', 'chain id', 'countersign-local')
    .option('--member-name <name>', 'the founding member institution', 'Founding Member')
    .option('--member-lei <lei>', 'its LEI (ISO 17442)')
    .option('--api-port <port>', 'local API port', int('--api-port'), 26657)
    .action((opts: { home: string; chainId: string; memberName: string; memberLei?: string; apiPort: number }) => {
      if (existsSync(homePaths(opts.home).config))
        throw new CliError('HOME_EXISTS', `${opts.home} is already a node home`);
      const result = initNetwork(opts.home, {
        chainId: opts.chainId,
        memberName: opts.memberName,
        ...(opts.memberLei !== undefined && { memberLei: opts.memberLei }),
        apiPort: opts.apiPort,
        genesisTime: BigInt(Date.now()),
      });
      console.log(toJson(result));
    });

  program
    .command('start')
    .description('run a node in the foreground (Ctrl-C stops it)')
    .requiredOption('--home <dir>', 'node home')
    .option('--api-port <port>', 'override the API port from config.json (0 = any free port)', int('--api-port'))
    .option('--console', 'also serve the browser console on the API port (open consoleUrl with #token=<api-token>)')
    .option(
      '--metrics-addr <host:port>',
      'serve Prometheus /metrics, /healthz and /readyz there (e.g. 127.0.0.1:9464; overrides config.json metrics)',
      hostPort('--metrics-addr'),
    )
    .action(async (opts: { home: string; apiPort?: number; console?: boolean; metricsAddr?: HostPort }) => {
      const home = resolveHome(opts.home);
      if (opts.console && !consoleBuilt()) {
        throw new CliError('CONSOLE_NOT_BUILT', 'the console is not built: run "npm run build:renderer" first');
      }
      const nodeOpts = {
        home,
        ...(opts.apiPort !== undefined && { apiPort: opts.apiPort }),
        ...(opts.console && { console: {} }),
        ...(opts.metricsAddr && { metrics: opts.metricsAddr }),
      };
      await runNodeUntilSignal(nodeOpts, (node) => {
        const metrics = node.metricsUrl;
        console.log(
          toJson({ started: true, home, api: node.endpoint?.url, ...(metrics && { metrics }), ...node.status() }),
        );
      });
    });

  program
    .command('devnet')
    .description('run a local development network with demo data (created on first run, resumed after)')
    .requiredOption('--home <dir>', 'network directory; node homes are DIR/node0, DIR/node1, ...')
    .option('--validators <n>', 'number of validators', int('--validators'), 1)
    .option('--api-port <port>', 'API port of node0', int('--api-port'), 26657)
    .option('--block-interval <ms>', 'block interval in milliseconds', int('--block-interval'), 500)
    .option('--seed <text>', 'derive every key from this text (reproducible devnets)')
    .option('--no-console', 'do not serve the browser console (served by default when it has been built)')
    .action(
      async (opts: {
        home: string;
        validators: number;
        apiPort: number;
        blockInterval: number;
        seed?: string;
        console: boolean;
      }) => {
        if (opts.validators > 1) {
          return runMultiNodeDevnet(opts.home, {
            validators: opts.validators,
            observers: 0,
            chainId: 'countersign-devnet',
            apiPort: opts.apiPort,
            p2pPort: 26700,
            blockInterval: opts.blockInterval,
            timeoutPropose: 3000,
            timeoutVote: 1000,
            ...(opts.seed !== undefined && { seed: opts.seed }),
          });
        }
        const home = `${opts.home}/node0`;
        const fresh = !existsSync(homePaths(home).config);
        if (fresh) {
          createDemoNetwork(opts.home, {
            chainId: 'countersign-devnet',
            genesisTime: BigInt(Date.now()),
            apiPort: opts.apiPort,
            blockIntervalMs: opts.blockInterval,
            ...(opts.seed !== undefined && { seed: opts.seed }),
          });
        }
        const withConsole = opts.console && consoleBuilt();
        await runNodeUntilSignal({ home, ...(withConsole && { console: {} }) }, async (node) => {
          if (fresh) await seedDemoActivity(node);
          const s = node.status();
          // A devnet holds demo keys only, so its console link carries the token (in the fragment: never sent).
          const consoleLine = s.consoleUrl
            ? `  Console    ${s.consoleUrl}#token=${readFileSync(path.join(home, 'api-token'), 'utf8').trim()}`
            : `  Console    not served${opts.console ? ' (build it with "npm run build:renderer")' : ''}`;
          console.log(
            [
              `Countersign devnet "${s.chainId}" ${fresh ? 'created' : 'resumed'} at height ${s.height}.`,
              `  node home  ${home}`,
              `  API        ${node.endpoint?.url} (token in ${home}/api-token)`,
              consoleLine,
              `  signers    ${homePaths(home).signatoryKeys}`,
              `Try, in another terminal:`,
              `  countersign balance jhcb.treasury --home ${opts.home}`,
              `  countersign propose transfer --home ${opts.home} --from jhcb.treasury --to hbsec.treasury --asset CNY --amount 1250.00 --signer jhcb-treasury-1`,
              `Ctrl-C stops the network; run the same command again to resume it.`,
            ].join('\n'),
          );
        });
      },
    );

  program
    .command('status')
    .description('print the node status as JSON (from the running node, or from its data when stopped)')
    .requiredOption('--home <dir>', 'node home or network directory')
    .option('--wait-sync', 'show a progress bar until the node has caught up with its peers, then print the status')
    .option('--timeout <ms>', 'with --wait-sync: give up after this long', int('--timeout'), 600_000)
    .action(async (opts: { home: string; waitSync?: boolean; timeout: number }) => {
      const home = resolveHome(opts.home);
      try {
        const { client } = apiClientFor(home);
        if (opts.waitSync) await followSync(client, { timeoutMs: opts.timeout });
        console.log(toJson({ running: true, ...((await client.call('node.status', {})) as object) }));
      } catch (err) {
        if (!(err instanceof CliError) || err.code !== 'NODE_NOT_RUNNING') throw err;
        console.log(toJson({ running: false, ...offlineStatus(home) }));
      }
    });
}

/** Status read straight from the data directory of a stopped node. */
function offlineStatus(home: string) {
  const genesis = readGenesis(home);
  const config = readConfig(home);
  const file = homePaths(home).database;
  if (!existsSync(file))
    return { chainId: genesis.chainId, height: 0, lastBlockHash: null, appHash: null, role: config.role, peers: [] };
  const store = SqliteBlockStore.open(file);
  try {
    const tip = store.tip();
    const appHash = tip?.appHash ?? store.genesis()?.appHash;
    return {
      chainId: genesis.chainId,
      height: tip?.height ?? 0,
      lastBlockHash: tip ? bytesToHex(tip.hash) : null,
      appHash: appHash ? bytesToHex(appHash) : null,
      role: config.role,
      peers: [],
    };
  } finally {
    store.close();
  }
}
