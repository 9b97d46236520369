import type { ApiMethod } from '../../../shared/api/contract.ts';
import type {
  BalanceJson,
  BlockSummaryJson,
  ContractDetailJson,
  ContractJson,
  ContractTemplateJson as SharedContractTemplateJson,
  GuardProgressJson,
  HistoryPageJson,
  InboxItemJson,
  InstructionDetailJson,
  InstructionJson,
  ProposalDetailJson,
  SettlementCycleJson,
  SettlementLegJson,
  SettlementQueueJson,
  SignedJson,
  SignerJson,
  StatusJson,
  TrailEntryJson,
} from '../../../shared/api/types.ts';

/**
 * The JSON each API method returns, as the renderer reads it (amounts are decimal strings of minor units, bytes are
 * hex, times are ms since the epoch as strings). Where the API contract's own types (shared/api/types.ts) say it, they
 * are used as they are; what is declared here is what the shared types do not describe yet. Methods not listed
 * here (new ones, as other modules land) type as `unknown` until they are added.
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

export interface TermSpecJson {
  name: string;
  kind: 'asset' | 'amount' | 'time' | 'duration' | 'count' | 'text' | 'role' | 'bill';
  required: boolean;
  description: string;
  asset?: string;
}

/** A template as the wizard reads it: the shared type, with each term's kind narrowed to those the wizard knows. */
export interface ContractTemplateJson extends Omit<SharedContractTemplateJson, 'terms'> {
  terms: TermSpecJson[];
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
  'contract.get': ContractDetailJson;
  'settlement.queue': SettlementQueueJson;
  'settlement.instruction': InstructionDetailJson;
}

export type ApiResult<M extends ApiMethod> = M extends keyof ApiResults ? ApiResults[M] : unknown;

export type { ContractJson, GuardProgressJson, InstructionJson, SettlementCycleJson, SettlementLegJson };
