import { z } from 'zod';
import { defineCodec, s } from '../encoding/index.ts';
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
import {
  actionSchema,
  assetKind,
  settlementCycleFields,
  settlementLegSchema,
  settlementMode,
  settlementPriority,
  settlementReference,
  timeMs,
} from './operations.ts';
import { policySchema, roleSchema } from './policy.ts';

/**
 * The ledger's entities as they are stored in state (canonical CBOR under a key, see main/node/ledger/keys.ts) and
 * returned by the API. Field names are part of the app hash: renaming one is a protocol change.
 */

const name = s.text(128, 1);

export const memberSchema = z.strictObject({ id: memberIdSchema, name });
export type Member = z.output<typeof memberSchema>;

export const signatorySchema = z.strictObject({
  id: signatoryIdSchema,
  publicKey: s.bytes({ max: 65 }),
  member: memberIdSchema,
  name,
  roles: z.array(roleSchema).max(8),
  active: z.boolean(),
});
export type Signatory = z.output<typeof signatorySchema>;

export const accountSchema = z.strictObject({
  id: accountIdSchema,
  owner: memberIdSchema,
  name,
  policy: policySchema,
});
export type Account = z.output<typeof accountSchema>;

export const assetSchema = z.strictObject({
  id: assetIdSchema,
  kind: assetKind,
  code: s.text(32, 1),
  name,
  decimals: s.uint(18),
  issuer: accountIdSchema,
  /** Issued minus redeemed, in minor units. */
  supply: s.u64,
});
export type Asset = z.output<typeof assetSchema>;

export const proposalStatusSchema = z.enum(['pending', 'executed', 'failed', 'rejected', 'cancelled', 'expired']);
export type ProposalStatus = z.output<typeof proposalStatusSchema>;

const stamp = { height: s.uint(), time: timeMs };

export const proposalSchema = z.strictObject({
  id: proposalIdSchema,
  account: accountIdSchema.optional(),
  action: actionSchema,
  salt: s.bytes({ length: 16 }),
  proposer: signatoryIdSchema,
  /** What must approve: "gov" (the governance policy) and/or account ids, fixed when the proposal is created. */
  guards: z.array(z.string().max(64)).min(1).max(4),
  created: z.strictObject(stamp),
  expiresAt: timeMs,
  status: proposalStatusSchema,
  /** Approvals that count now. Approvals of signatories who left the policy are moved to `dropped`. */
  approvals: z.array(z.strictObject({ signatory: signatoryIdSchema, signature: s.bytes({ max: 65 }), ...stamp })),
  rejections: z.array(z.strictObject({ signatory: signatoryIdSchema, reason: s.text(512), ...stamp })),
  dropped: z.array(z.strictObject({ signatory: signatoryIdSchema, ...stamp })),
  /** Set when the proposal left `pending`. */
  closed: z.strictObject({ ...stamp, code: s.text(64), message: s.text(512).optional() }).optional(),
});
export type Proposal = z.output<typeof proposalSchema>;

export const billStatusSchema = z.enum(['outstanding', 'paid', 'dishonoured']);
export const billSchema = z.strictObject({
  serial: billSerialSchema,
  drawer: accountIdSchema,
  payee: accountIdSchema,
  holder: accountIdSchema,
  currency: assetIdSchema,
  faceValue: s.u64,
  maturity: timeMs,
  issued: z.strictObject(stamp),
  status: billStatusSchema,
  /** Number of endorsements so far; each one is an event in the bill's chain. */
  endorsements: s.uint(),
});
export type Bill = z.output<typeof billSchema>;

/**
 * A contract instance (main/node/contracts): a versioned template, its named parties and terms, and where it is in
 * its life. `nextAt` is the block time of its next timed step (signing deadline, release, coupon, expiry); `progress`
 * is the template's own bookkeeping (coupons paid, amounts locked).
 */
export const contractStatusSchema = z.enum(['drafted', 'active', 'executed', 'expired', 'terminated', 'defaulted']);
export type ContractStatus = z.output<typeof contractStatusSchema>;
export const contractTermValueSchema = z.union([s.text(256), s.u64, z.boolean()]);
export type ContractTermValue = z.output<typeof contractTermValueSchema>;
const contractRecord = z.record(s.text(64, 1), contractTermValueSchema);
const contractParty = z.strictObject({ role: roleSchema, account: accountIdSchema });
export const contractSchema = z.strictObject({
  id: contractIdSchema,
  template: s.text(64, 1),
  version: s.uint(1000),
  parties: z.array(contractParty).min(1).max(16),
  terms: contractRecord,
  status: contractStatusSchema,
  created: z.strictObject({ ...stamp, txId: s.text(64) }),
  /** A draft not signed by every party by this block time expires. */
  signBy: timeMs,
  signatures: z.array(z.strictObject({ ...contractParty.shape, ...stamp, txId: s.text(64) })).max(16),
  attestations: z.array(z.strictObject({ role: roleSchema, fact: s.text(128, 1), ...stamp, txId: s.text(64) })).max(64),
  activated: z.strictObject(stamp).optional(),
  nextAt: timeMs.optional(),
  progress: contractRecord,
  /** Set when the contract reached executed, expired, terminated or defaulted. */
  closed: z.strictObject({ ...stamp, code: s.text(64), message: s.text(512).optional() }).optional(),
});
export type Contract = z.output<typeof contractSchema>;

