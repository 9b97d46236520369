import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createApiClient, type ApiClient } from '../../../main/node/api/index.ts';
import { createLogger } from '../../../main/node/log.ts';
import { CountersignNode } from '../../../main/node/node.ts';
import { makeDemoNetwork } from '../../helpers/devnet.ts';

/** A real demo devnet node serving the console on a free loopback port, and an API client beside the browser. */
export interface ConsoleDevnet {
  net: ReturnType<typeof makeDemoNetwork>;
  node: CountersignNode;
  /** The console's address with the token in the fragment, as `devnet` prints it. */
  url: string;
  token: string;
  api: ApiClient;
  /** When start() resolved: the node is serving. */
  readyAt: number;
  close(): Promise<void>;
}

export async function startConsoleDevnet(opts: { blockIntervalMs?: number } = {}): Promise<ConsoleDevnet> {
  process.env['COUNTERSIGN_LOG'] ??= 'silent';
  const net = makeDemoNetwork({ blockIntervalMs: opts.blockIntervalMs ?? 50 });
  const node = await CountersignNode.start({ home: net.home, apiPort: 0, log: createLogger('e2e'), console: {} });
  const readyAt = Date.now();
  const token = readFileSync(path.join(net.home, 'api-token'), 'utf8').trim();
  const consoleUrl = node.status().consoleUrl;
  if (!consoleUrl) throw new Error('the node does not report a consoleUrl');
  return {
    net,
    node,
    url: `${consoleUrl}#token=${token}`,
    token,
    api: createApiClient({ url: node.endpoint!.url, token, timeoutMs: 60_000 }),
    readyAt,
    async close() {
      await node.close();
      net.cleanup();
    },
  };
}
