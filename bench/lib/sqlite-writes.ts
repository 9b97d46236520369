import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';

export interface SqliteWriteResult {
  /** Rows inserted per second, `rowsPerTx` rows per committed transaction. */
  readonly rowsPerSecond: number;
  readonly rowsPerTx: number;
  /** Committed (fsynced) transactions per second of one row each: the disk's commit rate. */
  readonly commitsPerSecond: number;
}

/**
 * SQLite as the node configures it (main/node/storage/db.ts: WAL, synchronous = FULL, a 32 MiB page cache): prepared
 * inserts of ~100-byte rows into a STRICT table keyed like the node's txs table, inside transactions of `rowsPerTx`
 * rows (a block's worth), for `ms`; then one-row transactions, each fsynced at commit.
 */
export function sqliteWrites(file: string, ms = 1500, rowsPerTx = 5000): SqliteWriteResult {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -32768');
    db.pragma('wal_autocheckpoint = 10000');
    db.exec(
      'CREATE TABLE rows (height INTEGER NOT NULL, idx INTEGER NOT NULL, id BLOB NOT NULL, data BLOB NOT NULL, ' +
        'PRIMARY KEY (height, idx)) STRICT',
    );
    const insert = db.prepare('INSERT INTO rows (height, idx, id, data) VALUES (?, ?, ?, ?)');
    const data = randomBytes(64);
    let height = 0;
    const block = db.transaction((n: number) => {
      height++;
      for (let i = 0; i < n; i++) insert.run(height, i, randomBytes(32), data);
    });
    block(rowsPerTx); // warm-up
    let rows = 0;
    let start = performance.now();
    while (performance.now() - start < ms) {
      block(rowsPerTx);
      rows += rowsPerTx;
    }
    const rowsPerSecond = Math.round(rows / ((performance.now() - start) / 1000));
    let commits = 0;
    start = performance.now();
    while (performance.now() - start < ms) {
      block(1);
      commits++;
    }
    const commitsPerSecond = Math.round(commits / ((performance.now() - start) / 1000));
    return { rowsPerSecond, rowsPerTx, commitsPerSecond };
  } finally {
    db.close();
  }
}
