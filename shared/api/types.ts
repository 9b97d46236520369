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

/** A contract template (contract.templates): what it needs to be drafted. */
export interface ContractTemplateJson {
  id: string;
  version: number;
  title: string;
  description: string;
  roles: { name: string; required: boolean; description: string }[];
  /** kind: asset | amount | time | duration | count | text | role | bill; an amount names its asset term. */
  terms: { name: string; kind: string; required: boolean; description: string; asset?: string }[];
  terminableWhenActive: boolean;
}

/** A contract instance as stored (terms: amounts and times as decimal strings). */
export interface ContractJson {
  id: string;
  template: string;
  version: number;
  parties: { role: string; account: string }[];
  terms: Record<string, string | boolean>;
  status: 'drafted' | 'active' | 'executed' | 'expired' | 'terminated' | 'defaulted';
  created: { height: number; time: string; txId: string };
  signBy: string;
  signatures: { role: string; account: string; height: number; time: string; txId: string }[];
  attestations: { role: string; fact: string; height: number; time: string; txId: string }[];
  activated?: { height: number; time: string };
  nextAt?: string;
  progress: Record<string, string | boolean>;
  closed?: { height: number; time: string; code: string; message?: string };
}

/** contract.get: the contract, the parties still to sign, its locked funds, and its timeline, oldest first. */
export interface ContractDetailJson {
  contract: ContractJson;
  unsigned: string[];
  holdings: { asset: string; amount: string }[];
  timeline: TrailEntryJson[];
}

/** A signatory key held by this node: what it is and whose it is, never the key itself. */
export interface SignerJson {
  label: string;
  kind: 'dev' | 'software' | 'pkcs11';
  scheme: string;
  /** Key id of the public key: the signatory id on the ledger. */
  id: string;
  publicKey: string;
  /** Whether opening it needs a secret: a keystore passphrase or a token PIN. */
  secret: 'none' | 'passphrase' | 'pin';
  /** The ledger's signatory for this key, when it is one. */
  signatory: { name: string; member: string; roles: string[]; active: boolean } | null;
}

/** Each policy guarding a proposal and how far it is ("2 of 3: treasury-1 ✓ treasury-2 ✓ operations-1 pending"). */
export interface GuardProgressJson {
  guard: string;
  threshold: number;
  weight: number;
  satisfied: boolean;
  roles: { role: string; have: number; need: number }[];
  signatories: { id: string; name: string; weight: number; status: 'approved' | 'rejected' | 'pending' | 'dropped' }[];
}

/** A proposal as stored (bytes as hex, amounts as strings) with its effective status. */
export interface ProposalJson {
  id: string;
  account?: string;
  /** The action as decoded: `type` and its fields, amounts as decimal strings of minor units. */
  action: { type: string } & Record<string, unknown>;
  salt: string;
  proposer: string;
  guards: string[];
  created: { height: number; time: string };
  expiresAt: string;
  status: 'pending' | 'executed' | 'failed' | 'rejected' | 'cancelled' | 'expired';
  approvals: { signatory: string; signature: string; height: number; time: string }[];
  rejections: { signatory: string; reason: string; height: number; time: string }[];
  dropped: { signatory: string; height: number; time: string }[];
  closed?: { height: number; time: string; code: string; message?: string };
}

export interface ProposalDetailJson {
  proposal: ProposalJson;
  progress: GuardProgressJson[];
  trail: TrailEntryJson[];
}

/** An item of the approvals inbox: a pending proposal, what it does, and which of this node's keys can approve it. */
export interface InboxItemJson {
  proposal: ProposalJson;
  progress: GuardProgressJson[];
  /** The action in plain English with amounts in units and minor units (describeAction); the UI may translate. */
  description: string;
  /** Labels of this node's keys whose approval is still pending. */
  awaiting: string[];
}

/** The outcome of a signing call: the transaction that carried it, its block, and the proposal afterwards. */
export interface SignedJson {
  proposal: string;
  tx: string;
  height: number;
  status: ProposalJson['status'];
  progress: GuardProgressJson[];
}

// ── Settlement ──────────────────────────────────────────────────────────────────────────────────────────────────

export interface SettlementLegJson {
  from: string;
  to: string;
  asset: string;
  amount: string;
}

/** A settlement instruction (shared/domain/state.ts `Instruction`), status as of the last block. */
export interface InstructionJson {
  id: string;
  kind: 'payment' | 'dvp';
  mode: 'rtgs' | 'scheduled' | 'deferred-net';
  priority: 'urgent' | 'normal';
  legs: SettlementLegJson[];
  settleAt?: string;
  expiresAt?: string;
  reference?: { msgId: string; instrId: string; endToEndId: string; uetr?: string };
  status: 'queued' | 'held' | 'settled' | 'cancelled' | 'expired';
  seq: string;
  submitted: { height: number; time: string; tx: string };
  /** Why the last attempt could not settle it (INSUFFICIENT_FUNDS, NET_EXCLUDED), while open. */
  waiting?: string;
  closed?: { height: number; time: string; code: string; via?: 'rtgs' | 'gridlock' | 'net'; cutoff?: string };
}

/** One participant in a deferred-net cycle's preview: its net position, balance, and whether it covers. */
export interface NetPositionJson {
  account: string;
  /** Receivable positive, payable negative, minor units. */
  position: string;
  balance: string;
  covered: boolean;
}

export interface SettlementCycleJson {
  asset: string;
  firstCutoff: string;
  intervalMs: string;
  onShortfall: 'all-or-nothing' | 'exclude';
  nextCutoff: string;
  last?: { height: number; time: string; cutoff: string };
  /** The next cut-off if it ran on the current balances: the instructions in it and each participant's position. */
  preview: {
    instructions: string[];
    positions: NetPositionJson[];
    bilateral: { a: string; b: string; position: string }[];
    outcome: 'settled' | 'failed' | 'empty';
    excluded: string[];
  };
}

export interface SettlementQueueJson {
  /** Block time of the last block: what statuses and the preview are as of. */
  time: string;
  instructions: InstructionJson[];
  cycles: SettlementCycleJson[];
}

export interface InstructionDetailJson {
  instruction: InstructionJson;
  trail: TrailEntryJson[];
}
