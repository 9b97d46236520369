/**
 * What the API layer needs from its surroundings, and what a transport gives the router. The router never sees a
 * socket or a request: a transport (HTTP, WebSocket here; IPC in main/electron) hands it a Session per message.
 */

export type SubscriptionTopic = 'blocks' | 'proposals';

/** Events the node publishes to subscribers. `on` returns the function that removes the listener. */
export interface SubscriptionSource {
  on(topic: SubscriptionTopic, listener: (payload: unknown) => void): () => void;
}

/**
 * Who is asking, as far as the router cares. `subscribe`/`unsubscribe` exist only where the transport can push
 * (WebSocket, IPC); the transport owns the event source and the delivery, so a subscription needs only its topic.
 */
export interface Session {
  readonly transport: 'http' | 'ws' | 'ipc';
  /** Starts pushing events of `topic` to this client; returns the subscription id. */
  subscribe?(topic: SubscriptionTopic): string;
  /** Stops a subscription of this client; false when the id is not one of its subscriptions. */
  unsubscribe?(subscription: string): boolean;
}

/** Where the API reports what an operator should see (real causes of internal errors, dropped clients). */
export interface ApiLog {
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export const consoleLog: ApiLog = {
  warn: (message, detail) => (detail === undefined ? console.warn(message) : console.warn(message, detail)),
  error: (message, detail) => (detail === undefined ? console.error(message) : console.error(message, detail)),
};
