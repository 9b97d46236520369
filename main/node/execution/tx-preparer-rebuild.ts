import { decode } from 'cborg';
import type { Operation, Tx } from '../../../shared/domain/index.ts';

/**
 * A worker hands back each transaction it decoded strictly, and cloning that object between threads — serialising it
 * on the worker, rebuilding it on the main thread — cost more CPU than decoding it (about 20 µs a transfer, of some
 * 250 in all; issue 3). For the transaction the throughput path is made of, transfers only, the worker sends no object:
 * the main thread, which holds the same bytes, decodes them plainly and shapes the value as the schema's output. The
 * worker's strict decode has accepted exactly these bytes, so the plain decode finds the same values; what the schema
 * adds is only u64 → bigint (s.u64) and its key order, both done here. test/unit/main/node/execution checks the result
 * equals txCodec.decode on random transfers, key order included. Any other transaction crosses as before.
 */

/** Whether the main thread can rebuild this (strictly decoded) transaction from its bytes: every op a transfer. */
export function rebuildable(tx: Tx): boolean {
  return tx.body.ops.every((op) => op.type === 'transfer');
}

interface PlainTransfer {
  type: string;
  from: string;
  to: string;
  asset: string;
  amount: number | bigint;
  memo?: string;
}
interface PlainTx {
  body: { chainId: string; expiresAt: number | bigint; nonce: Uint8Array; ops: PlainTransfer[]; memo?: string };
  signatures: { publicKey: Uint8Array; signature: Uint8Array }[];
}

/** txCodec.decode(encoded) for bytes that txCodec.decode has accepted and whose ops are all transfers. */
export function rebuildTransfers(encoded: Uint8Array): Tx {
  const { body, signatures } = decode(encoded) as PlainTx;
  const ops = body.ops.map((op): Operation => {
    if (op.type !== 'transfer') throw new Error(`rebuildTransfers: op "${op.type}" is not a transfer`);
    const out = { type: op.type, from: op.from, to: op.to, asset: op.asset, amount: BigInt(op.amount) };
    return (op.memo === undefined ? out : { ...out, memo: op.memo }) as Operation;
  });
  const b = { chainId: body.chainId, expiresAt: BigInt(body.expiresAt), nonce: body.nonce, ops };
  return {
    body: body.memo === undefined ? b : { ...b, memo: body.memo },
    signatures: signatures.map((s) => ({ publicKey: s.publicKey, signature: s.signature })),
  } as Tx;
}
