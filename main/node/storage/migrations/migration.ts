import type { Database } from '../db.ts';

/**
 * One schema change. `version` is its place in the monotonic list (migrations/index.ts) and the value `user_version`
 * takes once it has run; `up` runs inside a transaction opened by the migrator, so it must not open its own.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
