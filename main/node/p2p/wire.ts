import { z } from 'zod';
import { defineCodec, encodeHead, s } from '../../../shared/encoding/index.ts';
import { MAX_BLOCK_BYTES, MAX_TX_BYTES } from '../../../shared/domain/index.ts';
import { MAX_FRAME_BYTES, MAX_TX_BATCH } from './protocols.ts';

/**
 * The p2p layer's own messages (consensus messages and transactions use the ledger's codecs unchanged). Canonical
 * CBOR with strict schemas, like everything else that crosses a trust boundary.
 */

/** Status stream: a node's height and last block hash, and pings whose pongs measure the round trip. */
export const statusMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('status'), height: s.uint(), hash: s.bytes({ length: 32 }).nullable() }),
  z.strictObject({ kind: z.literal('ping'), nonce: s.uint(0xffff_ffff) }),
  z.strictObject({ kind: z.literal('pong'), nonce: s.uint(0xffff_ffff) }),
]);
export type StatusMessage = z.output<typeof statusMessageSchema>;
export const statusMessageCodec = defineCodec('status message', statusMessageSchema, { maxBytes: 256, maxDepth: 2 });

/** Sync request: blocks from..to inclusive. */
export const syncRequestSchema = z
  .strictObject({ from: s.uint().min(1), to: s.uint() })
  .refine((r) => r.to >= r.from, { message: 'to must not be below from' });
export type SyncRequest = z.output<typeof syncRequestSchema>;
export const syncRequestCodec = defineCodec('sync request', syncRequestSchema, { maxBytes: 64, maxDepth: 2 });

/** One frame of a sync response: a block and its commit certificate, as stored (each decoded by its own codec). */
export const syncBlockSchema = z.strictObject({
  block: s.bytes({ max: MAX_BLOCK_BYTES }),
  commit: s.bytes({ max: 64 * 1024 }),
});
export const syncBlockCodec = defineCodec('sync block', syncBlockSchema, {
  maxBytes: MAX_BLOCK_BYTES + 65 * 1024,
  maxDepth: 2,
});

/** Transaction gossip frame: transactions as their encoded bytes (each decoded by the mempool, on its workers). */
export const txBatchSchema = z.strictObject({
  txs: z
    .array(s.bytes({ max: MAX_TX_BYTES }))
    .min(1)
    .max(MAX_TX_BATCH),
});
export type TxBatch = z.output<typeof txBatchSchema>;
export const txBatchCodec = defineCodec('transaction batch', txBatchSchema, {
  maxBytes: MAX_FRAME_BYTES.tx,
  maxDepth: 2,
});

const TXS_KEY = Uint8Array.of(0x63, 0x74, 0x78, 0x73); // the text "txs"

/**
 * txBatchCodec.encode's exact bytes, assembled directly: a batch is a map of one key to an array of byte strings, so
 * its canonical form needs no encoder, and every transaction a node relays passes through here once per peer.
 * Callers pass what the codec would accept (1..MAX_TX_BATCH transactions of at most MAX_TX_BYTES each).
 */
export function encodeTxBatch(txs: readonly Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(0xa1), TXS_KEY, encodeHead(4, txs.length)];
  for (const tx of txs) parts.push(encodeHead(2, tx.length), tx);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
