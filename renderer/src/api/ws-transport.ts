import { ApiCallError, CONNECTION_LOST, TIMED_OUT } from './errors.ts';
import type { ConnectionState, Topic, Transport } from './transport.ts';

/**
 * JSON-RPC 2.0 over a WebSocket to the node (browser console mode). The API token travels as a subprotocol entry,
 * `countersign.token.<token>`, next to `countersign.jsonrpc` (browsers cannot set headers on a WebSocket; the server
 * answers with the protocol name only). Calls made while connecting wait for the connection; calls in flight when it
 * drops fail with CONNECTION_LOST (a signing call may still have been committed: the views re-read). The transport
 * reconnects with backoff and renews every subscription that still has listeners.
 */

export const WS_PROTOCOL = 'countersign.jsonrpc';
export const WS_TOKEN_PROTOCOL_PREFIX = 'countersign.token.';

/** Long enough for a signing call: a keystore unlock (scrypt, ~0.7 s) and the wait for the block. */
const CALL_TIMEOUT_MS = 60_000;
const BACKOFF_MS = [250, 500, 1000, 2000, 5000];

export interface WsTransportOptions {
  /** ws://host:port/ws */
  url: string;
  token: string;
  /** The WebSocket class (the browser's; Node 22's global in tests). */
  WebSocketImpl?: typeof WebSocket;
  callTimeoutMs?: number;
}

interface Pending {
  /** Runs as the answer is read, before any later message (a subscribe must know its id before its first event). */
  onAnswer?: ((value: unknown) => void) | undefined;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWsTransport(opts: WsTransportOptions): Transport & { readonly attempts: number } {
  const Impl = opts.WebSocketImpl ?? WebSocket;
  const timeoutMs = opts.callTimeoutMs ?? CALL_TIMEOUT_MS;
  let socket: WebSocket | undefined;
  let state: ConnectionState = 'connecting';
  let closedByUser = false;
  let attempts = 0;
  let nextId = 1;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<number, Pending>();
  const waiting: (() => void)[] = [];
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const topicListeners = new Map<Topic, Set<(event: unknown) => void>>();
  /** Server subscription id → topic, for the current connection only. */
  const serverSubs = new Map<string, Topic>();

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(next);
  };

  function connect(): void {
    attempts += 1;
    setState('connecting');
    const ws = new Impl(opts.url, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${opts.token}`]);
    socket = ws;
    ws.onopen = () => {
      attempts = 0;
      setState('open');
      for (const run of waiting.splice(0)) run();
      for (const topic of topicListeners.keys()) void subscribeOnServer(topic);
    };
    ws.onmessage = (msg: MessageEvent) => onMessage(String(msg.data));
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      serverSubs.clear();
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.reject(new ApiCallError(CONNECTION_LOST, 'the connection to the node was lost'));
        pending.delete(id);
      }
      setState('closed');
      if (!closedByUser) {
        const delay = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length - 1)]!;
        reconnectTimer = setTimeout(connect, delay);
      }
    };
    ws.onerror = () => {}; // onclose follows with what matters
  }

  function onMessage(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    for (const m of Array.isArray(message) ? message : [message]) {
      const r = m as { id?: unknown; result?: unknown; error?: { code: number; message: string; data?: unknown } };
      const push = m as { method?: unknown; params?: { subscription?: unknown; result?: unknown } };
      if (push.method === 'subscription' && typeof push.params?.subscription === 'string') {
        const topic = serverSubs.get(push.params.subscription);
        if (topic) for (const l of topicListeners.get(topic) ?? []) l(push.params.result);
        continue;
      }
      if (typeof r.id !== 'number') continue;
      const p = pending.get(r.id);
      if (!p) continue;
      pending.delete(r.id);
      clearTimeout(p.timer);
      if (r.error) p.reject(new ApiCallError(r.error.code, r.error.message, r.error.data));
      else {
        p.onAnswer?.(r.result);
        p.resolve(r.result);
      }
    }
  }

  function send(method: string, params: object, onAnswer?: (value: unknown) => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const ws = socket;
      if (!ws || state !== 'open') return reject(new ApiCallError(CONNECTION_LOST, 'not connected to the node'));
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new ApiCallError(TIMED_OUT, `${method}: no answer from the node within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      pending.set(id, { onAnswer, resolve, reject, timer });
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  function call(method: string, params: object): Promise<unknown> {
    if (closedByUser) return Promise.reject(new ApiCallError(CONNECTION_LOST, 'the connection is closed'));
    if (state === 'open') return send(method, params);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const at = waiting.indexOf(run);
        if (at >= 0) waiting.splice(at, 1);
        reject(new ApiCallError(TIMED_OUT, `${method}: the node could not be reached within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const run = () => {
        clearTimeout(timer);
        send(method, params).then(resolve, reject);
      };
      waiting.push(run);
    });
  }

  async function subscribeOnServer(topic: Topic): Promise<void> {
    try {
      // Registered as the answer is read: some WebSocket implementations deliver the answer and the first event
      // in one go, before an `await` would resume.
      await send('subscribe', { topic }, (id) => {
        if (typeof id === 'string') serverSubs.set(id, topic);
      });
    } catch {
      // The connection dropped meanwhile; onopen subscribes again.
    }
  }

  connect();

  return {
    kind: 'websocket',
    get state() {
      return state;
    },
    get attempts() {
      return attempts;
    },
    call,
    subscribe(topic, listener) {
      let set = topicListeners.get(topic);
      if (!set) {
        set = new Set();
        topicListeners.set(topic, set);
        if (state === 'open') void subscribeOnServer(topic);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        // The server subscription stays until the connection ends: cheap, and a view re-subscribing soon is common.
      };
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closedByUser = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close(1000, 'closed by the page');
      setState('closed');
    },
  };
}
