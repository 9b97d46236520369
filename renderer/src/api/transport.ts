/**
 * How the typed client reaches the node: JSON-RPC over a WebSocket (browser console) or the Electron preload's bridge
 * (desktop app). A transport answers a call with the JSON result or throws ApiCallError, and pushes subscription
 * events; views never see which one is in use.
 */

export type Topic = 'blocks' | 'proposals';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface Transport {
  readonly kind: 'websocket' | 'electron';
  call(method: string, params: object): Promise<unknown>;
  /** Calls `listener` with each event of `topic`, across reconnections; returns the function that stops it. */
  subscribe(topic: Topic, listener: (event: unknown) => void): () => void;
  readonly state: ConnectionState;
  /** Calls `listener` whenever `state` changes; returns the function that stops it. */
  onState(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}
