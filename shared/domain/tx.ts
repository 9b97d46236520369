import { z } from 'zod';
import { defineCodec, s } from '../encoding/index.ts';
import { chainIdSchema } from './ids.ts';
import { operationSchema, timeMs } from './operations.ts';

export const MAX_OPS_PER_TX = 64;
export const MAX_SIGNATURES_PER_TX = 16;
export const MAX_TX_BYTES = 64 * 1024;

/**
 * What a transaction's signers sign (through txHash). Replay protection is by transaction id: the ledger remembers
 * every executed id until its `expiresAt` has passed and refuses an `expiresAt` too far ahead, so a body executes at
 * most once and the memory of ids stays bounded. The random `nonce` lets two otherwise equal bodies coexist. This
 * needs no per-signer counter, so branch offices can prepare transactions offline and in parallel. The chain id is
 * both in the body and in the hash domain.
 */
export const txBodySchema = z.strictObject({
  chainId: chainIdSchema,
  expiresAt: timeMs,
  nonce: s.bytes({ length: 8 }),
  ops: z.array(operationSchema).min(1).max(MAX_OPS_PER_TX),
  memo: s.text(256).optional(),
});
export type TxBody = z.output<typeof txBodySchema>;

/** A signature over txHash(body) by a registered key. */
export const txSignatureSchema = z.strictObject({ publicKey: s.bytes({ max: 65 }), signature: s.bytes({ max: 65 }) });
export type TxSignature = z.output<typeof txSignatureSchema>;

export const txSchema = z.strictObject({
  body: txBodySchema,
  signatures: z.array(txSignatureSchema).min(1).max(MAX_SIGNATURES_PER_TX),
});
export type Tx = z.output<typeof txSchema>;

export const txBodyCodec = defineCodec('transaction body', txBodySchema, { maxBytes: MAX_TX_BYTES, maxDepth: 12 });
export const txCodec = defineCodec('transaction', txSchema, { maxBytes: MAX_TX_BYTES, maxDepth: 12 });
