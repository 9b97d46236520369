import type { Stream } from '@libp2p/interface';
import { lpStream, type LengthPrefixedStream } from '@libp2p/utils';
import type { Logger } from '../log.ts';

export interface OutboundOptions {
  /** Opens the stream on the peer's current connection. */
  readonly open: () => Promise<Stream>;
  /** Called when a write has not drained within stallMs: the peer is too slow or stuck. */
  readonly onStall: () => void;
  readonly log: Logger;
  readonly maxFrames: number;
  readonly maxBytes: number;
  readonly stallMs: number;
}

/**
 * One persistent outbound stream to one peer for one gossip protocol, with a bounded queue in front of it. Callers
 * never wait: `send` queues and returns, one pump per channel writes frames in order. A full queue drops new frames
 * (the peer is behind; consensus recovers by rounds, transactions by re-broadcast), and a write that does not drain in
 * time reports the peer as stuck, so one slow peer never holds up the others.
 */
export class OutboundChannel {
  private readonly opts: OutboundOptions;
  private queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private stream: Stream | undefined;
  private lp: LengthPrefixedStream | undefined;
  private pumping = false;
  private closed = false;
  /** Frames dropped because the queue was full. */
  dropped = 0;

  constructor(opts: OutboundOptions) {
    this.opts = opts;
  }

  /** Queues a frame; false if it was dropped (queue full or channel closed). */
  send(frame: Uint8Array): boolean {
    if (this.closed) return false;
    if (this.queue.length >= this.opts.maxFrames || this.queuedBytes + frame.length > this.opts.maxBytes) {
      this.dropped += 1;
      if (this.dropped === 1 || this.dropped % 100 === 0) {
        this.opts.log.warn({ dropped: this.dropped }, 'p2p send queue full: dropping frames for a slow peer');
      }
      return false;
    }
    this.queue.push(frame);
    this.queuedBytes += frame.length;
    if (!this.pumping) void this.pump();
    return true;
  }

  get pending(): number {
    return this.queue.length;
  }

  close(): void {
    this.closed = true;
    this.queue = [];
    this.queuedBytes = 0;
    const stream = this.stream;
    this.stream = undefined;
    this.lp = undefined;
    // A graceful close flushes what is buffered; abort if that fails (the connection is going anyway).
    stream?.close().catch((err: unknown) => stream.abort(err instanceof Error ? err : new Error(String(err))));
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    let signal: AbortSignal | undefined;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const lp = this.lp ?? (await this.openStream());
        const frame = this.queue.shift()!;
        this.queuedBytes -= frame.length;
        signal = AbortSignal.timeout(this.opts.stallMs);
        await lp.write(frame, { signal });
      }
    } catch (err) {
      if (this.closed) return; // the peer is gone; nothing to report
      const stalled = signal?.aborted === true;
      this.opts.log.warn({ err, stalled }, stalled ? 'p2p peer stopped reading: disconnecting' : 'p2p send failed');
      this.queue = [];
      this.queuedBytes = 0;
      this.resetStream(err);
      if (stalled) this.opts.onStall();
    } finally {
      this.pumping = false;
    }
  }

  private async openStream(): Promise<LengthPrefixedStream> {
    const stream = await this.opts.open();
    if (this.closed) {
      stream.abort(new Error('channel closed'));
      throw new Error('channel closed while opening');
    }
    // The remote end never writes on this stream; when it closes, the next frame opens a fresh one.
    stream.addEventListener('close', () => {
      if (this.stream === stream) {
        this.stream = undefined;
        this.lp = undefined;
      }
    });
    this.stream = stream;
    this.lp = lpStream(stream);
    return this.lp;
  }

  private resetStream(err: unknown): void {
    const stream = this.stream;
    this.stream = undefined;
    this.lp = undefined;
    stream?.abort(err instanceof Error ? err : new Error(String(err)));
  }
}
