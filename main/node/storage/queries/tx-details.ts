import { bytesToHex } from '../../../../shared/crypto/index.ts';
import { txCodec, type LedgerEvent, type Tx } from '../../../../shared/domain/index.ts';
import type { Database } from '../db.ts';
import { decodeEventList } from '../events.ts';
import { prepared } from '../statement-cache.ts';

/** A stored transaction with its outcome, as block() and tx() return it. */
export interface TxDetail {
  /** Hex of the transaction id. */
  readonly id: string;
  readonly index: number;
  readonly code: string;
  readonly message?: string;
  readonly tx: Tx;
  readonly events: LedgerEvent[];
}

export interface TxRow {
  id: Uint8Array;
  idx: number;
  body: Uint8Array;
  code: string;
  message: string | null;
  /** The transaction's events: one canonical CBOR array. */
  events: Uint8Array;
}

/** A block's transactions in order, each with its events (one range scan on the (height, idx) key). */
export function blockTxs(db: Database, height: number): TxDetail[] {
  return prepared<[number], TxRow>(
    db,
    'SELECT id, idx, body, code, message, events FROM txs WHERE height = ? ORDER BY idx',
  )
    .all(height)
    .map(toDetail);
}

export function toDetail(row: TxRow): TxDetail {
  const detail = {
    id: bytesToHex(row.id),
    index: row.idx,
    code: row.code,
    tx: txCodec.decode(row.body),
    events: decodeEventList(row.events) as LedgerEvent[],
  };
  return row.message === null ? detail : { ...detail, message: row.message };
}
