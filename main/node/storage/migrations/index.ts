import { initial } from './0001-initial.ts';
import { blockEvents } from './0002-block-events.ts';
import { clusteredHistory } from './0003-clustered-history.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

/** Every migration, in order. Append only: a released migration never changes, a new one gets the next version. */
export const MIGRATIONS: readonly Migration[] = [initial, blockEvents, clusteredHistory];

export const LATEST_VERSION = MIGRATIONS.length;
