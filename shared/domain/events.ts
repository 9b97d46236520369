import type {
  AccountId,
  AssetId,
  BillSerial,
  ContractId,
  InstructionId,
  MemberId,
  ProposalId,
  SignatoryId,
} from './ids.ts';
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
      /** 'contract.obligation': a contract's own step at the end of a block (release, coupon, payout, DvP legs). */
      kind: OperationType | 'contract.obligation';
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
  /** A validator-set change decided by governance, effective from `height` (power 0 removes the validator). */
  | { type: 'validator.change-scheduled'; validator: string; name: string; power: number; height: number }
  /** The change took effect: the set that decides block `height` onwards includes it. */
  | { type: 'validator.changed'; validator: string; name: string; power: number; height: number }
  /** A validator's equivocation, proven by two conflicting signed votes (public key hex). */
  | { type: 'evidence.committed'; validator: string; height: number; round: number; voteType: 'prevote' | 'precommit' }
  | { type: 'bill.issued'; serial: BillSerial; drawer: AccountId; payee: AccountId; faceValue: bigint }
  | { type: 'bill.endorsed'; serial: BillSerial; from: AccountId; to: AccountId }
  | { type: 'bill.discounted'; serial: BillSerial; from: AccountId; to: AccountId; price: bigint }
  /** A bill a contract could not pay at maturity: the drawer lacked the funds (main/node/contracts, bill-maturity). */
  | {
      type: 'bill.dishonoured';
      serial: BillSerial;
      drawer: AccountId;
      holder: AccountId;
      amount: bigint;
      contract: ContractId;
    }
  // ── Contracts (main/node/contracts): every step carries the contract id, for the contract's timeline ──
  | { type: 'contract.created'; contract: ContractId; template: string; version: number; drafter: AccountId }
  | { type: 'contract.signed'; contract: ContractId; party: string; account: AccountId; remaining: number }
  | { type: 'contract.activated'; contract: ContractId }
  | { type: 'contract.attested'; contract: ContractId; party: string; account: AccountId; fact: string }
  /** Funds moved from a party into the contract's holding (escrow), counted in the asset's conservation. */
  | { type: 'contract.locked'; contract: ContractId; account: AccountId; asset: AssetId; amount: bigint }
  /** Funds moved out of the contract's holding: `reason` is release, refund or payout. */
  | { type: 'contract.released'; contract: ContractId; to: AccountId; asset: AssetId; amount: bigint; reason: string }
  /** A payment the contract made between parties' (or holders') accounts: premium, coupon-N, principal, leg, bill. */
  | {
      type: 'contract.paid';
      contract: ContractId;
      from: AccountId;
      to: AccountId;
      asset: AssetId;
      amount: bigint;
      purpose: string;
    }
  | { type: 'contract.executed'; contract: ContractId }
  | { type: 'contract.expired'; contract: ContractId; stage: 'draft' | 'active' }
  | { type: 'contract.terminated'; contract: ContractId; reason: string }
  /** An obligation could not be met (funds missing at a coupon date, a DvP leg): the contract ends here. */
  | { type: 'contract.defaulted'; contract: ContractId; code: string; message: string }
  | { type: 'bill.paid'; serial: BillSerial; drawer: AccountId; holder: AccountId; amount: bigint }
  /** An end-of-block hook failed with a coded error: everything it did in this block was dropped. */
  | { type: 'block.hook-failed'; hook: string; code: string; message: string }
  // ── Settlement (main/node/settlement): events about one instruction carry its id, for the instruction's trail ──
  | {
      type: 'settlement.instructed';
      instruction: InstructionId;
      kind: 'payment' | 'dvp';
      mode: 'rtgs' | 'scheduled' | 'deferred-net';
      priority: 'urgent' | 'normal';
    }
  /** An attempt to settle failed and the instruction waits (once per change of reason, not once per block). */
  | { type: 'settlement.waiting'; instruction: InstructionId; code: string; message: string }
  | { type: 'settlement.held'; instruction: InstructionId }
  | { type: 'settlement.released'; instruction: InstructionId }
  | { type: 'settlement.cancelled'; instruction: InstructionId }
  | { type: 'settlement.reprioritised'; instruction: InstructionId; priority: 'urgent' | 'normal' }
  | { type: 'settlement.expired'; instruction: InstructionId }
  /** `via`: alone from the queue (rtgs), in an offsetting set (gridlock), or at a cut-off (net, with its time). */
  | { type: 'settlement.settled'; instruction: InstructionId; via: 'rtgs' | 'gridlock' | 'net'; cutoff?: bigint }
  /** Gridlock resolution settled `count` queued instructions together. */
  | { type: 'settlement.gridlock'; count: number }
  /** A deferred-net cut-off ran: how many instructions settled, which participants were excluded. */
  | {
      type: 'settlement.cutoff';
      asset: AssetId;
      cutoff: bigint;
      outcome: 'settled' | 'failed' | 'empty';
      settled: number;
      excluded: AccountId[];
    }
  /** One participant's multilateral net position at a cut-off (signed: positive receives). */
  | { type: 'settlement.net-position'; asset: AssetId; account: AccountId; delta: bigint; cutoff: bigint }
  | { type: 'settlement.cycle-set'; asset: AssetId; nextCutoff: bigint };

export type LedgerEventType = LedgerEvent['type'];
