import type { Database } from '../db.ts';
import type { Migration } from './migration.ts';

/**
 * History clustered by its query key (issue 3: the commit cost of a signed transfer). A transfer writes two history
 * rows, and each was three b-tree inserts: the row (appended by rowid) and its entries in history_by_account
 * (account, id) and history_by_account_asset (account, asset, id), each entry landing in a random leaf.
 *
 * history becomes a WITHOUT ROWID table keyed (account, asset, id): the row is its own index, one b-tree insert per
 * row. An asset's page is one backwards range of that key, as before; the all-assets page merges the account's
 * per-asset ranges (queries/history.ts), which an index on (account, id) used to give directly — measured, keeping
 * that index next to the clustered table cost more than the rowid layout it replaces.
 *
 * Ids keep their meaning (newer rows have higher ids; a page cursor is an id). The store now numbers the rows of
 * block h h·2^24 + 0, 1, 2, … (history-ids.ts) instead of taking the next rowid. Rows copied here keep their ids:
 * a database at height H has fewer than 2^24·H rows (a block has far fewer than 2^24 balance changes), so every
 * new row, at height ≥ H + 1, sorts after them, and cursors handed out before the upgrade stay valid.
 */
const schema = `
CREATE TABLE history_v3 (
  account TEXT NOT NULL,
  asset TEXT NOT NULL,
  id INTEGER NOT NULL,
  height INTEGER NOT NULL,
  tx_idx INTEGER NOT NULL,
  delta TEXT NOT NULL,
  balance TEXT NOT NULL,
  counterparty TEXT,
  kind TEXT NOT NULL,
  PRIMARY KEY (account, asset, id)
) STRICT, WITHOUT ROWID;
INSERT INTO history_v3 (account, asset, id, height, tx_idx, delta, balance, counterparty, kind)
  SELECT account, asset, id, height, tx_idx, delta, balance, counterparty, kind FROM history
  ORDER BY account, asset, id;
DROP TABLE history;
ALTER TABLE history_v3 RENAME TO history;
`;

export const clusteredHistory: Migration = {
  version: 3,
  name: 'clustered-history',
  up(db: Database): void {
    db.exec(schema);
  },
};
