import { API_METHODS, type ApiMethod } from './contract.ts';

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

/** The contract's subscription methods: the bridge offers `subscribe()` instead, so they are not in `api`. */
export const TRANSPORT_METHODS = ['subscribe', 'unsubscribe'] as const;
export type BridgeMethod = Exclude<ApiMethod, (typeof TRANSPORT_METHODS)[number]>;
/** The methods the bridge exposes as functions, in contract order: what main/electron and the preload generate. */
export const BRIDGE_METHODS: readonly BridgeMethod[] = API_METHODS.filter(
  (m): m is BridgeMethod => !(TRANSPORT_METHODS as readonly string[]).includes(m),
);

export interface CountersignBridge {
  /** One function per API method, keyed by the method name ('node.status', 'proposal.list', ...). */
  readonly api: { readonly [M in BridgeMethod]: (params: unknown) => Promise<BridgeResult> };
  /** Calls `listener` with each event of the topic; returns a function that ends the subscription. */
  subscribe(topic: SubscriptionTopicName, listener: (event: unknown) => void): () => void;
  /**
   * The app's signing session (Electron only; the browser console asks for the secret at each signature). The main
   * process, not the page, holds a key's passphrase or PIN after `unlock` and adds it to signing calls that name the
   * key without a `secret`; it forgets every held secret after the configured idle time, on screen lock and suspend.
   */
  readonly signers: SigningSessionBridge;
}

export interface SigningSessionBridge {
  /** Holds `secret` for the key `label` until the session locks. The node checks it at the first signature. */
  unlock(label: string, secret: string): Promise<BridgeResult>;
  /** Forgets every held secret now. */
  lock(): Promise<BridgeResult>;
  /** Calls `listener` with the reason ('idle', 'screen-locked', 'suspend', 'user') whenever the session locks. */
  onLocked(listener: (reason: string) => void): () => void;
}
