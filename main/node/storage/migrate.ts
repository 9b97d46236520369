import type { Database } from './db.ts';
import { StorageError, StorageErrorCode } from './errors.ts';
import type { Migration } from './migrations/index.ts';

/** The schema version recorded in the database header (0 for a new file). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to the last of `migrations`, one transaction per migration, each setting `user_version` in
 * the same transaction so a crash leaves the database at a version boundary. Refuses a database newer than the code:
 * an old binary must not write into a schema it does not know.
 */
export function migrate(db: Database, migrations: readonly Migration[]): void {
  assertMonotonic(migrations);
  const latest = migrations.length;
  const current = schemaVersion(db);
  refuseTooNew(current, latest);
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db);
      // Pragmas take no bound parameters; m.version is a checked integer.
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function refuseTooNew(current: number, latest: number): void {
  if (current > latest) {
    throw new StorageError(
      StorageErrorCode.DATABASE_TOO_NEW,
      `database schema version ${current} is newer than this code's latest version ${latest}; use a newer release`,
    );
  }
}

/** Versions must be 1, 2, 3, …: a gap or a reordering is a programming error caught before anything runs. */
function assertMonotonic(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
}
