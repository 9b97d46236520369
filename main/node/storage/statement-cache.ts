import type { Statement } from 'better-sqlite3';
import type { Database } from './db.ts';

/** How rows come back: objects keyed by column, arrays of columns (raw), or the first column alone (pluck). */
export type RowMode = 'object' | 'raw' | 'pluck';

/**
 * Query functions are plain (db, ...args) functions; this keeps each one's statement prepared once per connection
 * instead of once per call. Weakly keyed, so a closed and dropped connection takes its statements with it. The row
 * mode is set here, once, because better-sqlite3's modes stick to the statement.
 */
const cache = new WeakMap<Database, Map<string, Statement>>();

export function prepared<P extends unknown[], R>(db: Database, sql: string, mode: RowMode = 'object'): Statement<P, R> {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  const key = `${mode}:${sql}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = db.prepare(sql);
    if (mode === 'raw') statement.raw();
    if (mode === 'pluck') statement.pluck();
    statements.set(key, statement);
  }
  return statement as unknown as Statement<P, R>;
}
