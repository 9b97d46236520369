import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { RpcErrorCode } from '../../../shared/api/index.ts';
import { bearerToken, tokenMatches } from './auth.ts';
import type { ApiLog, Session, SubscriptionSource } from './interface.ts';
import { stringifyJson } from './json.ts';
import { errorResponse, unauthorized, type SubscriptionNotification } from './jsonrpc.ts';
import type { ApiRouter } from './router.ts';
import { createSubscriptions } from './subscriptions.ts';

/**
 * WebSocket transport on `/ws`: JSON-RPC requests in text frames, answers and subscription pushes back. Each
 * connection is on its own: its errors are caught, its subscriptions die with it, and a client that stops reading
 * or floods requests is disconnected rather than allowed to grow the server's memory.
 */

export const WS_PATH = '/ws';
/** The subprotocol a browser asks for; the server answers with it (never with the token entry). */
export const WS_PROTOCOL = 'countersign.jsonrpc';
/** A browser sends its token as the subprotocol `countersign.token.<token>` next to WS_PROTOCOL. */
export const WS_TOKEN_PROTOCOL_PREFIX = 'countersign.token.';
/** Unsent bytes queued for one client beyond which it is considered stuck and dropped. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Requests one connection may have being handled at once. */
const MAX_IN_FLIGHT = 32;
/** Dead peers (laptop lid closed) are found by ping; their subscriptions are then released. */
const HEARTBEAT_MS = 30_000;
const CLOSE_GRACE_MS = 1_000;

export interface WebSocketTransport {
  close(): Promise<void>;
}

export function attachWebSocket(
  server: Server,
  opts: {
    router: ApiRouter;
    token: Buffer;
    maxPayload: number;
    events: SubscriptionSource | undefined;
    log: ApiLog;
  },
): WebSocketTransport {
  // perMessageDeflate stays off: compression buys little on loopback and costs memory per connection.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxPayload,
    perMessageDeflate: false,
    // Echo only the protocol name: the token entry must never be sent back.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const alive = new WeakMap<WebSocket, boolean>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {}); // a reset during the handshake is the client's problem, not a crash
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    // Any web page can open a WebSocket to loopback: one from another origin (or a rebound DNS name) is refused
    // outright, before the token is even looked at.
    if (!originAllowed(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    // Browsers cannot set headers on a WebSocket, hence the subprotocol entry (the console) and the query parameter.
    const authorised =
      tokenMatches(bearerToken(req.headers.authorization), opts.token) ||
      tokenMatches(protocolToken(req.headers['sec-websocket-protocol']), opts.token) ||
      tokenMatches(url.searchParams.get('token') ?? undefined, opts.token);
    if (!authorised) return refuseUpgrade(socket, 401, 'Unauthorized', stringifyJson(unauthorized()));
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, opts, alive));
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    async close() {
      clearInterval(heartbeat);
      const closing = [...wss.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            ws.close(1001, 'server shutting down');
          }),
      );
      await Promise.all(closing);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function serveConnection(
  ws: WebSocket,
  opts: { router: ApiRouter; events: SubscriptionSource | undefined; log: ApiLog },
  alive: WeakMap<WebSocket, boolean>,
): void {
  alive.set(ws, true);
  ws.on('pong', () => alive.set(ws, true));
  // Without an 'error' listener an oversized frame or bad UTF-8 would be an uncaught exception; ws closes the
  // connection itself (1009, 1007) after emitting it.
  ws.on('error', (err) => opts.log.warn(`api: websocket client dropped: ${err.message}`));

  const sendText = (text: string) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      opts.log.warn('api: websocket client is not reading; disconnecting it');
      ws.terminate();
      return;
    }
    ws.send(text);
  };

  const subscriptions = createSubscriptions({
    source: opts.events,
    log: opts.log,
    push: (subscription, payload) => {
      const push: SubscriptionNotification<unknown> = {
        jsonrpc: '2.0',
        method: 'subscription',
        params: { subscription, result: payload },
      };
      sendText(stringifyJson(push));
    },
  });
  ws.on('close', () => subscriptions.closeAll());

  let inFlight = 0;
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      const error = errorResponse(null, RpcErrorCode.INVALID_REQUEST, 'Invalid request: send JSON-RPC as text frames', {
        code: 'INVALID_REQUEST',
      });
      return sendText(stringifyJson(error));
    }
    if (inFlight >= MAX_IN_FLIGHT) return ws.close(1008, 'too many requests in flight');
    inFlight += 1;

    // Subscriptions made by this message stay held until its response is on the wire (see subscriptions.ts).
    const created: string[] = [];
    const session: Session = {
      transport: 'ws',
      subscribe: (topic) => {
        const id = subscriptions.subscribe(topic, { held: true });
        created.push(id);
        return id;
      },
      unsubscribe: (id) => subscriptions.unsubscribe(id),
    };
    opts.router
      .handleText(rawText(data), session)
      .then((response) => {
        if (response !== undefined) sendText(stringifyJson(response));
        for (const id of created) subscriptions.release(id);
      })
      .catch((err: unknown) => opts.log.error('api: websocket message failed', err))
      .finally(() => {
        inFlight -= 1;
      });
  });
}

/** The token offered as a `countersign.token.<token>` subprotocol, if any. */
export function protocolToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const entry = header
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(WS_TOKEN_PROTOCOL_PREFIX));
  return entry?.slice(WS_TOKEN_PROTOCOL_PREFIX.length);
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Programs (the CLI, tools) send no Origin and pass. A browser always does: it must be this very server (same
 * host:port as the Host header) under a loopback name, which also defeats DNS rebinding (evil.example resolving to
 * 127.0.0.1 keeps its own name in both headers).
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const host = req.headers.host;
  if (parsed.protocol !== 'http:' || host === undefined || parsed.host !== host.toLowerCase()) return false;
  return LOOPBACK_NAMES.has(parsed.hostname) || parsed.hostname === hostnameOf(req);
}

/** The address the connection came in on, as a URL hostname (IPv6 in brackets): a node bound to a LAN address. */
function hostnameOf(req: IncomingMessage): string {
  const local = req.socket.localAddress ?? '';
  return local.includes(':') ? `[${local}]` : local;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function refuseUpgrade(socket: Duplex, status: number, reason: string, body = ''): void {
  const head = [
    `HTTP/1.1 ${status} ${reason}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(status === 401 ? ['WWW-Authenticate: Bearer'] : []),
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}
