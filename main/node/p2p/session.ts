import type { Stream } from '@libp2p/interface';
import type { Logger } from '../log.ts';
import type { P2PLimits, PeerIdentity } from './interface.ts';
import { OutboundChannel } from './outbound.ts';
import { GOSSIP_PROTOCOLS, type GossipProtocol } from './protocols.ts';
import { TxBatchQueue } from './tx-batch-queue.ts';
import { statusMessageCodec } from './wire.ts';

export interface SessionOptions {
  readonly identity: PeerIdentity;
  readonly open: (protocol: GossipProtocol) => Promise<Stream>;
  /** The peer stopped reading: the host disconnects it. */
  readonly onStall: () => void;
  readonly limits: P2PLimits;
  readonly log: Logger;
  readonly now: () => number;
}

/** Pings waiting for their pong; older ones are forgotten (a peer that never answers just has no latency). */
const MAX_OUTSTANDING_PINGS = 8;

/**
 * A connected peer: one outbound channel per gossip protocol, and the status pings that measure its latency. The
 * inbound side (what the peer sends us) is handled by the host, per stream.
 */
export class PeerSession {
  readonly identity: PeerIdentity;
  private readonly channels: Record<GossipProtocol, OutboundChannel>;
  private readonly txs: TxBatchQueue;
  private readonly pings = new Map<number, number>();
  private readonly now: () => number;
  private pingTimer: NodeJS.Timeout | undefined;
  private nextNonce = 1;

  constructor(opts: SessionOptions) {
    this.identity = opts.identity;
    this.now = opts.now;
    const log = opts.log.child({ peer: opts.identity.peerId, peerName: opts.identity.name });
    const channel = (protocol: GossipProtocol) =>
      new OutboundChannel({
        open: () => opts.open(protocol),
        onStall: opts.onStall,
        log: log.child({ protocol }),
        maxFrames: protocol === 'status' ? 64 : opts.limits.sendQueueFrames,
        maxBytes: opts.limits.sendQueueBytes,
        stallMs: opts.limits.sendStallMs,
      });
    this.channels = Object.fromEntries(GOSSIP_PROTOCOLS.map((p) => [p, channel(p)])) as Record<
      GossipProtocol,
      OutboundChannel
    >;
    this.txs = new TxBatchQueue(opts.limits.txBatchDelayMs, (frame) => this.channels.tx.send(frame));
  }

  /** Queues a transaction; it leaves with others in one frame (see TxBatchQueue). */
  sendTx(encodedTx: Uint8Array): void {
    this.txs.add(encodedTx);
  }

  send(protocol: GossipProtocol, frame: Uint8Array): boolean {
    return this.channels[protocol].send(frame);
  }

  /** Pings now and then every intervalMs. */
  startPinging(intervalMs: number): void {
    this.ping();
    this.pingTimer = setInterval(() => this.ping(), intervalMs);
    this.pingTimer.unref();
  }

  /** The round trip of a pong's ping, or undefined for a pong we did not ask for. */
  pong(nonce: number): number | undefined {
    const sentAt = this.pings.get(nonce);
    if (sentAt === undefined) return undefined;
    this.pings.delete(nonce);
    return Math.max(0, this.now() - sentAt);
  }

  close(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.txs.close();
    for (const channel of Object.values(this.channels)) channel.close();
  }

  private ping(): void {
    const nonce = this.nextNonce;
    this.nextNonce = (this.nextNonce % 0xffff_ffff) + 1;
    if (this.pings.size >= MAX_OUTSTANDING_PINGS) this.pings.delete(this.pings.keys().next().value!);
    this.pings.set(nonce, this.now());
    this.send('status', statusMessageCodec.encode({ kind: 'ping', nonce }));
  }
}
