import BetterSqlite3 from 'better-sqlite3';
import { StorageError, StorageErrorCode } from './errors.ts';
import { migrate, refuseTooNew, schemaVersion } from './migrate.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts';

export type Database = BetterSqlite3.Database;

export interface OpenOptions {
  /** A read handle for queries: no migrations, no writes. WAL lets it read while the writer commits. */
  readonly readonly?: boolean;
}

/** How long a connection waits on a lock held by another before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens the node's database. The write handle (one per process) sets WAL and runs pending migrations; a read handle
 * requires the schema to be exactly the code's version, so it never reads a layout it does not know.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Database {
  const readonly = opts.readonly ?? false;
  const db = new BetterSqlite3(file, { readonly, fileMustExist: readonly });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Before any pragma that writes the file header: a database from newer code is left exactly as it was.
    refuseTooNew(schemaVersion(db), LATEST_VERSION);
    if (readonly) {
      checkReadable(db);
    } else {
      // WAL: readers never block the writer. FULL: the WAL is fsynced at every commit, so a committed block survives
      // kill -9 and power loss (NORMAL would only survive a process crash).
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      // A larger page cache keeps the state table's upper b-tree levels in memory during bulk commits.
      db.pragma('cache_size = -32768');
      // Checkpoint every ~40 MB of WAL rather than SQLite's 4 MB: a busy block touches a few MB, and copying hot
      // pages back into the database after every block or two cost about a fifth of commit throughput. Durability
      // is the WAL's (fsynced at each commit), so this trades only WAL size, which journal_size_limit caps.
      db.pragma('wal_autocheckpoint = 10000');
      db.pragma('journal_size_limit = 67108864');
      migrate(db, MIGRATIONS);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function checkReadable(db: Database): void {
  const version = schemaVersion(db);
  if (version < LATEST_VERSION) {
    throw new StorageError(
      StorageErrorCode.DATABASE_TOO_OLD,
      `database schema version ${version} is older than this code's version ${LATEST_VERSION}; open it for writing first`,
    );
  }
}
