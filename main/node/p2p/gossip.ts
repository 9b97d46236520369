import { consensusMessageCodec, type ConsensusMessage } from '../../../shared/domain/index.ts';
import { mapPathBytes } from '../../../shared/encoding/index.ts';
import type { Logger } from '../log.ts';
import { verifySignature } from '../crypto/verify.ts';
import { Offence } from './errors.ts';
import type { FrameOutcome } from './inbound.ts';
import type { ConsensusGate, P2PEvents } from './interface.ts';
import type { GossipProtocol } from './protocols.ts';
import { SeenCache } from './seen-cache.ts';
import { checkConsensusMessage } from './validate-consensus.ts';
import { statusMessageCodec, txBatchCodec, type StatusMessage } from './wire.ts';

export interface GossipInboxOptions {
  readonly gate: ConsensusGate;
  readonly heightWindow: number;
  readonly seenCacheSize: number;
  readonly txSeenTtlMs: number;
  readonly now: () => number;
  readonly log: Logger;
  /** Penalises the peer; returns whether it is being disconnected. */
  readonly offend: (peerId: string, offence: Offence, reason: string) => boolean;
  /** Sends a frame to every connected peer except those given. */
  readonly relay: (protocol: GossipProtocol, frame: Uint8Array, except: ReadonlySet<string>) => void;
  readonly emit: <K extends 'consensus' | 'txs'>(event: K, payload: P2PEvents[K]) => void;
  readonly onStatus: (peerId: string, message: StatusMessage) => void;
}

/**
 * What happens to each inbound gossip frame: strict decode, validation, duplicate suppression, then the event and (for
 * consensus) one relay to every other peer, so validators that are not directly connected still hear each other.
 * A frame that cannot have come from an honest node of this chain costs the sender its connection.
 */
export class GossipInbox {
  private readonly opts: GossipInboxOptions;
  private readonly seenConsensus: SeenCache;
  private readonly seenTx: SeenCache;
  /** Encodings of our own signed messages, for as long as consensus holds on to them. */
  private readonly ownFrames = new WeakMap<object, { frame: Uint8Array; key: string }>();

  constructor(opts: GossipInboxOptions) {
    this.opts = opts;
    this.seenConsensus = new SeenCache(opts.seenCacheSize);
    this.seenTx = new SeenCache(opts.seenCacheSize, opts.txSeenTtlMs, opts.now);
  }

  onFrame(protocol: GossipProtocol, from: string, frame: Uint8Array): FrameOutcome {
    switch (protocol) {
      case 'consensus':
        return this.onConsensus(from, frame);
      case 'tx':
        return this.onTx(from, frame);
      case 'status':
        return this.onStatus(from, frame);
    }
  }

  /**
   * Remembers a message we send ourselves, so its echoes are dropped. Returns its encoding — made once per signed
   * vote or proposal: consensus re-sends its messages every second, and a proposal carries a whole block.
   */
  ownConsensus(message: ConsensusMessage): Uint8Array {
    const signed = message.kind === 'vote' ? message.vote : message.proposal;
    let own = this.ownFrames.get(signed);
    if (own === undefined) {
      const frame = consensusMessageCodec.encode(message);
      own = { frame, key: SeenCache.keyOf(frame) };
      this.ownFrames.set(signed, own);
    }
    this.seenConsensus.add(own.key);
    return own.frame;
  }

  /** Remembers a transaction we send; returns the peers known to have it already (they sent it to us). */
  ownTx(encodedTx: Uint8Array): ReadonlySet<string> {
    const key = SeenCache.keyOf(encodedTx);
    this.seenTx.add(key);
    return this.seenTx.holders(key);
  }

  private onConsensus(from: string, frame: Uint8Array): FrameOutcome {
    const key = SeenCache.keyOf(frame);
    if (this.seenConsensus.has(key)) {
      this.seenConsensus.add(key, from);
      return 'continue';
    }
    let message: ConsensusMessage;
    try {
      message = consensusMessageCodec.decode(frame) as ConsensusMessage;
    } catch (err) {
      return this.offence(from, Offence.MALFORMED, `consensus frame: ${(err as Error).message}`);
    }
    const verdict = checkConsensusMessage(message, this.opts.gate, this.opts.heightWindow, verifySignature);
    if (verdict.kind === 'ignore') {
      this.opts.log.debug({ peer: from, reason: verdict.reason }, 'p2p consensus message ignored');
      return 'continue';
    }
    this.seenConsensus.add(key, from);
    if (verdict.kind === 'reject') return this.offence(from, verdict.offence, verdict.reason);
    this.opts.relay('consensus', frame, this.seenConsensus.holders(key));
    const blockBytes = message.kind === 'proposal' ? mapPathBytes(frame, ['proposal', 'block'])?.slice() : undefined;
    this.opts.emit('consensus', { from, message, ...(blockBytes !== undefined && { blockBytes }) });
    return 'continue';
  }

  /**
   * A batch of transactions: the frame's shape is checked here; each transaction's decoding, chain and signatures on
   * the mempool's workers (the node penalises the peer for any that fail: an honest node relays only what it admitted).
   */
  private onTx(from: string, frame: Uint8Array): FrameOutcome {
    let txs: readonly Uint8Array[];
    try {
      txs = txBatchCodec.decode(frame).txs;
    } catch (err) {
      return this.offence(from, Offence.MALFORMED, `tx frame: ${(err as Error).message}`);
    }
    const fresh: Uint8Array[] = [];
    for (const tx of txs) {
      const key = SeenCache.keyOf(tx);
      const seen = this.seenTx.has(key);
      this.seenTx.add(key, from);
      // A copy: the bytes may be a view into a larger network buffer that the mempool should not keep alive.
      if (!seen) fresh.push(tx.slice());
    }
    if (fresh.length > 0) this.opts.emit('txs', { from, txs: fresh });
    return 'continue';
  }

  private onStatus(from: string, frame: Uint8Array): FrameOutcome {
    let message: StatusMessage;
    try {
      message = statusMessageCodec.decode(frame);
    } catch (err) {
      return this.offence(from, Offence.MALFORMED, `status frame: ${(err as Error).message}`);
    }
    this.opts.onStatus(from, message);
    return 'continue';
  }

  private offence(from: string, offence: Offence, reason: string): FrameOutcome {
    return this.opts.offend(from, offence, reason) ? 'stop' : 'continue';
  }
}
