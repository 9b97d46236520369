import { hexToBytesStrict } from '../../../../shared/crypto/index.ts';
import type { Database } from '../db.ts';
import { prepared } from '../statement-cache.ts';
import { toDetail, type TxDetail, type TxRow } from './tx-details.ts';

export interface StoredTx extends TxDetail {
  readonly height: number;
  /** Block time, ms since the epoch. */
  readonly time: bigint;
}

interface Row extends TxRow {
  height: number;
  time: string;
}

const HEX_ID = /^[0-9a-f]{64}$/;

export const TX_SQL = `SELECT t.id, t.height, t.idx, t.body, t.code, t.message, t.events, CAST(b.time AS TEXT) AS time
  FROM txs AS t CROSS JOIN blocks AS b ON b.height = t.height
  WHERE t.id = ?`;

/** A committed transaction by id (hex), with its block, outcome and events; undefined if not stored. */
export function tx(db: Database, idHex: string): StoredTx | undefined {
  if (!HEX_ID.test(idHex)) return undefined;
  const row = prepared<[Uint8Array], Row>(db, TX_SQL).get(hexToBytesStrict(idHex));
  if (!row) return undefined;
  return { ...toDetail(row), height: row.height, time: BigInt(row.time) };
}
