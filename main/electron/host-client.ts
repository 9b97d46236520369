import { RpcErrorCode, type BridgeResult, type SubscriptionTopicName } from '../../shared/api/index.ts';
import { fromHostSchema, toBridgeResult, type ReadyMessage, type ToHost } from './host-protocol.ts';

/** The two ends of the main ↔ host channel, whatever carries them (utilityProcess, or child_process in tests). */
export interface HostChannel {
  post(message: ToHost): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export class HostError extends Error {
  override readonly name = 'HostError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * The main process's side of the node host: request/response calls with ids and a deadline, the host's events,
 * and its start and stop. A message that does not match the protocol is dropped and reported, never trusted.
 */
export class HostClient {
  readonly ready: Promise<ReadyMessage>;
  private readonly channel: HostChannel;
  private readonly timeoutMs: number;
  private readonly pending = new Map<number, { resolve: (r: BridgeResult) => void; timer: NodeJS.Timeout }>();
  private readonly eventListeners = new Set<(topic: SubscriptionTopicName, payload: unknown) => void>();
  private readonly exited: Promise<number>;
  private nextId = 1;
  private alive = true;

  constructor(channel: HostChannel, opts: { timeoutMs?: number; onProtocolError?: (detail: string) => void } = {}) {
    this.channel = channel;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    let readyResolve!: (m: ReadyMessage) => void;
    let readyReject!: (e: Error) => void;
    this.ready = new Promise<ReadyMessage>((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    // A rejected `ready` nobody awaits yet must not crash the process; callers still see the rejection.
    this.ready.catch(() => undefined);
    this.exited = new Promise<number>((resolve) =>
      channel.onExit((code) => {
        this.alive = false;
        readyReject(new HostError('HOST_EXITED', `the node process exited (code ${code}) before it was ready`));
        for (const [id, call] of this.pending) {
          clearTimeout(call.timer);
          call.resolve(hostFailure('HOST_EXITED', `the node process exited (code ${code})`));
          this.pending.delete(id);
        }
        resolve(code);
      }),
    );

    channel.onMessage((raw) => {
      const parsed = fromHostSchema.safeParse(raw);
      if (!parsed.success) {
        opts.onProtocolError?.(`unexpected message from the node process: ${parsed.error.issues[0]?.message ?? ''}`);
        return;
      }
      const message = parsed.data;
      switch (message.type) {
        case 'ready':
          readyResolve(message);
          break;
        case 'fatal':
          readyReject(new HostError(message.code, message.message));
          break;
        case 'event':
          for (const listener of this.eventListeners) listener(message.topic, message.payload);
          break;
        case 'result': {
          const call = this.pending.get(message.id);
          if (call === undefined) return;
          this.pending.delete(message.id);
          clearTimeout(call.timer);
          call.resolve(toBridgeResult(message.response));
          break;
        }
      }
    });
  }

  call(method: string, params: unknown): Promise<BridgeResult> {
    if (!this.alive) return Promise.resolve(hostFailure('HOST_EXITED', 'the node process is not running'));
    const id = this.nextId++;
    return new Promise<BridgeResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(hostFailure('HOST_TIMEOUT', `${method}: no answer from the node within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.channel.post({ type: 'call', id, method, params });
    });
  }

  onEvent(listener: (topic: SubscriptionTopicName, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Asks the host to close the node cleanly; kills it if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<number> {
    if (!this.alive) return this.exited;
    this.channel.post({ type: 'stop' });
    const timer = setTimeout(() => this.channel.kill(), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

function hostFailure(code: string, message: string): BridgeResult {
  return { ok: false, error: { code: RpcErrorCode.INTERNAL_ERROR, message, data: { code } } };
}
