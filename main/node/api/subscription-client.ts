import { WebSocket, type RawData } from 'ws';
import { RpcErrorCode, type ApiMethod } from '../../../shared/api/index.ts';
import { ApiCallError, ApiTransportError, rpcErrorOf } from './call-error.ts';
import type { ApiCallParams } from './client.ts';
import type { SubscriptionTopic } from './interface.ts';

/** A WebSocket connection to the node's API: calls, and subscriptions whose events arrive as they happen. */
export interface SubscriptionClient {
  call<M extends ApiMethod>(method: M, params: ApiCallParams<M>): Promise<unknown>;
  /** Resolves with the subscription id; `onEvent` gets each event's payload (JSON) from then on. */
  subscribe(topic: SubscriptionTopic, onEvent: (payload: unknown) => void): Promise<string>;
  unsubscribe(subscription: string): Promise<boolean>;
  close(): Promise<void>;
}

interface Pending {
  resolve(result: unknown): void;
  reject(err: Error): void;
  /** Runs synchronously with the response, before any frame after it is dispatched. */
  onResult?(result: unknown): void;
}

export async function connectSubscriptions(opts: {
  wsUrl: string;
  token: string;
  timeoutMs?: number;
  /** Called once when the connection ends for any reason other than close(). */
  onClose?: (code: number, reason: string) => void;
}): Promise<SubscriptionClient> {
  const ws = new WebSocket(opts.wsUrl, {
    headers: { Authorization: `Bearer ${opts.token}` },
    handshakeTimeout: opts.timeoutMs ?? 10_000,
  });
  await opened(ws);

  const pending = new Map<number, Pending>();
  const listeners = new Map<string, (payload: unknown) => void>();
  let nextId = 1;
  let closedByUs = false;

  ws.on('error', () => {}); // reported through 'close', which always follows
  ws.on('message', (data: RawData) => {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return; // the server sends only JSON; nothing sensible to do with anything else
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as Record<string, unknown>;
    if (m['method'] === 'subscription') {
      const params = m['params'] as { subscription?: unknown; result?: unknown } | undefined;
      const listener = typeof params?.subscription === 'string' ? listeners.get(params.subscription) : undefined;
      try {
        listener?.(params?.result);
      } catch {
        // a failing listener must not stop the delivery of later frames
      }
      return;
    }
    const entry = typeof m['id'] === 'number' ? pending.get(m['id']) : undefined;
    if (entry === undefined) return;
    pending.delete(m['id'] as number);
    const error = rpcErrorOf(m);
    if (error !== undefined) return entry.reject(new ApiCallError(error));
    entry.onResult?.(m['result']);
    entry.resolve(m['result']);
  });
  ws.on('close', (code, reason) => {
    listeners.clear();
    for (const entry of pending.values()) entry.reject(new ApiTransportError('CLOSED', 'the API connection closed'));
    pending.clear();
    if (!closedByUs) opts.onClose?.(code, reason.toString());
  });

  function request(method: string, params: unknown, onResult?: (result: unknown) => void): Promise<unknown> {
    if (ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new ApiTransportError('CLOSED', 'the API connection is closed'));
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, ...(onResult === undefined ? {} : { onResult }) });
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  return {
    call: (method, params) => request(method, params),
    async subscribe(topic, onEvent) {
      // The listener is registered as the response is read, so an event right behind it is not missed.
      const id = await request('subscribe', { topic }, (result) => {
        if (typeof result === 'string') listeners.set(result, onEvent);
      });
      if (typeof id !== 'string') throw new ApiTransportError('BAD_RESPONSE', 'subscribe: no subscription id');
      return id;
    },
    async unsubscribe(subscription) {
      listeners.delete(subscription);
      return (await request('unsubscribe', { subscription })) === true;
    },
    close() {
      closedByUs = true;
      if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close(1000);
      });
    },
  };
}

/** Waits for the handshake; a refused one becomes the same error an HTTP call would give (401 → UNAUTHORIZED). */
function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      req.destroy();
      reject(
        status === 401
          ? new ApiCallError({
              code: RpcErrorCode.UNAUTHORIZED,
              message: 'Unauthorized',
              data: { code: 'UNAUTHORIZED' },
            })
          : new ApiTransportError('BAD_RESPONSE', `the WebSocket upgrade was refused with HTTP ${status}`),
      );
    });
    ws.on('error', (err) => reject(new ApiTransportError('UNREACHABLE', `cannot open ${ws.url}: ${err.message}`)));
  });
}
