import { EventEmitter } from 'node:events';
import { createRouter, type ApiHandlers } from '../../../main/node/api/router.ts';
import { invalidParams, notFound } from '../../../main/node/api/errors.ts';
import type { ApiLog, SubscriptionSource, SubscriptionTopic } from '../../../main/node/api/interface.ts';
import { startApiServer, type ApiServer } from '../../../main/node/api/server.ts';

/** A real API server on an ephemeral loopback port, with small handlers that exercise each error path. */

export const TOKEN = 'a'.repeat(64);
export const SECRET = 'secret detail that must stay in the log';

export const handlers: ApiHandlers = {
  'node.status': () => ({ chainId: 'test-chain', height: 7, syncing: false }),
  'tx.submit': () => {
    throw Object.assign(new Error('2 bytes after the end of the transaction'), { code: 'ENCODING_TRAILING_BYTES' });
  },
  'block.get': (params) => {
    throw notFound('height' in params ? `block ${params.height}` : `block ${params.hash}`);
  },
  'account.history': (params) => params,
  'account.balances': () => ({ amount: 12345678901234567890n, raw: new Uint8Array([0, 1, 0xab, 0xff]) }),
  'asset.list': () => Buffer.from([0xde, 0xad]),
  'bill.list': () => {
    throw new TypeError(SECRET);
  },
  'bill.get': () => {
    throw invalidParams('serial', 'no bill series has this prefix');
  },
  'member.list': () => {
    throw Object.assign(new Error(`ENOENT: ${SECRET}`), { code: 'ENOENT', errno: -2, syscall: 'open' });
  },
};

export interface Fixture {
  server: ApiServer;
  events: EventEmitter;
  logged: { level: string; message: string; detail: unknown }[];
  close(): Promise<void>;
}

export async function startFixture(opts: { maxBodyBytes?: number } = {}): Promise<Fixture> {
  const logged: Fixture['logged'] = [];
  const log: ApiLog = {
    warn: (message, detail) => logged.push({ level: 'warn', message, detail }),
    error: (message, detail) => logged.push({ level: 'error', message, detail }),
  };
  const events = new EventEmitter();
  const source: SubscriptionSource = {
    on(topic: SubscriptionTopic, listener: (payload: unknown) => void) {
      events.on(topic, listener);
      return () => events.off(topic, listener);
    },
  };
  const server = await startApiServer({
    port: 0,
    token: TOKEN,
    router: createRouter(handlers, { log }),
    events: source,
    log,
    ...(opts.maxBodyBytes === undefined ? {} : { maxBodyBytes: opts.maxBodyBytes }),
  });
  return { server, events, logged, close: () => server.close() };
}

/** POSTs a raw body; returns the status and the parsed body (undefined when empty). */
export async function post(
  server: ApiServer,
  body: string,
  headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` },
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: res.headers };
}

/** One JSON-RPC request with the right token; returns the response object. */
export async function rpc(server: ApiServer, method: string, params?: unknown, id: unknown = 1): Promise<RpcReply> {
  const request = { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) };
  return (await post(server, JSON.stringify(request))).body as RpcReply;
}

export interface RpcReply {
  jsonrpc: '2.0';
  id: string | number | null;
  result?: unknown;
  error?: { code: number; message: string; data: { code: string; field?: string; message?: string } };
}
