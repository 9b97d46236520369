import { z } from 'zod';
import {
  accountIdSchema,
  assetIdSchema,
  billSerialSchema,
  proposalIdSchema,
  proposalStatusSchema,
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
  subscribe: z.strictObject({ topic: z.enum(['blocks', 'proposals']) }),
  unsubscribe: z.strictObject({ subscription: z.string().max(64) }),
} as const;

export type ApiMethod = keyof typeof apiParams;
export type ApiParams<M extends ApiMethod> = z.output<(typeof apiParams)[M]>;
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
