import type { ApiMethod } from '../../../shared/api/contract.ts';
import type {
  BalanceJson,
  BlockSummaryJson,
  GuardProgressJson,
  HistoryPageJson,
  InboxItemJson,
  ProposalDetailJson,
  SignedJson,
  SignerJson,
  StatusJson,
  TrailEntryJson,
} from '../../../shared/api/types.ts';

/**
 * The JSON each API method returns, as the renderer reads it (amounts are decimal strings of minor units, bytes are
 * hex, times are ms since the epoch as strings). Methods not listed here (new ones, as other modules land) type as
 * `unknown` until they are added.
 */

export interface MemberJson {
  id: string;
  name: string;
}

export interface SignatoryJson {
  id: string;
  publicKey: string;
  member: string;
  name: string;
  roles: string[];
  active: boolean;
}

export interface PolicyJson {
  signatories: { signatory: string; weight: number }[];
  threshold: number;
  [more: string]: unknown;
}

export interface AccountJson {
  id: string;
  owner: string;
  name: string;
  policy: PolicyJson;
}

export interface AssetJson {
  id: string;
  kind: string;
  code: string;
  name: string;
  decimals: number;
  issuer: string;
  supply: string;
}

export interface BillJson {
  serial: string;
  drawer: string;
  payee: string;
  holder: string;
  currency: string;
  faceValue: string;
  maturity: string;
  issued: { height: number; time: string };
  status: 'outstanding' | 'paid' | 'dishonoured';
  endorsements: number;
}

export interface TxJson {
  body: {
    chainId: string;
    expiresAt: string;
    nonce: string;
    ops: ({ type: string } & Record<string, unknown>)[];
    memo?: string;
  };
  signatures: { publicKey: string; signature: string }[];
}

export interface TxDetailJson {
  id: string;
  index: number;
  code: string;
  message?: string;
  tx: TxJson;
  events: ({ type: string } & Record<string, unknown>)[];
}

export interface StoredTxJson extends TxDetailJson {
  height: number;
  time: string;
}

export interface BlockJson {
  height: number;
  hash: string;
  header: {
    chainId: string;
    height: number;
    time: string;
    previousHash: string;
    txRoot: string;
    appHash: string;
    validatorsHash: string;
    proposer: string;
  };
  commit: {
    height: number;
    round: number;
    blockHash: string;
    precommits: { validator: string; signature: string }[];
  } | null;
  txs: TxDetailJson[];
}

export interface ProposalSummaryJson {
  id: string;
  account?: string;
  status: string;
  proposer: string;
  createdHeight: number;
  expiresAt: string;
  actionType: string;
}

/** A signing request without its digest, as `proposal.signingRequest` returns it (docs/offline-signing.md). */
export interface SigningRequestJson {
  format: string;
  version: number;
  chainId: string;
  proposal: string;
  bytes: string;
  hash: string;
  maxTxLifetimeMs: string;
  summary: { lines: string[]; assets: Record<string, { decimals: number; code?: string }> };
  exportedAt: string;
}

export interface SettlementLegJson {
  from: string;
  to: string;
  asset: string;
  amount: string;
}

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
  waiting?: string;
  closed?: { height: number; time: string; code: string; via?: 'rtgs' | 'gridlock' | 'net'; cutoff?: string };
}

export interface SettlementCycleJson {
  asset: string;
  firstCutoff: string;
  intervalMs: string;
  onShortfall: 'all-or-nothing' | 'exclude';
  nextCutoff: string;
  last?: { height: number; time: string; cutoff: string };
  /** What the next cut-off would do on the last block's balances. */
  preview: {
    instructions: string[];
    positions: { account: string; position: string; balance: string; covered: boolean }[];
    bilateral: { a: string; b: string; position: string }[];
    outcome: 'settled' | 'failed' | 'empty';
    excluded: string[];
  };
}

export interface TermSpecJson {
  name: string;
  kind: 'asset' | 'amount' | 'time' | 'duration' | 'count' | 'text' | 'role' | 'bill';
  required: boolean;
  description: string;
  asset?: string;
}

export interface ContractTemplateJson {
  id: string;
  version: number;
  title: string;
  description: string;
  roles: { name: string; required: boolean; description: string }[];
  terms: TermSpecJson[];
  terminableWhenActive: boolean;
}

export interface ContractJson {
  id: string;
  template: string;
  version: number;
  parties: { role: string; account: string }[];
  /** u64 terms as decimal strings. */
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

export interface ApiResults {
  'node.status': StatusJson;
  'block.get': BlockJson;
  'block.list': BlockSummaryJson[];
  'tx.get': StoredTxJson;
  'tx.submit': { id: string; status: 'pending' };
  'member.list': MemberJson[];
  'signatory.list': SignatoryJson[];
  'account.list': AccountJson[];
  'account.get': AccountJson & { balances: BalanceJson[] };
  'account.balances': BalanceJson[];
  'account.history': HistoryPageJson;
  'asset.list': AssetJson[];
  'proposal.get': ProposalDetailJson;
  'proposal.list': ProposalSummaryJson[];
  'proposal.signingRequest': SigningRequestJson;
  'bill.get': { bill: BillJson; chain: TrailEntryJson[] };
  'bill.list': BillJson[];
  subscribe: string;
  unsubscribe: boolean;
  'signer.list': SignerJson[];
  'proposal.inbox': InboxItemJson[];
  'proposal.propose': SignedJson;
  'proposal.approve': SignedJson;
  'proposal.reject': SignedJson;
  'proposal.cancel': SignedJson;
  'proposal.importApproval': SignedJson;
  'contract.templates': ContractTemplateJson[];
  'contract.list': ContractJson[];
  'contract.get': {
    contract: ContractJson;
    unsigned: string[];
    holdings: { asset: string; amount: string }[];
    timeline: TrailEntryJson[];
  };
  'settlement.queue': { time: string; instructions: InstructionJson[]; cycles: SettlementCycleJson[] };
  'settlement.instruction': { instruction: InstructionJson; trail: TrailEntryJson[] };
}

export type ApiResult<M extends ApiMethod> = M extends keyof ApiResults ? ApiResults[M] : unknown;

export type { GuardProgressJson };
