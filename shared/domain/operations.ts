import { z } from 'zod';
import { s } from '../encoding/index.ts';
import {
  accountIdSchema,
  assetIdSchema,
  billSerialSchema,
  contractIdSchema,
  instructionIdSchema,
  memberIdSchema,
  proposalIdSchema,
  signatoryIdSchema,
} from './ids.ts';
import { policySchema, roleSchema } from './policy.ts';

/**
 * Every change to the ledger is one of these operations, discriminated by `type`. They are typed here, in one place,
 * so the encoding of each is fixed before the modules that execute them (ledger, settlement, contracts) exist.
 * Field names are part of the signed bytes: renaming one is a protocol change.
 */

const name = s.text(128, 1);
const publicKey = s.bytes({ max: 65 });
const signature = s.bytes({ max: 65 });
/** Block time in milliseconds since the Unix epoch. */
export const timeMs = s.u64;

const op = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape });

// ── Members, signatories, policies (governance) ─────────────────────────────────────────────────────────────────
export const memberAdd = op('member.add', { member: memberIdSchema, name });
export const signatoryAdd = op('signatory.add', {
  publicKey,
  member: memberIdSchema,
  name,
  roles: z.array(roleSchema).max(8),
});
export const signatoryRemove = op('signatory.remove', { signatory: signatoryIdSchema });
/** Replace the policy of an account, or the governance policy when `account` is absent. */
export const policySet = op('policy.set', { account: accountIdSchema.optional(), policy: policySchema });
export const validatorSet = op('validator.set', { publicKey, power: s.uint(1_000_000), name });

// ── Accounts and assets ─────────────────────────────────────────────────────────────────────────────────────────
export const accountCreate = op('account.create', {
  account: accountIdSchema,
  owner: memberIdSchema,
  name,
  policy: policySchema,
});
export const assetKind = z.enum(['currency', 'security', 'commodity']);
export const assetDefine = op('asset.define', {
  asset: assetIdSchema,
  kind: assetKind,
  /** ISO 4217 code for currencies, ISIN for securities, a free name for commodities. */
  code: s.text(32, 1),
  name,
  decimals: s.uint(18),
  issuer: accountIdSchema,
});
export const assetIssue = op('asset.issue', { asset: assetIdSchema, to: accountIdSchema, amount: s.u64 });
export const assetRedeem = op('asset.redeem', { asset: assetIdSchema, from: accountIdSchema, amount: s.u64 });
export const transfer = op('transfer', {
  from: accountIdSchema,
  to: accountIdSchema,
  asset: assetIdSchema,
  amount: s.u64,
  memo: s.text(256).optional(),
});

// ── Digital bills ───────────────────────────────────────────────────────────────────────────────────────────────
export const billIssue = op('bill.issue', {
  serial: billSerialSchema,
  drawer: accountIdSchema,
  payee: accountIdSchema,
  currency: assetIdSchema,
  faceValue: s.u64,
  maturity: timeMs,
});
export const billEndorse = op('bill.endorse', { serial: billSerialSchema, from: accountIdSchema, to: accountIdSchema });
/** Endorse against payment: the bill moves to `to` and `price` of the bill's currency moves back, atomically. */
export const billDiscount = op('bill.discount', {
  serial: billSerialSchema,
  from: accountIdSchema,
  to: accountIdSchema,
  price: s.u64,
});
export const billPay = op('bill.pay', { serial: billSerialSchema });

