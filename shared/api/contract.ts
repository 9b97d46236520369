import { z } from 'zod';
import {
  accountIdSchema,
  assetIdSchema,
  billSerialSchema,
  instructionIdSchema,
  instructionStatusSchema,
  contractIdSchema,
  contractStatusSchema,
  proposalIdSchema,
  proposalStatusSchema,
  roleSchema,
  settlementMode,
  settlementPriority,
  signatoryIdSchema,
} from '../domain/index.ts';

/**
 * The node's one API, served over JSON-RPC 2.0 (HTTP and WebSocket) by main/node/api and over IPC by main/electron.
 * Each method has a strict parameter schema (unknown fields refused) checked at the edge, and a JSON result type.
 * In JSON, amounts are decimal strings of minor units and byte strings are lower-case hex.
 */

const hex = (what: string, maxBytes: number) =>
  z
    .string()
    .max(maxBytes * 2)
    .regex(/^(?:[0-9a-f]{2})*$/, `${what} must be lower-case hex`);
const hash = (what: string) => z.string().regex(/^[0-9a-f]{64}$/, `${what} must be 64 hex digits`);
const none = z.strictObject({});

export const MAX_SUBMIT_TX_BYTES = 64 * 1024;

/** An amount in minor units as a decimal string (JSON has no 64-bit integers). */
const minorUnits = z.string().regex(/^[1-9][0-9]{0,19}$/, 'amount must be a positive whole number of minor units');

/** Which of the node's keys signs, and the passphrase (keystore) or PIN (token) that opens it; never stored. */
const signWith = {
  signer: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'signer must be a key label'),
  secret: z.string().min(1).max(1024).optional(),
};

