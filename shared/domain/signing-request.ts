import { z } from 'zod';
import { accountIdSchema, chainIdSchema, proposalIdSchema, signatoryIdSchema } from './ids.ts';
import { actionSchema, timeMs } from './operations.ts';
import { s } from '../encoding/index.ts';

/**
 * Offline signing files. A signing request carries the exact canonical bytes of a proposal (what its id hashes), so
 * a machine with no node and no network can check what it signs: it recomputes the hash from the bytes and builds
 * the summary from the bytes, not from the file's word. The answer carries the approval and a complete signed
 * transaction that submits it. Both are JSON written in one exact form with a digest of their content, so any
 * change to a file — even to a label — is refused with a reason.
 */

const hex = (what: string, bytes?: number) =>
  z
    .string()
    .regex(bytes === undefined ? /^(?:[0-9a-f]{2})+$/ : new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `${what} must be hex`);
const digest = hex('digest', 32);

export const SIGNING_REQUEST_FORMAT = 'countersign-signing-request';
export const APPROVAL_FILE_FORMAT = 'countersign-approval';

export const signingRequestSchema = z.strictObject({
  format: z.literal(SIGNING_REQUEST_FORMAT),
  version: z.literal(1),
  chainId: chainIdSchema,
  proposal: proposalIdSchema,
  /** Canonical CBOR of {account?, action, expiresAt, salt}: the proposal's content. */
  bytes: hex('bytes').max(200_000),
  /** Tagged hash of `bytes` (domain "proposal", the chain id): what an approval signs; equals `proposal`. */
  hash: hex('hash', 32),
  /** How far ahead the submitting transaction's expiry may be on this network. */
  maxTxLifetimeMs: z.string().regex(/^\d+$/),
  summary: z.strictObject({
    /** Plain-language lines from the exporting node (the signer rebuilds the action line from `bytes`). */
    lines: z.array(z.string().max(500)).max(50),
    /** Display hints for amounts: decimals and codes per asset id. */
    assets: z.record(
      z.string().max(32),
      z.strictObject({ decimals: z.number().int().min(0).max(18), code: z.string().max(32).optional() }),
    ),
  }),
  exportedAt: z.string().max(40),
  digest,
});
export type SigningRequestFile = z.output<typeof signingRequestSchema>;

export const approvalFileSchema = z.strictObject({
  format: z.literal(APPROVAL_FILE_FORMAT),
  version: z.literal(1),
  chainId: chainIdSchema,
  proposal: proposalIdSchema,
  hash: hex('hash', 32),
  signatory: z.strictObject({ id: signatoryIdSchema, label: z.string().max(64), publicKey: hex('publicKey') }),
  /** Signature over `hash`. */
  signature: hex('signature'),
  /** A signed transaction (canonical CBOR, hex) whose one operation is this approval. */
  tx: hex('tx').max(131_072),
  signedAt: z.string().max(40),
  digest,
});
export type ApprovalFile = z.output<typeof approvalFileSchema>;

/** The decoded content of a request's `bytes`. */
export const proposalContentSchema = z.strictObject({
  account: accountIdSchema.optional(),
  action: actionSchema,
  expiresAt: timeMs,
  salt: s.bytes({ length: 16 }),
});