// ── Settlement (executed by main/node/settlement) ───────────────────────────────────────────────────────────────
export const settlementMode = z.enum(['rtgs', 'scheduled', 'deferred-net']);
export const settlementPriority = z.enum(['urgent', 'normal']);
const leg = z.strictObject({ from: accountIdSchema, to: accountIdSchema, asset: assetIdSchema, amount: s.u64 });
/** ISO 20022 identifiers of an imported instruction: message id, instruction id, end-to-end id, UETR. */
export const settlementReference = z.strictObject({
  msgId: s.text(35, 1),
  instrId: s.text(35, 1),
  endToEndId: s.text(35, 1),
  uetr: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'uetr must be a UUID v4')
    .optional(),
});
export const settlementInstruct = op('settlement.instruct', {
  instruction: instructionIdSchema,
  mode: settlementMode,
  priority: settlementPriority,
  /** A payment has one leg; a DvP has a securities leg and a cash leg that settle together or not at all. */
  legs: z.array(leg).min(1).max(2),
  settleAt: timeMs.optional(),
  expiresAt: timeMs.optional(),
  /** Identifiers from outside the ledger (an ISO 20022 pacs.009 import), kept for status reports (pacs.002). */
  reference: settlementReference.optional(),
});
export const settlementAction = op('settlement.action', {
  instruction: instructionIdSchema,
  action: z.enum(['hold', 'release', 'cancel', 'reprioritise']),
  priority: settlementPriority.optional(),
});
export const settlementLegSchema = leg;
/** What a deferred-net cut-off does when a participant cannot cover its net debit (docs/settlement.md). */
export const settlementShortfall = z.enum(['all-or-nothing', 'exclude']);
/** A cycle's interval: at least a minute, at most 366 days. */
export const settlementIntervalRule = {
  check: (n: bigint) => n >= 60_000n && n <= 366n * 86_400_000n,
  message: 'intervalMs must be from 60000 (a minute) to 31622400000 (366 days)',
};
/** A deferred-net cycle of one currency: cut-offs at firstCutoff + k × intervalMs (k = 0, 1, ...). */
export const settlementCycleFields = {
  asset: assetIdSchema,
  firstCutoff: timeMs,
  intervalMs: s.u64.refine(settlementIntervalRule.check, { message: settlementIntervalRule.message }),
  onShortfall: settlementShortfall,
};
/** Governance: define or change the deferred-net cycle of a currency. */
export const settlementCycleSet = op('settlement.cycle.set', settlementCycleFields);

// ── Contracts (executed by main/node/contracts) ─────────────────────────────────────────────────────────────────
export const contractCreate = op('contract.create', {
  contract: contractIdSchema,
  template: s.text(64, 1),
  version: s.uint(1000),
  parties: z
    .array(z.strictObject({ role: roleSchema, account: accountIdSchema }))
    .min(1)
    .max(16),
  /** Template-specific terms, validated by the template. */
  terms: z.record(z.string().max(64), z.union([z.string().max(256), s.u64, z.boolean()])),
});
export const contractSign = op('contract.sign', { contract: contractIdSchema, party: roleSchema });
export const contractAttest = op('contract.attest', {
  contract: contractIdSchema,
  party: roleSchema,
  fact: s.text(128, 1),
});
export const contractTerminate = op('contract.terminate', { contract: contractIdSchema, reason: s.text(256) });

/** Everything a proposal can carry: any operation that acts on an account or on governance. */
export const actionSchema = z.discriminatedUnion('type', [
  memberAdd,
  signatoryAdd,
  signatoryRemove,
  policySet,
  validatorSet,
  accountCreate,
  assetDefine,
  assetIssue,
  assetRedeem,
  transfer,
  billIssue,
  billEndorse,
  billDiscount,
  billPay,
  settlementInstruct,
  settlementAction,
  settlementCycleSet,
  contractCreate,
  contractSign,
  contractAttest,
  contractTerminate,
]);
export type Action = z.output<typeof actionSchema>;

// ── Proposals: an action waiting for approvals under a policy ───────────────────────────────────────────────────
/** An approval is a signature over the proposal's hash (see proposalHash), made by one signatory. */
export const approvalSchema = z.strictObject({ publicKey, signature });
export type Approval = z.output<typeof approvalSchema>;

export const proposalCreate = op('proposal.create', {
  /** The account whose policy guards the action; absent for governance actions. */
  account: accountIdSchema.optional(),
  action: actionSchema,
  /** Block time after which the proposal can no longer execute. */
  expiresAt: timeMs,
  /** Distinguishes two otherwise identical proposals (same action twice is legitimate: two equal payments). */
  salt: s.bytes({ length: 16 }),
  /** The proposer's own approval may come with the proposal. */
  approval: approvalSchema.optional(),
});
export const proposalApprove = op('proposal.approve', { proposal: proposalIdSchema, approval: approvalSchema });
export const proposalReject = op('proposal.reject', { proposal: proposalIdSchema, reason: s.text(512) });
export const proposalCancel = op('proposal.cancel', { proposal: proposalIdSchema });

// ── Consensus evidence ──────────────────────────────────────────────────────────────────────────────────────────
/** Two conflicting signed votes by one validator, as raw encoded votes (decoded and checked by consensus). */
export const evidenceSubmit = op('evidence.submit', { voteA: s.bytes({ max: 1024 }), voteB: s.bytes({ max: 1024 }) });

export const operationSchema = z.discriminatedUnion('type', [
  ...actionSchema.options,
  proposalCreate,
  proposalApprove,
  proposalReject,
  proposalCancel,
  evidenceSubmit,
]);
export type Operation = z.output<typeof operationSchema>;
export type OperationType = Operation['type'];
