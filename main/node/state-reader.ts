import type { Database } from './storage/index.ts';
import { scanState } from './storage/index.ts';
import type { StateReader } from './ledger/interface.ts';

/** Ledger state as of the last commit, through a read handle: for queries that evaluate policies. */
export function stateReaderOf(db: Database): StateReader {
  const get = db.prepare<[string], { value: Uint8Array }>('SELECT value FROM state WHERE key = ?');
  return {
    get: (key) => {
      const row = get.get(key);
      return row ? new Uint8Array(row.value) : undefined;
    },
    scan: (prefix) => scanState(db, prefix),
  };
}
