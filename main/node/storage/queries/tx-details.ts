import { bytesToHex } from '../../../../shared/crypto/index.ts';
import { txCodec, type LedgerEvent, type Tx } from '../../../../shared/domain/index.ts';
import type { Database } from '../db.ts';
import { decodeEvent } from '../events.ts';
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
}

interface EventRow {
  tx_idx: number;
  data: Uint8Array;
}

/** A block's transactions in order, each with its events (two range scans on (height, …) keys). */
export function blockTxs(db: Database, height: number): TxDetail[] {
  const txs = prepared<[number], TxRow>(
    db,
    'SELECT id, idx, body, code, message FROM txs WHERE height = ? ORDER BY idx',
  ).all(height);
  const events = prepared<[number], EventRow>(
    db,
    'SELECT tx_idx, data FROM events WHERE height = ? ORDER BY tx_idx, idx',
  ).all(height);
  const byTx = new Map<number, LedgerEvent[]>();
  for (const row of events) {
    const list = byTx.get(row.tx_idx) ?? [];
    list.push(decodeEvent(row.data));
    byTx.set(row.tx_idx, list);
  }
  return txs.map((row) => toDetail(row, byTx.get(row.idx) ?? []));
}

/** One transaction's events in order. */
export function txEvents(db: Database, height: number, index: number): LedgerEvent[] {
  return prepared<[number, number], Uint8Array>(
    db,
    'SELECT data FROM events WHERE height = ? AND tx_idx = ? ORDER BY idx',
    'pluck',
  )
    .all(height, index)
    .map(decodeEvent);
}

export function toDetail(row: TxRow, events: LedgerEvent[]): TxDetail {
  const detail = { id: bytesToHex(row.id), index: row.idx, code: row.code, tx: txCodec.decode(row.body), events };
  return row.message === null ? detail : { ...detail, message: row.message };
}
