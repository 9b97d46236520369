import type { PeerJson } from '../../../shared/api/types.ts';
import type { Block, CommitCertificate, ConsensusMessage } from '../../../shared/domain/index.ts';
import type { Logger } from '../log.ts';
import type { Offence } from './errors.ts';

/**
 * The p2p layer's edge. The node (node.ts) owns the registry, the consensus view and the block store and hands p2p
 * these narrow ports; p2p never reaches into consensus or storage, it emits typed events with messages that are
 * already decoded and validated.
 */

export type PeerRole = 'validator' | 'observer';

/** Who may connect: the network's registry of node keys (genesis / state). */
export interface PeerRegistry {
  /**
   * `peerKey` is the peer's Ed25519 node public key in the ledger's tagged form (0x01 ‖ 32 bytes, as genesis and state
   * store every key); undefined = not a member of this network, and the connection is refused.
   */
  lookup(peerKey: Uint8Array): { name: string; role: PeerRole } | undefined;
}

/** What p2p needs to validate consensus messages before anyone sees them. */
export interface ConsensusGate {
  readonly chainId: string;
  /** Our next height; messages for [height - 1, height + heightWindow] are accepted, others dropped quietly. */
  height(): number;
  /** Voting power of a validator key (tagged form) at a height; 0 = not a validator then. */
  validatorPower(height: number, publicKey: Uint8Array): number;
}

/** What sync requests are served from. */
export interface BlockSource {
  height(): number;
  /** Stored encodings of blocks from..to (inclusive, as many as exist), stopping before `maxBytes` would be passed. */
  blocks(from: number, to: number, maxBytes: number): { block: Uint8Array; commit: Uint8Array }[];
}

export interface P2PLimits {
  /** How far ahead of our height consensus messages are accepted. */
  readonly heightWindow: number;
  /** A write to a peer that has not drained after this long marks the peer as stuck: it is disconnected. */
  readonly sendStallMs: number;
  /** Per peer and protocol: frames and bytes waiting to be sent; beyond either, frames are dropped. */
  readonly sendQueueFrames: number;
  readonly sendQueueBytes: number;
  /** Sync: longest wait for a whole response, most blocks and bytes per request. */
  readonly syncTimeoutMs: number;
  readonly syncMaxBlocks: number;
  readonly syncMaxBytes: number;
  /** Status ping period (latency, liveness). */
  readonly pingIntervalMs: number;
  /** Reconnection to bootstrap peers: first delay and cap of the exponential backoff. */
  readonly reconnectBaseMs: number;
  readonly reconnectMaxMs: number;
  /** Misbehaviour score at which a peer is banned; the ban lasts banBaseMs, doubling per ban up to banMaxMs. */
  readonly banThreshold: number;
  readonly banBaseMs: number;
  readonly banMaxMs: number;
  /** Scores halve after this long without new offences, so one old mistake is forgiven. */
  readonly scoreHalfLifeMs: number;
  /** Message hashes remembered to drop duplicates. */
  readonly seenCacheSize: number;
  /**
   * How long a transaction counts as seen. A copy arriving later is passed on again (the mempool drops what it
   * already has), so a transaction a node refused while busy or syncing is not shut out by the cache for good.
   */
  readonly txSeenTtlMs: number;
  /** Longest a transaction waits to be sent with others in one frame (see MAX_TX_BATCH in protocols.ts). */
  readonly txBatchDelayMs: number;
  /** Dial timeout. */
  readonly dialTimeoutMs: number;
}

export interface P2POptions {
  readonly chainId: string;
  /** Multiaddrs to listen on, e.g. /ip4/127.0.0.1/tcp/26656 (tcp/0 = any free port). */
  readonly listen: readonly string[];
  /** Peers to dial and keep dialing: multiaddrs ending in /p2p/<peer id>. */
  readonly bootstrap: readonly string[];
  /** The node's identity: a 32-byte Ed25519 seed (see node-key.ts). */
  readonly nodeKey: { readonly privateKey: Uint8Array };
  readonly registry: PeerRegistry;
  readonly gate: ConsensusGate;
  readonly blocks: BlockSource;
  readonly log: Logger;
  readonly limits?: Partial<P2PLimits>;
  /** Clock for scores, bans and latency (ms). Default Date.now. */
  readonly now?: () => number;
  /** Randomness in [0, 1) for reconnect jitter. Default Math.random. */
  readonly random?: () => number;
}

export interface PeerIdentity {
  readonly peerId: string;
  readonly name: string;
  readonly role: PeerRole;
}

export interface P2PEvents {
  /** Decoded, chain id checked, in the height window, signed by a validator of that height, not seen before. */
  consensus: {
    readonly from: string;
    readonly message: ConsensusMessage;
    /** For a proposal: its block's bytes as received (a copy), so the block's transactions need no re-encoding. */
    readonly blockBytes?: Uint8Array;
  };
  /**
   * Transactions from one frame of a peer, not seen before, as bytes: decoding, chain id and signatures are the
   * mempool's to check (on its worker threads, not here); the node reports a peer whose transactions fail them.
   */
  txs: { readonly from: string; readonly txs: readonly Uint8Array[] };
  'peer:status': { readonly peerId: string; readonly height: number };
  'peer:connect': PeerIdentity;
  'peer:disconnect': PeerIdentity;
  /** A peer was penalised (for logs, status and tests). */
  'peer:offence': {
    readonly peerId: string;
    readonly offence: Offence;
    readonly score: number;
    readonly banned: boolean;
  };
}
export type P2PEventName = keyof P2PEvents;
export type P2PListener<K extends P2PEventName> = (event: P2PEvents[K]) => void;

export interface SyncedBlock {
  readonly block: Block;
  readonly commit: CommitCertificate;
  /** The block's canonical bytes as the peer stored them. */
  readonly blockBytes: Uint8Array;
}

export interface P2PNode {
  readonly peerId: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Listening multiaddrs with /p2p/<peer id>. */
  addresses(): string[];
  /** Encodes once and queues to every connected peer. */
  broadcastConsensus(message: ConsensusMessage): void;
  /**
   * Queues an encoded transaction to every connected peer that is not known to have it — except that one received
   * from a validator goes on to observers only (its origin sent it to every validator it is connected to; in a
   * partial mesh a validator may then never hold it, and it waits for a proposer that does). p2p does not relay
   * received transactions by itself (it cannot check their signatures): the node calls this after the mempool admits
   * one, whether it came from the API or from a peer.
   */
  broadcastTx(encodedTx: Uint8Array): void;
  /** A peer sent something only a faulty or hostile node sends (e.g. a transaction that cannot decode). */
  penalise(peerId: string, offence: Offence, reason: string): void;
  /** Status gossip: tells every peer our height and last block hash. */
  announceHeight(height: number, hash: Uint8Array): void;
  /**
   * Blocks from..to from one connected peer (at most syncMaxBlocks and syncMaxBytes; fewer when the peer has fewer).
   * Each is strictly decoded, of this chain, at consecutive heights from `from`, and its commit names its hash and
   * height; the commit's signatures are the caller's to verify against the validator set. A peer that breaks these
   * rules is penalised and disconnected, and the call rejects with P2PError.
   */
  requestBlocks(peerId: string, from: number, to: number): Promise<SyncedBlock[]>;
  peers(): PeerJson[];
  /** Connected peers that reported a height >= minHeight, highest first. */
  bestPeers(minHeight: number): string[];
  on<K extends P2PEventName>(event: K, listener: P2PListener<K>): void;
  off<K extends P2PEventName>(event: K, listener: P2PListener<K>): void;
}
