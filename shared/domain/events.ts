import type { AccountId, AssetId, BillSerial, MemberId, ProposalId, SignatoryId } from './ids.ts';
import type { OperationType } from './operations.ts';

/**
 * What a transaction did, for the audit trail and the indexes (account history, proposal trail, bill chain).
 * Events are produced by the pure ledger, stored with their transaction and block, and returned by the API.
 * Every amount is minor units.
 */
export type LedgerEvent =
  /**
   * One per balance change: the account history is built from these. `delta` is signed; `kind` is the operation
   * that caused it (`transfer`, `asset.issue`, `bill.discount`, ...).
   */
  | {
      type: 'balance';
      account: AccountId;
      asset: AssetId;
      delta: bigint;
      balance: bigint;
      counterparty?: AccountId;
      kind: OperationType;
    }
  | { type: 'transfer'; from: AccountId; to: AccountId; asset: AssetId; amount: bigint; memo?: string }
  | { type: 'asset.defined'; asset: AssetId; issuer: AccountId }
  | { type: 'asset.issued'; asset: AssetId; to: AccountId; amount: bigint; supply: bigint }
  | { type: 'asset.redeemed'; asset: AssetId; from: AccountId; amount: bigint; supply: bigint }
  | { type: 'member.added'; member: MemberId }
  | { type: 'signatory.added'; signatory: SignatoryId; member: MemberId }
  | { type: 'signatory.removed'; signatory: SignatoryId }
  | { type: 'account.created'; account: AccountId; owner: MemberId }
  | { type: 'policy.changed'; account?: AccountId }
  | {
      type: 'proposal.created';
      proposal: ProposalId;
      proposer: SignatoryId;
      account?: AccountId;
      action: OperationType;
    }
  | { type: 'proposal.approved'; proposal: ProposalId; signatory: SignatoryId }
  | { type: 'proposal.rejected'; proposal: ProposalId; signatory: SignatoryId; reason: string; final: boolean }
  | { type: 'proposal.cancelled'; proposal: ProposalId; signatory: SignatoryId }
  | { type: 'proposal.expired'; proposal: ProposalId }
  | { type: 'proposal.approvals-dropped'; proposal: ProposalId; signatories: SignatoryId[] }
  | { type: 'proposal.executed'; proposal: ProposalId }
  | { type: 'proposal.failed'; proposal: ProposalId; code: string; message: string }
  | { type: 'bill.issued'; serial: BillSerial; drawer: AccountId; payee: AccountId; faceValue: bigint }
  | { type: 'bill.endorsed'; serial: BillSerial; from: AccountId; to: AccountId }
  | { type: 'bill.discounted'; serial: BillSerial; from: AccountId; to: AccountId; price: bigint }
  | { type: 'bill.paid'; serial: BillSerial; drawer: AccountId; holder: AccountId; amount: bigint };

export type LedgerEventType = LedgerEvent['type'];
