import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONSOLE_PATH, createConsoleHandler, type ConsoleOptions } from './console.ts';
import { createHttpHandler } from './http.ts';
import { consoleLog, type ApiLog, type SubscriptionSource } from './interface.ts';
import type { ApiRouter } from './router.ts';
import { attachWebSocket, WS_PATH } from './websocket.ts';

/**
 * The node's local API server: JSON-RPC over HTTP (`POST /`) and WebSocket (`/ws`) on one port, loopback by
 * default, every call authenticated with the bearer token from token.ts. No CORS headers: only local programs and a
 * console served from this same origin are meant to call it.
 */

export interface ApiServerOptions {
  /** Defaults to 127.0.0.1: the API moves money, it is not for the network. */
  host?: string;
  /** 0 picks a free port; read it back from the result. */
  port: number;
  token: string;
  router: ApiRouter;
  /** Largest HTTP body and WebSocket message accepted; default 256 KiB (a 64 KiB transaction as hex fits). */
  maxBodyBytes?: number;
  /** The node's events, for WebSocket subscriptions; without it `subscribe` is refused. */
  events?: SubscriptionSource;
  log?: ApiLog;
  /** Also serve the browser console under /console/ (refused at start when it has not been built). */
  console?: ConsoleOptions;
}

export interface ApiServer {
  /** `http://host:port/`: POST JSON-RPC here. */
  url: string;
  /** `ws://host:port/ws`. */
  wsUrl: string;
  port: number;
  /** `http://host:port/console/` when the console is served; open it with `#token=<api token>`. */
  consoleUrl?: string;
  /** Closes every connection (WebSockets get 1001) and stops listening. Safe to call twice. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  if (opts.token.length < 16) throw new Error('api server: refusing to start with an empty or short API token');
  const host = opts.host ?? '127.0.0.1';
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = opts.log ?? consoleLog;
  const token = Buffer.from(opts.token, 'utf8');

  const server = createServer(
    // A loopback client has no reason to be slow; these bound what a stuck or hostile one can hold open.
    { requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000, maxHeaderSize: 16 * 1024 },
    createHttpHandler({
      router: opts.router,
      token,
      maxBodyBytes,
      log,
      console: opts.console && createConsoleHandler(opts.console),
    }),
  );
  const ws = attachWebSocket(server, {
    router: opts.router,
    token,
    maxPayload: maxBodyBytes,
    events: opts.events,
    log,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log.error('api: server error', err));

  const { port } = server.address() as AddressInfo;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${authority}/`,
    wsUrl: `ws://${authority}${WS_PATH}`,
    port,
    ...(opts.console && { consoleUrl: `http://${authority}${CONSOLE_PATH}` }),
    close() {
      closing ??= (async () => {
        await ws.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections(); // keep-alive sockets would otherwise hold close() for seconds
        });
      })();
      return closing;
    },
  };
}
