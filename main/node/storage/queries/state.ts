import type { Codec } from '../../../../shared/encoding/index.ts';
import type { Database } from '../db.ts';
import { prefixEnd } from '../key-range.ts';
import { prepared } from '../statement-cache.ts';
import { asBytes } from '../values.ts';

const SCAN_ALL = 'SELECT key, value FROM state WHERE key >= ? ORDER BY key';
const SCAN_RANGE = 'SELECT key, value FROM state WHERE key >= ? AND key < ? ORDER BY key';

/** State entries under a prefix, in key order (an index range scan, see key-range.ts). */
export function scanState(db: Database, prefix: string): [string, Uint8Array][] {
  const end = prefixEnd(prefix);
  const rows =
    end === undefined
      ? prepared<[string], [string, Uint8Array]>(db, SCAN_ALL, 'raw').all(prefix)
      : prepared<[string, string], [string, Uint8Array]>(db, SCAN_RANGE, 'raw').all(prefix, end);
  return rows.map(([key, value]) => [key, asBytes(value)]);
}

/**
 * Every entity of one kind, decoded: e.g. entities(db, StatePrefix.account, accountCodec). Decoding checks the
 * schema, so a stored record that no longer matches it fails here rather than reaching a client malformed.
 */
export function entities<T>(db: Database, prefix: string, codec: Codec<T>): T[] {
  return scanState(db, prefix).map(([, value]) => codec.decode(value));
}

/** One entity by its state key (e.g. StateKey.proposal(id)), decoded, or undefined when absent. */
export function entity<T>(db: Database, key: string, codec: Codec<T>): T | undefined {
  const value = prepared<[string], Uint8Array>(db, 'SELECT value FROM state WHERE key = ?', 'pluck').get(key);
  return value === undefined ? undefined : codec.decode(asBytes(value));
}
