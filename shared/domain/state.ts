import { z } from 'zod';
import { defineCodec, s } from '../encoding/index.ts';
import {
  accountIdSchema,
  assetIdSchema,
  billSerialSchema,
  memberIdSchema,
  proposalIdSchema,
  signatoryIdSchema,
} from './ids.ts';
import { actionSchema, assetKind, timeMs } from './operations.ts';
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

/** The singleton governance record: the policy that guards member, signatory, account and policy changes. */
export const governanceSchema = z.strictObject({ policy: policySchema });
export type Governance = z.output<typeof governanceSchema>;

const entity = { maxBytes: 256 * 1024, maxDepth: 12 };
export const memberCodec = defineCodec('member', memberSchema, entity);
export const signatoryCodec = defineCodec('signatory', signatorySchema, entity);
export const accountCodec = defineCodec('account', accountSchema, entity);
export const assetCodec = defineCodec('asset', assetSchema, entity);
export const proposalCodec = defineCodec('proposal', proposalSchema, entity);
export const billCodec = defineCodec('bill', billSchema, entity);
export const governanceCodec = defineCodec('governance', governanceSchema, entity);
