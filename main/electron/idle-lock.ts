/**
 * Locks the signing session after `idleMs` without user input in the app's windows. Time and timers are passed in,
 * so tests drive it with a fake clock. It fires once per idle period: input after a lock starts a new period.
 *
 * Input is what counts (keys, mouse, touch in our window), not IPC: the page polls the node on its own, which must
 * not keep the session open for an absent user.
 */
export interface IdleLockOptions {
  /** 0 or less: never lock for idleness (screen lock and suspend still lock). */
  readonly idleMs: number;
  readonly now: () => number;
  readonly onIdle: () => void;
  /** How often to look; the lock fires at most this late. */
  readonly checkEveryMs?: number;
  readonly setInterval: (fn: () => void, ms: number) => unknown;
  readonly clearInterval: (handle: unknown) => void;
}

export class IdleLock {
  private readonly opts: IdleLockOptions;
  private lastInput: number;
  private fired = false;
  private handle: unknown;

  constructor(opts: IdleLockOptions) {
    this.opts = opts;
    this.lastInput = opts.now();
  }

  start(): void {
    if (this.opts.idleMs <= 0 || this.handle !== undefined) return;
    const every = this.opts.checkEveryMs ?? Math.max(1_000, Math.min(15_000, Math.floor(this.opts.idleMs / 4)));
    this.handle = this.opts.setInterval(() => this.check(), every);
  }

  stop(): void {
    if (this.handle !== undefined) this.opts.clearInterval(this.handle);
    this.handle = undefined;
  }

  /** The user did something in the app. */
  input(): void {
    this.lastInput = this.opts.now();
    this.fired = false;
  }

  /** Milliseconds until the lock fires, if no input comes (Infinity when idle locking is off or it already fired). */
  remainingMs(): number {
    if (this.opts.idleMs <= 0 || this.fired) return Infinity;
    return Math.max(0, this.lastInput + this.opts.idleMs - this.opts.now());
  }

  check(): void {
    if (this.opts.idleMs <= 0 || this.fired) return;
    if (this.opts.now() - this.lastInput >= this.opts.idleMs) {
      this.fired = true;
      this.opts.onIdle();
    }
  }
}
