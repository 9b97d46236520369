import type { SigningSessionBridge } from '../../../shared/api/bridge.ts';
import type { ApiInput, ApiMethod } from '../../../shared/api/contract.ts';
import type { ApiResult } from './results.ts';
import type { Topic, Transport } from './transport.ts';

/**
 * The renderer's one typed client: method names and parameters from the shared contract (shared/api/contract.ts),
 * results from results.ts, over whichever transport start-up picked (pick-transport.ts). Views get it from
 * ApiProvider and never know whether they talk over IPC or a WebSocket.
 */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, params: ApiInput<M>): Promise<ApiResult<M>>;
  subscribe(topic: Topic, listener: (event: unknown) => void): () => void;
  readonly transport: Transport;
  /** The desktop app's signing session (the main process holds unlocked secrets); absent in the browser console. */
  readonly session: SigningSessionBridge | undefined;
  /**
   * Starts a call now whose answer the first matching call() takes (same method and params), so start-up can ask for
   * the home view's data while the UI code is still being parsed. Unclaimed answers are dropped after a few seconds.
   */
  warm<M extends ApiMethod>(method: M, params: ApiInput<M>): void;
  /**
   * The answer of a warmed call that has already arrived, claimed (later calls go to the node), or undefined. Lets the
   * first render show data at once instead of rendering empty and again a moment later.
   */
  take<M extends ApiMethod>(method: M, params: ApiInput<M>): { value: ApiResult<M> } | undefined;
}

const WARM_TTL_MS = 10_000;

export function createApiClient(transport: Transport, session?: SigningSessionBridge): ApiClient {
  const warmed = new Map<string, Promise<unknown>>();
  const arrived = new Map<Promise<unknown>, { value: unknown }>();
  const keyOf = (method: string, params: unknown) => `${method} ${JSON.stringify(params)}`;
  return {
    call: (method, params) => {
      const key = keyOf(method, params);
      const early = warmed.get(key);
      if (early) {
        warmed.delete(key);
        return early as Promise<never>;
      }
      return transport.call(method, params as object) as Promise<never>;
    },
    take: (method, params) => {
      const key = keyOf(method, params);
      const pending = warmed.get(key);
      const answer = pending && arrived.get(pending);
      if (answer) warmed.delete(key);
      return answer as { value: never } | undefined;
    },
    warm: (method, params) => {
      const key = keyOf(method, params);
      const pending = transport.call(method, params as object);
      // Claimed later, or dropped: either way not an unhandled rejection.
      pending.then(
        (value) => arrived.set(pending, { value }),
        () => {},
      );
      warmed.set(key, pending);
      const timer: unknown = setTimeout(() => {
        if (warmed.get(key) === pending) warmed.delete(key);
        arrived.delete(pending);
      }, WARM_TTL_MS);
      // Where timers can be unreferenced (Node, in tests), this one must not keep the process alive.
      (timer as { unref?: () => void }).unref?.();
    },
    subscribe: (topic, listener) => transport.subscribe(topic, listener),
    transport,
    session,
  };
}
