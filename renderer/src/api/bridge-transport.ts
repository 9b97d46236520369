import type { CountersignBridge } from '../../../shared/api/bridge.ts';
import { ApiCallError } from './errors.ts';
import type { Topic, Transport } from './transport.ts';

/**
 * The desktop app's transport: `window.countersign`, which the Electron preload exposes with one function per API
 * method. Results come back as {ok, value} | {ok: false, error} (errors do not cross the context bridge intact) and
 * are turned into the same values and ApiCallErrors as over the WebSocket. IPC has no connection to lose.
 */
export function createBridgeTransport(bridge: CountersignBridge): Transport {
  const api = bridge.api as unknown as Record<
    string,
    ((params: unknown) => ReturnType<CountersignBridge['api']['node.status']>) | undefined
  >;
  return {
    kind: 'electron',
    state: 'open',
    async call(method, params) {
      const fn = Object.hasOwn(api, method) ? api[method] : undefined;
      if (!fn) throw new ApiCallError(-32601, `Method not found: ${method}`, { code: 'METHOD_NOT_FOUND' });
      const result = await fn(params);
      if (result.ok) return result.value;
      throw new ApiCallError(result.error.code, result.error.message, result.error.data);
    },
    subscribe(topic: Topic, listener) {
      return bridge.subscribe(topic, listener);
    },
    onState() {
      return () => {};
    },
    close() {},
  };
}

/** The bridge when this page runs in the desktop app, else undefined (the browser console). */
export function findBridge(): CountersignBridge | undefined {
  const candidate = (globalThis as { countersign?: unknown }).countersign;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const b = candidate as Partial<CountersignBridge>;
  return typeof b.api === 'object' && typeof b.subscribe === 'function' ? (candidate as CountersignBridge) : undefined;
}
