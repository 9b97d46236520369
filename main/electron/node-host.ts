import { existsSync } from 'node:fs';
import path from 'node:path';
import { RpcErrorCode, type SubscriptionTopicName } from '../../shared/api/index.ts';
import { loadOrCreateToken, toJsonValue } from '../node/api/index.ts';
import { createDemoNetwork } from '../node/devnet/create-network.ts';
import { seedDemoActivity } from '../node/devnet/seed.ts';
import { resolveHome } from '../node/home/config.ts';
import { homePaths } from '../node/home/layout.ts';
import { CountersignNode } from '../node/node.ts';
import type { FromHost, HostArgs } from './host-protocol.ts';

/**
 * The node host: what runs in the Electron utility process (or, for tests, a plain Node child process). It starts
 * CountersignNode — SQLite, signature-verification workers, block production, the loopback JSON-RPC API — and serves
 * the main process's calls through the node's own JSON-RPC endpoint, so the app sees exactly the methods, checks and
 * errors the CLI and the browser console see. The node's events go to the main process as they happen.
 */

export interface HostPort {
  post(message: FromHost): void;
  onMessage(listener: (message: unknown) => void): void;
}

const TOPICS: readonly SubscriptionTopicName[] = ['blocks', 'proposals'];

export async function runNodeHost(port: HostPort, args: HostArgs, exit: (code: number) => void): Promise<void> {
  let node: CountersignNode | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await node?.close();
    } finally {
      exit(code);
    }
  };

  // Listen first: a stop asked for during start-up must not be lost.
  port.onMessage((raw) => {
    const message = raw as { type?: unknown; id?: unknown; method?: unknown; params?: unknown };
    if (message?.type === 'stop') void stop(0);
    else if (message?.type === 'call' && typeof message.id === 'number' && typeof message.method === 'string') {
      const id = message.id;
      void forward(message.method, message.params).then((response) => port.post({ type: 'result', id, response }));
    }
  });

  let url: string | undefined;
  let token: string | undefined;
  const forward = async (method: string, params: unknown) => {
    if (url === undefined || token === undefined) return rpcFailure('NODE_STARTING', 'the node is still starting');
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      });
      const body = (await res.json()) as {
        result?: unknown;
        error?: { code: number; message: string; data?: unknown };
      };
      return body.error !== undefined ? { error: body.error } : { result: body.result ?? null };
    } catch (err) {
      return rpcFailure('NODE_UNREACHABLE', `${method}: the node's API did not answer (${(err as Error).message})`);
    }
  };

  try {
    const { home, created } = openHome(args);
    node = await CountersignNode.start({ home, apiPort: 0 });
    if (created) await seedDemoActivity(node);
    for (const topic of TOPICS) {
      // Listeners run inside the node's commit path: a failure to forward must never reach the node.
      node.events.on(topic, (payload) => {
        try {
          port.post({ type: 'event', topic, payload: toJsonValue(payload) });
        } catch (err) {
          node?.log.warn({ err, topic }, 'could not forward an event to the app');
        }
      });
    }
    token = loadOrCreateToken(home);
    url = node.endpoint?.url;
    const status = node.status();
    port.post({
      type: 'ready',
      home,
      chainId: status.chainId,
      height: status.height,
      apiUrl: url ?? null,
      created,
    });
  } catch (err) {
    const code =
      typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'HOST_START_FAILED';
    port.post({ type: 'fatal', code, message: (err as Error).message });
    await stop(1);
  }
}

/** The node home to run: an existing one, or a devnet created with demo data on its first start. */
function openHome(args: HostArgs): { home: string; created: boolean } {
  if (args.home !== undefined) return { home: resolveHome(path.resolve(args.home)), created: false };
  const dir = path.resolve(args.devnet ?? '');
  const home = path.join(dir, 'node0');
  if (existsSync(homePaths(home).config)) return { home, created: false };
  createDemoNetwork(dir, {
    chainId: 'countersign-devnet',
    genesisTime: BigInt(Date.now()),
    apiPort: 0,
    blockIntervalMs: 500,
  });
  return { home, created: true };
}

function rpcFailure(code: string, message: string) {
  return { error: { code: RpcErrorCode.INTERNAL_ERROR, message, data: { code } } };
}
