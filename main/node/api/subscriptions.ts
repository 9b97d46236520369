import { randomBytes } from 'node:crypto';
import { rejected } from './errors.ts';
import { consoleLog, type ApiLog, type SubscriptionSource, type SubscriptionTopic } from './interface.ts';

/**
 * The subscriptions of one client connection (a WebSocket here, a window over IPC in main/electron). The transport
 * supplies `push`, which delivers one event to its client; this registry ties topics to the node's event source and
 * guarantees the listeners are gone when the connection ends.
 *
 * A subscription can start *held*: its events are queued until `release`. The transport holds new subscriptions
 * until it has sent the `subscribe` response, so a client never sees an event for an id it has not been told yet.
 */
export interface Subscriptions {
  subscribe(topic: SubscriptionTopic, opts?: { held?: boolean }): string;
  release(id: string): void;
  unsubscribe(id: string): boolean;
  /** Ends every subscription; later subscribe calls are refused. */
  closeAll(): void;
  readonly size: number;
}

/** Per connection: each subscription is a listener on the node's emitter, so a client must not add them unbounded. */
export const MAX_SUBSCRIPTIONS = 32;
/** Events queued while a subscription is held (normally for microseconds); more are dropped, with a warning. */
const MAX_HELD_EVENTS = 256;

interface Entry {
  off: () => void;
  held: unknown[] | null;
  dropped: boolean;
}

export function createSubscriptions(opts: {
  source: SubscriptionSource | undefined;
  push: (subscription: string, payload: unknown) => void;
  max?: number;
  log?: ApiLog;
}): Subscriptions {
  const log = opts.log ?? consoleLog;
  const max = opts.max ?? MAX_SUBSCRIPTIONS;
  const entries = new Map<string, Entry>();
  let closed = false;

  // Runs inside the node's event emitter: a failure to deliver to one client must not reach the emitter.
  function deliver(id: string, payload: unknown): void {
    try {
      opts.push(id, payload);
    } catch (err) {
      log.error(`api: could not deliver an event to subscription ${id}`, err);
    }
  }

  return {
    subscribe(topic, { held = false } = {}) {
      if (closed) throw rejected('CONNECTION_CLOSED', 'the connection is closing');
      if (opts.source === undefined) {
        throw rejected('SUBSCRIPTIONS_UNAVAILABLE', 'this node does not publish events');
      }
      if (entries.size >= max) {
        throw rejected('TOO_MANY_SUBSCRIPTIONS', `a connection may hold at most ${max} subscriptions`);
      }
      const id = randomBytes(8).toString('hex');
      const entry: Entry = { off: () => {}, held: held ? [] : null, dropped: false };
      entries.set(id, entry);
      entry.off = opts.source.on(topic, (payload) => {
        if (entries.get(id) !== entry) return; // already unsubscribed; the source may still be iterating
        if (entry.held === null) return deliver(id, payload);
        if (entry.held.length < MAX_HELD_EVENTS) return void entry.held.push(payload);
        if (!entry.dropped) log.warn(`api: subscription ${id} dropped events while held`);
        entry.dropped = true;
      });
      return id;
    },
    release(id) {
      const entry = entries.get(id);
      if (entry === undefined || entry.held === null) return;
      const queued = entry.held;
      entry.held = null;
      for (const payload of queued) deliver(id, payload);
    },
    unsubscribe(id) {
      const entry = entries.get(id);
      if (entry === undefined) return false;
      entries.delete(id);
      entry.off();
      return true;
    },
    closeAll() {
      closed = true;
      for (const entry of entries.values()) entry.off();
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
