import type { z } from 'zod';
import type { ApiMethod, apiParams } from '../../../shared/api/index.ts';
import { ApiCallError, ApiTransportError, rpcErrorOf } from './call-error.ts';

export { ApiCallError, ApiTransportError } from './call-error.ts';
export { connectSubscriptions, type SubscriptionClient } from './subscription-client.ts';

/** What a caller passes for a method: the schema's input (plain strings where the node sees branded ids). */
export type ApiCallParams<M extends ApiMethod> = z.input<(typeof apiParams)[M]>;

export interface ApiClient {
  call<M extends ApiMethod>(method: M, params: ApiCallParams<M>): Promise<unknown>;
}

/** A JSON-RPC client over HTTP for the CLI and scripts; one request per call. */
export function createApiClient(opts: { url: string; token: string; timeoutMs?: number }): ApiClient {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let nextId = 1;

  return {
    async call(method, params) {
      const id = nextId++;
      let status: number;
      let text: string;
      try {
        const res = await fetch(opts.url, {
          method: 'POST',
          headers: { Authorization: `Bearer ${opts.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.status;
        text = await res.text();
      } catch (err) {
        if (err instanceof Error && err.name === 'TimeoutError') {
          throw new ApiTransportError('TIMEOUT', `${method}: no answer from ${opts.url} within ${timeoutMs} ms`);
        }
        throw new ApiTransportError('UNREACHABLE', `${method}: cannot reach the node at ${opts.url}`, { cause: err });
      }

      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new ApiTransportError('BAD_RESPONSE', `${method}: HTTP ${status} without a JSON-RPC body`);
      }
      // 401 and 413 carry JSON-RPC errors too, so the status only matters when the body says nothing.
      const error = rpcErrorOf(body);
      if (error !== undefined) throw new ApiCallError(error);
      if (status !== 200 || typeof body !== 'object' || body === null || !('result' in body)) {
        throw new ApiTransportError('BAD_RESPONSE', `${method}: HTTP ${status} without a result`);
      }
      return body.result;
    },
  };
}

/** Resolves once `GET /health` answers 200; for scripts and the CLI waiting for a node they just started. */
export async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const health = new URL('/health', url);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const remaining = deadline - Date.now();
    try {
      const res = await fetch(health, { signal: AbortSignal.timeout(Math.max(1, Math.min(1_000, remaining))) });
      await res.text();
      if (res.ok) return;
    } catch {
      // not up yet (refused, reset, or slow): try again until the deadline
    }
    if (Date.now() >= deadline) {
      throw new ApiTransportError('TIMEOUT', `the node at ${url} did not become healthy within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(0, deadline - Date.now()))));
  }
}
