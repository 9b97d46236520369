import { bytesToHex } from '../../../../shared/crypto/index.ts';
import type { Database } from '../db.ts';
import { StorageError, StorageErrorCode } from '../errors.ts';
import { prepared } from '../statement-cache.ts';
import { checkLimit } from './page.ts';

export interface HistoryEntry {
  readonly height: number;
  /** Block time, ms since the epoch. */
  readonly time: bigint;
  /** Hex of the transaction id. */
  readonly txId: string;
  readonly asset: string;
  /** Signed change in minor units. */
  readonly delta: bigint;
  /** The balance after the change. */
  readonly balance: bigint;
  readonly counterparty?: string;
  /** The operation type that caused the change. */
  readonly kind: string;
}

export interface HistoryPage {
  readonly entries: HistoryEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface HistoryQuery {
  readonly account: string;
  readonly asset?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit: number;
}

interface Row {
  id: number;
  height: number;
  time: string;
  tx_id: Uint8Array | null;
  asset: string;
  delta: string;
  balance: string;
  counterparty: string | null;
  kind: string;
}

/**
 * Keyset pagination: `id < cursor ORDER BY id DESC` walks the (account[, asset], id) index backwards from the
 * cursor, so a page costs the same on the millionth row as on the first, and rows committed meanwhile (higher ids)
 * never shift a page. The joins keep the order (history first, then one index lookup each into txs and blocks;
 * LEFT because a block-level change — end-of-block settlement — has no transaction: its txId is "");
 * the storage tests check the plan with EXPLAIN QUERY PLAN. Time is read as text because it is a u64.
 */
const select = `SELECT h.id, h.height, CAST(b.time AS TEXT) AS time, t.id AS tx_id, h.asset, h.delta, h.balance,
    h.counterparty, h.kind
  FROM history AS h
  LEFT JOIN txs AS t ON t.height = h.height AND t.idx = h.tx_idx
  CROSS JOIN blocks AS b ON b.height = h.height`;
export const HISTORY_SQL = `${select} WHERE h.account = ? AND h.id < ? ORDER BY h.id DESC LIMIT ?`;
export const HISTORY_BY_ASSET_SQL = `${select} WHERE h.account = ? AND h.asset = ? AND h.id < ? ORDER BY h.id DESC LIMIT ?`;

const INT64_MAX = (1n << 63n) - 1n;

/** An account's balance changes, newest first, optionally for one asset. */
export function accountHistory(db: Database, q: HistoryQuery): HistoryPage {
  const limit = checkLimit(q.limit);
  const before = q.cursor === undefined ? INT64_MAX : parseCursor(q.cursor);
  // One row more than asked tells whether another page exists, so the last page says so (nextCursor null).
  const rows =
    q.asset === undefined
      ? prepared<[string, bigint, number], Row>(db, HISTORY_SQL).all(q.account, before, limit + 1)
      : prepared<[string, string, bigint, number], Row>(db, HISTORY_BY_ASSET_SQL).all(
          q.account,
          q.asset,
          before,
          limit + 1,
        );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map(toEntry),
    nextCursor: rows.length > limit && last ? String(last.id) : null,
  };
}

function toEntry(row: Row): HistoryEntry {
  const entry = {
    height: row.height,
    time: BigInt(row.time),
    txId: row.tx_id === null ? '' : bytesToHex(row.tx_id),
    asset: row.asset,
    delta: BigInt(row.delta),
    balance: BigInt(row.balance),
    kind: row.kind,
  };
  return row.counterparty === null ? entry : { ...entry, counterparty: row.counterparty };
}

/** The cursor is a history row id in base 10; anything else did not come from this code. */
function parseCursor(cursor: string): bigint {
  if (!/^[1-9][0-9]{0,18}$/.test(cursor) || BigInt(cursor) > INT64_MAX) {
    throw new StorageError(StorageErrorCode.BAD_CURSOR, 'cursor is not one returned by a previous page');
  }
  return BigInt(cursor);
}
