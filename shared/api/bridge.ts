import type { ApiMethod } from './contract.ts';

/**
 * What the Electron preload exposes to the renderer as `window.countersign` (contextBridge): one function per API
 * method — never ipcRenderer itself — and a subscription entry point. Each call resolves to a result object instead
 * of throwing, because errors do not cross the context bridge with their fields intact.
 * The renderer's one typed client (renderer/src/api/) uses this bridge in the app and JSON-RPC over WebSocket in the
 * browser console; results are the same JSON either way.
 */
export type BridgeResult = { ok: true; value: unknown } | { ok: false; error: BridgeError };

export interface BridgeError {
  /** JSON-RPC error code (RpcErrorCode). */
  code: number;
  message: string;
  /** Our error code string when there is one (e.g. TX_EXPIRED, INVALID_PARAMS field path). */
  data?: unknown;
}

export type SubscriptionTopicName = 'blocks' | 'proposals';

export interface CountersignBridge {
  /** One function per API method, keyed by the method name ('node.status', 'proposal.list', ...). */
  readonly api: { readonly [M in ApiMethod]: (params: unknown) => Promise<BridgeResult> };
  /** Calls `listener` with each event of the topic; returns a function that ends the subscription. */
  subscribe(topic: SubscriptionTopicName, listener: (event: unknown) => void): () => void;
}
