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
  /** Text: history ids can pass 2^53 (row-keys.ts). */
  id: string;
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
 * History is keyed (account, asset, id) (0003-clustered-history), newer rows with higher ids. One asset's page is one
 * backwards walk of that key from the cursor (`id < cursor ORDER BY id DESC`), so a page costs the same on the
 * millionth row as on the first, and rows committed meanwhile (higher ids) never shift a page. The joins keep the
 * order (history first, then one index lookup each into txs and blocks; LEFT because a block-level change —
 * end-of-block settlement — has no transaction: its txId is ""); the storage tests check every plan with EXPLAIN
 * QUERY PLAN. Ids and time are read as text because they can exceed 2^53.
 */
const select = `SELECT CAST(h.id AS TEXT) AS id, h.height, CAST(b.time AS TEXT) AS time, t.id AS tx_id, h.asset, h.delta,
    h.balance, h.counterparty, h.kind
  FROM history AS h
  LEFT JOIN txs AS t ON t.height = h.height AND t.idx = h.tx_idx
  CROSS JOIN blocks AS b ON b.height = h.height`;
export const HISTORY_BY_ASSET_SQL = `${select} WHERE h.account = ? AND h.asset = ? AND h.id < ? ORDER BY h.id DESC LIMIT ?`;
/** The rows of one asset between two ids (both included), newest first: pass 2 of the all-assets page. */
export const HISTORY_RANGE_SQL = `${select} WHERE h.account = ? AND h.asset = ? AND h.id >= ? AND h.id <= ? ORDER BY h.id DESC`;
/** Ids alone, newest first: pass 1 of the all-assets page (which rows of each asset make the page). */
export const HISTORY_IDS_SQL =
  'SELECT id FROM history WHERE account = ? AND asset = ? AND id < ? ORDER BY id DESC LIMIT ?';
/** The account's assets, one index search each: the first, then the next after a given one. */
export const HISTORY_FIRST_ASSET_SQL = 'SELECT asset FROM history WHERE account = ? ORDER BY asset LIMIT 1';
export const HISTORY_NEXT_ASSET_SQL =
  'SELECT asset FROM history WHERE account = ? AND asset > ? ORDER BY asset LIMIT 1';

const INT64_MAX = (1n << 63n) - 1n;

/** An account's balance changes, newest first, optionally for one asset. */
export function accountHistory(db: Database, q: HistoryQuery): HistoryPage {
  const limit = checkLimit(q.limit);
  const before = q.cursor === undefined ? INT64_MAX : parseCursor(q.cursor);
  // One row more than asked tells whether another page exists, so the last page says so (nextCursor null).
  const assets = q.asset === undefined ? assetsOf(db, q.account) : [q.asset];
  const rows =
    assets.length === 1
      ? prepared<[string, string, bigint, number], Row>(db, HISTORY_BY_ASSET_SQL).all(
          q.account,
          assets[0]!,
          before,
          limit + 1,
        )
      : mergedRows(db, q.account, assets, before, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map(toEntry),
    nextCursor: rows.length > limit && last ? last.id : null,
  };
}

/** Every asset the account has history in, by a skip-scan of the (account, asset, id) key. */
function assetsOf(db: Database, account: string): string[] {
  const next = prepared<[string, string], string>(db, HISTORY_NEXT_ASSET_SQL, 'pluck');
  const assets: string[] = [];
  let asset = prepared<[string], string>(db, HISTORY_FIRST_ASSET_SQL, 'pluck').get(account);
  while (asset !== undefined) {
    assets.push(asset);
    asset = next.get(account, asset);
  }
  return assets;
}

/**
 * The newest `n` rows below `before` across several assets. Pass 1 reads only ids, up to n per asset, and merges
 * them to find which rows of each asset make the page; pass 2 reads those rows with their joins, by id range. Rows
 * committed between the passes have higher ids than any range of pass 2, so they cannot slip into the page.
 */
function mergedRows(db: Database, account: string, assets: readonly string[], before: bigint, n: number): Row[] {
  const ids = prepared<[string, string, bigint, number], bigint>(db, HISTORY_IDS_SQL, 'pluck').safeIntegers(true);
  const perAsset = assets.map((asset) => ids.all(account, asset, before, n));
  const taken = assets.map(() => 0);
  for (let picked = 0; picked < n; picked++) {
    let best = -1;
    for (let a = 0; a < assets.length; a++) {
      const id = perAsset[a]![taken[a]!];
      if (id !== undefined && (best < 0 || id > perAsset[best]![taken[best]!]!)) best = a;
    }
    if (best < 0) break;
    taken[best]!++;
  }
  const range = prepared<[string, string, bigint, bigint], Row>(db, HISTORY_RANGE_SQL);
  const rows = assets.flatMap((asset, a) => {
    const t = taken[a]!;
    return t === 0 ? [] : range.all(account, asset, perAsset[a]![t - 1]!, perAsset[a]![0]!);
  });
  return rows.sort((x, y) => compareIds(y.id, x.id));
}

/** Orders ids given as base-10 text without leading zeros. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
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
