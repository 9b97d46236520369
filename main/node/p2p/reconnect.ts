import type { Logger } from '../log.ts';

/**
 * Delay before dial attempt `attempt` (0-based): exponential from baseMs, capped at maxMs, with "equal jitter" (half
 * fixed, half random) so nodes that lost the same peer at the same moment do not all redial it in step.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface BootstrapTarget {
  readonly peerId: string;
  readonly address: string;
}

export interface BootstrapDialerOptions {
  readonly targets: readonly BootstrapTarget[];
  readonly dial: (target: BootstrapTarget) => Promise<void>;
  readonly isConnected: (peerId: string) => boolean;
  /** A banned peer is not redialled before its ban ends. */
  readonly banRemainingMs: (peerId: string) => number;
  readonly baseMs: number;
  readonly maxMs: number;
  readonly random: () => number;
  readonly log: Logger;
}

/**
 * Keeps the node connected to its bootstrap peers: dials each at start, and after a failed dial or a disconnect dials
 * again with growing delays; a successful connection resets the delay.
 */
export class BootstrapDialer {
  private readonly opts: BootstrapDialerOptions;
  private readonly attempts = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly byPeer = new Map<string, BootstrapTarget>();
  private running = false;

  constructor(opts: BootstrapDialerOptions) {
    this.opts = opts;
    for (const target of opts.targets) this.byPeer.set(target.peerId, target);
  }

  start(): void {
    this.running = true;
    for (const target of this.byPeer.values()) this.schedule(target.peerId, 0);
  }

  stop(): void {
    this.running = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  isBootstrap(peerId: string): boolean {
    return this.byPeer.has(peerId);
  }

  connected(peerId: string): void {
    this.attempts.delete(peerId);
    const timer = this.timers.get(peerId);
    if (timer) clearTimeout(timer);
    this.timers.delete(peerId);
  }

  disconnected(peerId: string): void {
    if (this.byPeer.has(peerId)) this.retry(peerId);
  }

  /** Delay of the next attempt for a peer (for status and tests). */
  nextAttempt(peerId: string): number {
    return this.attempts.get(peerId) ?? 0;
  }

  private retry(peerId: string): void {
    const attempt = this.attempts.get(peerId) ?? 0;
    this.attempts.set(peerId, attempt + 1);
    const delay = backoffDelay(attempt, this.opts.baseMs, this.opts.maxMs, this.opts.random);
    this.schedule(peerId, Math.max(delay, this.opts.banRemainingMs(peerId)));
  }

  private schedule(peerId: string, delayMs: number): void {
    if (!this.running || this.timers.has(peerId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(peerId);
      void this.attempt(peerId);
    }, delayMs);
    timer.unref();
    this.timers.set(peerId, timer);
  }

  private async attempt(peerId: string): Promise<void> {
    const target = this.byPeer.get(peerId);
    if (!this.running || !target || this.opts.isConnected(peerId)) return;
    try {
      await this.opts.dial(target);
    } catch (err) {
      this.opts.log.debug({ err, peer: peerId, attempt: this.nextAttempt(peerId) }, 'p2p bootstrap dial failed');
      if (!this.opts.isConnected(peerId)) this.retry(peerId);
    }
  }
}
