import { MAX_BLOCK_BYTES, MAX_TX_BYTES } from '../../../shared/domain/index.ts';
import type { P2PLimits } from './interface.ts';

/**
 * Protocol ids are scoped by chain: a node of another network cannot even negotiate a stream with us. The version is
 * the wire format's; a change that old nodes cannot read gets a new version.
 */
export type GossipProtocol = 'consensus' | 'tx' | 'status';
export type ProtocolName = GossipProtocol | 'sync';

export const GOSSIP_PROTOCOLS: readonly GossipProtocol[] = ['consensus', 'tx', 'status'];

/** Wire versions: tx 2 carries a batch of transactions per frame (1 carried one). */
const VERSIONS: Readonly<Record<ProtocolName, string>> = {
  consensus: '1.0.0',
  tx: '2.0.0',
  status: '1.0.0',
  sync: '1.0.0',
};

export function protocolId(chainId: string, name: ProtocolName): string {
  return `/countersign/${chainId}/${name}/${VERSIONS[name]}`;
}

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * Transaction gossip is batched: per peer, transactions queue for up to txBatchDelayMs (or until a batch is full) and
 * go out as one frame. Per-frame costs (length prefix, Yamux, Noise, a stream write, a read-loop turn on the other
 * side) were a quarter of a validator's main thread when every transaction was its own frame.
 */
export const MAX_TX_BATCH = 512;
export const MAX_TX_BATCH_BYTES = 1 * MIB;

/**
 * Largest frame accepted per protocol (the length prefix is checked before any byte of the frame is buffered).
 * Consensus carries a whole block in a proposal, hence the block cap plus room for the proposal around it.
 */
export const MAX_FRAME_BYTES: Readonly<Record<ProtocolName, number>> = {
  consensus: MAX_BLOCK_BYTES + 16 * KIB,
  // A full batch, or one transaction of the largest size, plus the CBOR around it.
  tx: Math.max(MAX_TX_BATCH_BYTES, MAX_TX_BYTES) + 16 * KIB,
  status: 256,
  sync: MAX_BLOCK_BYTES + 80 * KIB,
};

/**
 * How much unread inbound data a stream may buffer before the sender counts as flooding (the reader handles one frame
 * at a time, synchronously, so an honest sender never gets near this).
 */
export function readBufferBytes(name: ProtocolName, syncMaxBytes: number): number {
  if (name === 'sync') return syncMaxBytes + MAX_FRAME_BYTES.sync;
  return Math.max(2 * MAX_FRAME_BYTES[name] + 64 * KIB, 1 * MIB);
}

export const DEFAULT_LIMITS: P2PLimits = {
  heightWindow: 3,
  sendStallMs: 15_000,
  sendQueueFrames: 1024,
  sendQueueBytes: 32 * MIB,
  syncTimeoutMs: 30_000,
  syncMaxBlocks: 100,
  syncMaxBytes: 16 * MIB,
  pingIntervalMs: 5_000,
  reconnectBaseMs: 500,
  reconnectMaxMs: 30_000,
  banThreshold: 100,
  banBaseMs: 60_000,
  banMaxMs: 60 * 60_000,
  scoreHalfLifeMs: 5 * 60_000,
  seenCacheSize: 50_000,
  txSeenTtlMs: 60_000,
  txBatchDelayMs: 10,
  dialTimeoutMs: 5_000,
};