export const instructionStatusSchema = z.enum(['queued', 'held', 'settled', 'cancelled', 'expired']);
export type InstructionStatus = z.output<typeof instructionStatusSchema>;

/**
 * A settlement instruction (main/node/settlement): a payment (one leg) or a DvP (two legs, settling together).
 * Open while `queued` or `held`; `seq` is its place in the queue (FIFO within a priority class).
 */
export const instructionSchema = z.strictObject({
  id: instructionIdSchema,
  kind: z.enum(['payment', 'dvp']),
  mode: settlementMode,
  priority: settlementPriority,
  legs: z.array(settlementLegSchema).min(1).max(2),
  settleAt: timeMs.optional(),
  expiresAt: timeMs.optional(),
  reference: settlementReference.optional(),
  status: instructionStatusSchema,
  seq: s.u64,
  /** Where it entered the ledger: block, time, and the transaction (hex id) that submitted or approved it. */
  submitted: z.strictObject({ ...stamp, tx: s.text(64) }),
  /** While open: the code of the last failed attempt to settle it (INSUFFICIENT_FUNDS, NET_EXCLUDED, ...). */
  waiting: s.text(64).optional(),
  /** Set when it left the queue: settled (with how), cancelled or expired. */
  closed: z
    .strictObject({
      ...stamp,
      code: s.text(64),
      via: z.enum(['rtgs', 'gridlock', 'net']).optional(),
      cutoff: timeMs.optional(),
    })
    .optional(),
});
export type Instruction = z.output<typeof instructionSchema>;

/** The deferred-net cycle of one currency, with the next cut-off to run and the last one that ran. */
export const settlementCycleSchema = z.strictObject({
  ...settlementCycleFields,
  nextCutoff: timeMs,
  last: z.strictObject({ ...stamp, cutoff: timeMs }).optional(),
});
export type SettlementCycle = z.output<typeof settlementCycleSchema>;

/** The singleton governance record: the policy that guards member, signatory, account and policy changes. */
export const governanceSchema = z.strictObject({ policy: policySchema });
export type Governance = z.output<typeof governanceSchema>;

/** A validator of the current set, kept in state so the ledger can check evidence against it. */
export const validatorSchema = z.strictObject({
  publicKey: s.bytes({ max: 65 }),
  name: s.text(64, 1),
  power: s.uint(1_000_000),
});
export type ValidatorRecord = z.output<typeof validatorSchema>;

/** Committed proof that a validator signed two different votes for one height, round and type. */
export const evidenceSchema = z.strictObject({
  validator: s.bytes({ max: 65 }),
  height: s.uint(),
  round: s.uint(1_000_000),
  voteType: z.enum(['prevote', 'precommit']),
  /** The two block hashes voted for (null = nil), in bytewise order so the record does not depend on who reported. */
  votes: z.array(s.bytes({ length: 32 }).nullable()).length(2),
  committedHeight: s.uint(),
  txId: s.text(64, 1),
});
export type Evidence = z.output<typeof evidenceSchema>;

const entity = { maxBytes: 256 * 1024, maxDepth: 12 };
export const memberCodec = defineCodec('member', memberSchema, entity);
export const signatoryCodec = defineCodec('signatory', signatorySchema, entity);
export const accountCodec = defineCodec('account', accountSchema, entity);
export const assetCodec = defineCodec('asset', assetSchema, entity);
export const proposalCodec = defineCodec('proposal', proposalSchema, entity);
export const billCodec = defineCodec('bill', billSchema, entity);
export const governanceCodec = defineCodec('governance', governanceSchema, entity);
export const instructionCodec = defineCodec('instruction', instructionSchema, entity);
export const settlementCycleCodec = defineCodec('settlement cycle', settlementCycleSchema, entity);
export const contractCodec = defineCodec('contract', contractSchema, entity);
export const validatorCodec = defineCodec('validator', validatorSchema, entity);
export const evidenceCodec = defineCodec('evidence', evidenceSchema, entity);