export const apiParams = {
  'node.status': none,
  'block.get': z.union([z.strictObject({ height: z.number().int().min(1) }), z.strictObject({ hash: hash('hash') })]),
  'block.list': z.strictObject({ before: z.number().int().min(1).optional(), limit: z.number().int().min(1).max(100) }),
  'tx.get': z.strictObject({ id: hash('id') }),
  /** A signed transaction, canonical CBOR as hex. */
  'tx.submit': z.strictObject({ tx: hex('tx', MAX_SUBMIT_TX_BYTES).min(2) }),
  'member.list': none,
  'signatory.list': none,
  'account.list': none,
  'account.get': z.strictObject({ account: accountIdSchema }),
  'account.balances': z.strictObject({ account: accountIdSchema }),
  'account.history': z.strictObject({
    account: accountIdSchema,
    asset: assetIdSchema.optional(),
    /** Opaque cursor from a previous page's `nextCursor`. */
    cursor: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(500),
  }),
  'asset.list': none,
  'proposal.get': z.strictObject({ id: proposalIdSchema }),
  'proposal.list': z.strictObject({
    status: proposalStatusSchema.optional(),
    account: accountIdSchema.optional(),
    /** Only proposals this signatory can still approve. */
    awaiting: signatoryIdSchema.optional(),
    limit: z.number().int().min(1).max(500).optional(),
  }),
  /** A proposal's offline signing request (docs/offline-signing.md), without the file's digest. */
  'proposal.signingRequest': z.strictObject({ id: proposalIdSchema }),
  'bill.get': z.strictObject({ serial: billSerialSchema }),
  'bill.list': none,
  /** Committed proofs of validators' double signing. */
  'evidence.list': none,
  /** The contract template registry: each template's roles and terms (main/node/contracts, docs/contracts.md). */
  'contract.templates': none,
  /** Contracts, by id; filtered by status, by a party's account, by template. */
  'contract.list': z.strictObject({
    status: contractStatusSchema.optional(),
    party: accountIdSchema.optional(),
    template: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  }),
  /** A contract, what it holds, and its timeline: each step with its block and transaction ("" for block events). */
  'contract.get': z.strictObject({ id: contractIdSchema }),
  // ── Signing with the node's own keys (console and app). The caller names a key by label and gives its passphrase or
  // PIN; the key is opened, signs and is closed inside the node: private keys never leave it. ──────────────────────
  /** The signatory keys this node holds (development key files, encrypted keystores, PKCS#11 references). */
  'signer.list': none,
  /** Pending proposals that a key of this node can still approve, soonest expiry first, with their progress. */
  'proposal.inbox': z.strictObject({ limit: z.number().int().min(1).max(500).optional() }),
  /**
   * Proposes an action, signed by `signer`; with `approve` the proposer's approval comes with it. The policies that
   * guard the action decide who else must approve (the debtor account's for transfers and settlement).
   */
  'proposal.propose': z.strictObject({
    ...signWith,
    action: z.discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('transfer'),
        from: accountIdSchema,
        to: accountIdSchema,
        asset: assetIdSchema,
        amount: minorUnits,
        memo: z.string().max(256).optional(),
      }),
      z.strictObject({
        type: z.literal('settlement.instruct'),
        instruction: instructionIdSchema,
        mode: settlementMode,
        priority: settlementPriority,
        legs: z
          .array(
            z.strictObject({ from: accountIdSchema, to: accountIdSchema, asset: assetIdSchema, amount: minorUnits }),
          )
          .min(1)
          .max(2),
        /** ms since the epoch, decimal (scheduled mode). */
        settleAt: z
          .string()
          .regex(/^[0-9]{1,16}$/)
          .optional(),
        expiresAt: z
          .string()
          .regex(/^[0-9]{1,16}$/)
          .optional(),
      }),
      z.strictObject({
        type: z.literal('settlement.action'),
        instruction: instructionIdSchema,
        action: z.enum(['hold', 'release', 'cancel', 'reprioritise']),
        priority: settlementPriority.optional(),
      }),
      z.strictObject({
        type: z.literal('contract.create'),
        contract: contractIdSchema,
        template: z.string().min(1).max(64),
        version: z.number().int().min(1).max(1000),
        parties: z
          .array(z.strictObject({ role: roleSchema, account: accountIdSchema }))
          .min(1)
          .max(16),
        /** Numbers (amount, time, duration, count terms) as decimal strings; the template's kinds say which. */
        terms: z.record(z.string().max(64), z.union([z.string().max(256), z.boolean()])),
      }),
      z.strictObject({ type: z.literal('contract.sign'), contract: contractIdSchema, party: roleSchema }),
      z.strictObject({
        type: z.literal('contract.attest'),
        contract: contractIdSchema,
        party: roleSchema,
        fact: z.string().min(1).max(128),
      }),
    ]),
    /** How long approvals are collected, from now. */
    expiresInMs: z
      .number()
      .int()
      .min(60_000)
      .max(90 * 24 * 3_600_000),
    approve: z.boolean(),
  }),
  'proposal.approve': z.strictObject({ ...signWith, id: proposalIdSchema }),
  'proposal.reject': z.strictObject({ ...signWith, id: proposalIdSchema, reason: z.string().min(1).max(512) }),
  'proposal.cancel': z.strictObject({ ...signWith, id: proposalIdSchema }),
  /** An approval file (docs/offline-signing.md) as its exact text: checked like `request import`, then submitted. */
  'proposal.importApproval': z.strictObject({ file: z.string().max(300_000) }),
  // ── Settlement (docs/settlement.md). Instructions and queue actions are submitted as signed transactions. ──────
  /**
   * Instructions in queue order (urgent first, then FIFO) — the open ones (queued and held) unless `status` asks for
   * others (newest first) — with each deferred-net cycle's next cut-off and its net-position preview.
   */
  'settlement.queue': z.strictObject({
    mode: settlementMode.optional(),
    status: instructionStatusSchema.optional(),
    limit: z.number().int().min(1).max(500).optional(),
  }),
  /** One instruction with its trail: submission, queue actions, waits, and how it settled. */
  'settlement.instruction': z.strictObject({ id: instructionIdSchema }),
  subscribe: z.strictObject({ topic: z.enum(['blocks', 'proposals']) }),
  unsubscribe: z.strictObject({ subscription: z.string().max(64) }),
} as const;

export type ApiMethod = keyof typeof apiParams;
export type ApiParams<M extends ApiMethod> = z.output<(typeof apiParams)[M]>;
/** What a caller passes (before parsing: plain strings where ApiParams has branded ids). */
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiParams)[M]>;
export const API_METHODS = Object.keys(apiParams) as ApiMethod[];

/** JSON-RPC error codes: the standard ones, and ours in the server-error range with a `data.code` string. */
export const RpcErrorCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** The request was understood and refused: data.code says why (e.g. ENCODING_TRAILING_BYTES, TX_EXPIRED). */
  REJECTED: -32000,
  NOT_FOUND: -32001,
  UNAUTHORIZED: -32003,
  TOO_LARGE: -32004,
} as const;
