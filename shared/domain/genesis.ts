import { z } from 'zod';
import { defineCodec, s } from '../encoding/index.ts';
import { accountIdSchema, assetIdSchema, chainIdSchema, memberIdSchema } from './ids.ts';
import { assetKind, settlementCycleFields, settlementIntervalRule, timeMs } from './operations.ts';
import { policySchema, roleSchema } from './policy.ts';

/**
 * The genesis document: a network's initial members, signatories, governance policy, accounts, assets, balances
 * and validators. In its JSON file (genesis.json in every node home), byte strings are hex and amounts and times
 * are decimal strings; genesisJsonSchema converts that form into this one, refusing anything else with the field.
 */
export const nodeRoleSchema = z.enum(['validator', 'observer']);

export const genesisSchema = z.strictObject({
  chainId: chainIdSchema,
  genesisTime: timeMs,
  params: z.strictObject({
    /** How far ahead a transaction's expiresAt may be: bounds how long the ledger remembers transaction ids. */
    maxTxLifetimeMs: s.u64,
  }),
  validators: z
    .array(z.strictObject({ name: s.text(64, 1), publicKey: s.bytes({ max: 65 }), power: s.uint(1_000_000).min(1) }))
    .min(1)
    .max(100),
  /**
   * The network's node registry: the p2p identity (an Ed25519 node key, tagged form) of every node allowed to
   * connect, validators and observers alike. Absent on single-node networks.
   */
  nodes: z
    .array(z.strictObject({ name: s.text(64, 1), role: nodeRoleSchema, nodeKey: s.bytes({ max: 65 }) }))
    .max(1000)
    .optional(),
  members: z.array(z.strictObject({ id: memberIdSchema, name: s.text(128, 1) })).max(1000),
  signatories: z
    .array(
      z.strictObject({
        publicKey: s.bytes({ max: 65 }),
        member: memberIdSchema,
        name: s.text(128, 1),
        roles: z.array(roleSchema).max(8),
      }),
    )
    .max(10_000),
  governance: policySchema,
  accounts: z
    .array(z.strictObject({ id: accountIdSchema, owner: memberIdSchema, name: s.text(128, 1), policy: policySchema }))
    .max(100_000),
  assets: z
    .array(
      z.strictObject({
        id: assetIdSchema,
        kind: assetKind,
        code: s.text(32, 1),
        name: s.text(128, 1),
        decimals: s.uint(18),
        issuer: accountIdSchema,
      }),
    )
    .max(10_000),
  balances: z.array(z.strictObject({ account: accountIdSchema, asset: assetIdSchema, amount: s.u64 })).max(1_000_000),
  /** Deferred-net settlement cycles per currency (main/node/settlement); governance changes them later. */
  settlement: z.strictObject({ cycles: z.array(z.strictObject(settlementCycleFields)).max(100) }).optional(),
});
export type Genesis = z.output<typeof genesisSchema>;
export const genesisCodec = defineCodec('genesis', genesisSchema, { maxBytes: 64 * 1024 * 1024, maxDepth: 12 });

const hexBytes = z
  .string()
  .regex(/^(?:[0-9a-f]{2})+$/, 'must be lower-case hex')
  .transform((h) => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16))));
const decimal = z
  .string()
  .regex(/^(0|[1-9][0-9]*)$/, 'must be a decimal string of minor units')
  .transform((d) => BigInt(d));

/** Tier thresholds are amounts: decimal strings in JSON. */
const jsonPolicy = z.preprocess((p: unknown) => {
  if (typeof p !== 'object' || p === null || !Array.isArray((p as { tiers?: unknown }).tiers)) return p;
  const tiers = (p as { tiers: unknown[] }).tiers.map((t) =>
    typeof t === 'object' &&
    t !== null &&
    typeof (t as { above?: unknown }).above === 'string' &&
    /^\d+$/.test((t as { above: string }).above)
      ? { ...t, above: BigInt((t as { above: string }).above) }
      : t,
  );
  return { ...p, tiers };
}, policySchema);

/** The JSON file form: hex for keys, decimal strings for amounts and times. Output is a Genesis. */
export const genesisJsonSchema = genesisSchema.extend({
  governance: jsonPolicy,
  accounts: z
    .array(z.strictObject({ id: accountIdSchema, owner: memberIdSchema, name: s.text(128, 1), policy: jsonPolicy }))
    .max(100_000),
  genesisTime: decimal,
  params: z.strictObject({ maxTxLifetimeMs: decimal }),
  validators: z
    .array(z.strictObject({ name: s.text(64, 1), publicKey: hexBytes, power: s.uint(1_000_000).min(1) }))
    .min(1)
    .max(100),
  nodes: z
    .array(z.strictObject({ name: s.text(64, 1), role: nodeRoleSchema, nodeKey: hexBytes }))
    .max(1000)
    .optional(),
  signatories: z
    .array(
      z.strictObject({
        publicKey: hexBytes,
        member: memberIdSchema,
        name: s.text(128, 1),
        roles: z.array(roleSchema).max(8),
      }),
    )
    .max(10_000),
  balances: z.array(z.strictObject({ account: accountIdSchema, asset: assetIdSchema, amount: decimal })).max(1_000_000),
  settlement: z
    .strictObject({
      cycles: z
        .array(
          z.strictObject({
            ...settlementCycleFields,
            firstCutoff: decimal,
            intervalMs: decimal.refine(settlementIntervalRule.check, { message: settlementIntervalRule.message }),
          }),
        )
        .max(100),
    })
    .optional(),
});

/** Inverse of genesisJsonSchema, for writing genesis.json. */
export function genesisToJson(g: Genesis): unknown {
  return JSON.parse(
    JSON.stringify(g, (_k, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
      return v;
    }),
  );
}
