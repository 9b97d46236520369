import { z } from 'zod';
import { s } from '../encoding/index.ts';
import { assetIdSchema, signatoryIdSchema } from './ids.ts';

/** A role a signatory can hold, named by the member institution: `treasury`, `trader`, `operations`. */
export const roleSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'role must be 1–32 of a–z, 0–9 and "-"');

/** "At least `min` approvals from signatories holding `role`" — several clauses must all hold. */
export const roleClauseSchema = z.strictObject({ role: roleSchema, min: s.uint(64).min(1) });

/** Stricter requirements for larger amounts of one asset: applies when an action moves more than `above`. */
export const amountTierSchema = z.strictObject({
  asset: assetIdSchema,
  above: s.u64,
  threshold: s.uint(1_000_000).min(1),
  roles: z.array(roleClauseSchema).max(8).optional(),
});

/**
 * Who must approve actions on an account or a governance action: M-of-N by weight over named signatories, role
 * clauses, and amount tiers. A proposal's action executes in the block where the approvals satisfy the requirement
 * that applies to it: the base threshold and roles, raised by every amount tier the action exceeds.
 */
export const policySchema = z.strictObject({
  signatories: z
    .array(z.strictObject({ signatory: signatoryIdSchema, weight: s.uint(1000).min(1) }))
    .min(1)
    .max(64),
  threshold: s.uint(1_000_000).min(1),
  roles: z.array(roleClauseSchema).max(8).optional(),
  tiers: z.array(amountTierSchema).max(16).optional(),
  /** How long a proposal under this policy stays open, in milliseconds of block time. */
  proposalLifetimeMs: s.uint().min(60_000).optional(),
});
export type Policy = z.output<typeof policySchema>;
export type RoleClause = z.output<typeof roleClauseSchema>;
export type AmountTier = z.output<typeof amountTierSchema>;
