import type { Logger } from '../log.ts';
import type { P2PEventName, P2PEvents, P2PListener } from './interface.ts';

/**
 * Typed events, delivered synchronously. A listener that throws is logged and does not stop the others, nor the read
 * loop that emitted: whatever a peer sends, the process keeps running.
 */
export class P2PEmitter {
  private readonly listeners = new Map<P2PEventName, Set<(event: never) => void>>();
  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
  }

  on<K extends P2PEventName>(event: K, listener: P2PListener<K>): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (event: never) => void);
  }

  off<K extends P2PEventName>(event: K, listener: P2PListener<K>): void {
    this.listeners.get(event)?.delete(listener as (event: never) => void);
  }

  emit<K extends P2PEventName>(event: K, payload: P2PEvents[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as P2PListener<K>)(payload);
      } catch (err) {
        this.log.warn({ err, event }, 'p2p event listener threw');
      }
    }
  }
}
