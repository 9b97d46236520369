/**
 * JSON shapes of API results. Amounts are decimal strings of minor units, bytes are hex, times are ms since the
 * epoch as decimal strings (block time).
 */

/** A peer of this node on the p2p network (validators and observers of the registry). */
export interface PeerJson {
  /** libp2p peer id. */
  id: string;
  /** The registry's name for the peer's node key, when it has one. */
  name: string | null;
  role: 'validator' | 'observer';
  address: string;
  connected: boolean;
  /** The height the peer last reported. */
  height: number;
  latencyMs: number | null;
  /** Misbehaviour score (0 = good; the peer is disconnected past a threshold). */
  score: number;
}

/** A validator of the current set, as this node sees it. */
export interface ValidatorJson {
  /** Public key, hex. */
  publicKey: string;
  name: string;
  power: number;
  /** This node's own validator. */
  self: boolean;
  connected: boolean;
  /** The height the validator's node last reported, null if never heard from. */
  height: number | null;
  /** Height and round of the last vote seen from it. */
  lastVote: { height: number; round: number; type: 'prevote' | 'precommit' } | null;
  /** Committed blocks (since this node started) whose certificate lacks its precommit. */
  missedVotes: number;
}

export interface ConsensusJson {
  height: number;
  round: number;
  step: 'propose' | 'prevote' | 'precommit' | 'commit';
}

export interface SyncJson {
  syncing: boolean;
  /** The highest height a peer has reported. */
  targetHeight: number;
  /** Blocks fetched and applied by the current catch-up. */
  applied: number;
}

export interface StatusJson {
  chainId: string;
  height: number;
  lastBlockHash: string | null;
  appHash: string;
  time: string | null;
  role: 'validator' | 'observer';
  validator: string | null;
  peers: PeerJson[];
  validators: ValidatorJson[];
  /** Null when this node does not run BFT consensus (a single-validator devnet, an observer). */
  consensus: ConsensusJson | null;
  syncing: boolean;
  sync: SyncJson;
  mempool: number;
  /** Locally submitted transactions waiting for peers (observers offline). */
  outbox: number;
  /** Where the browser console is served, when it is. */
  consoleUrl?: string;
}

export interface BlockSummaryJson {
  height: number;
  hash: string;
  previousHash: string;
  appHash: string;
  txRoot: string;
  time: string;
  txCount: number;
  proposer: string;
}

export interface TxResultJson {
  id: string;
  height: number;
  index: number;
  code: string;
  message?: string;
  /** The decoded transaction (amounts as strings, bytes as hex). */
  tx: unknown;
  events: unknown[];
}

export interface BalanceJson {
  asset: string;
  amount: string;
  decimals: number;
}

export interface HistoryEntryJson {
  height: number;
  time: string;
  txId: string;
  asset: string;
  delta: string;
  balance: string;
  counterparty?: string;
  kind: string;
}

export interface HistoryPageJson {
  entries: HistoryEntryJson[];
  nextCursor: string | null;
}

export interface TrailEntryJson {
  height: number;
  time: string;
  txId: string;
  event: unknown;
}
