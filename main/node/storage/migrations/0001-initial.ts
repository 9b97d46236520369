import type { Database } from '../db.ts';
import type { Migration } from './migration.ts';

/**
 * The first schema. Every table is STRICT so a value of the wrong type is an error, not a silent conversion.
 * WITHOUT ROWID where the primary key is the natural key and rows are small (state, meta, events, proposals): the
 * row lives in the key's b-tree, so a lookup is one search. `txs` keeps a rowid on purpose: its bodies run to kilobytes
 * and its key is a random hash, the case SQLite advises against clustering (rows append by rowid instead, and the id
 * index stays small).
 *
 * u64 amounts are TEXT (decimal) because SQLite's INTEGER is signed 64-bit; times (ms) fit INTEGER for any real clock.
 *
 * No foreign keys: every row of a block is written by the one store, in one transaction, after the block's checks;
 * the constraint lookups cost a third of the commit time of a transfer and could catch nothing that can happen.
 * Rows per transfer are kept to the ones queries need: the transaction (with its events inline), two history rows,
 * two state rows.
 */
const schema = `
CREATE TABLE state (
  key TEXT PRIMARY KEY,
  value BLOB NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value BLOB NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE blocks (
  height INTEGER PRIMARY KEY,
  hash BLOB NOT NULL UNIQUE,
  previous_hash BLOB NOT NULL,
  app_hash BLOB NOT NULL,
  time INTEGER NOT NULL,
  tx_count INTEGER NOT NULL,
  header BLOB NOT NULL,
  commit_cert BLOB
) STRICT;

-- events: the transaction's events, one canonical CBOR array (read with the transaction, never queried inside).
CREATE TABLE txs (
  id BLOB NOT NULL PRIMARY KEY,
  height INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  body BLOB NOT NULL,
  code TEXT NOT NULL,
  message TEXT,
  events BLOB NOT NULL,
  UNIQUE (height, idx)
) STRICT;

-- The trail index: only events that concern a proposal or a bill, each once, for proposal trails and bill chains.
CREATE TABLE events (
  height INTEGER NOT NULL,
  tx_idx INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  data BLOB NOT NULL,
  proposal TEXT,
  bill TEXT,
  PRIMARY KEY (height, tx_idx, idx)
) STRICT, WITHOUT ROWID;
CREATE INDEX events_by_proposal ON events (proposal) WHERE proposal IS NOT NULL;
CREATE INDEX events_by_bill ON events (bill) WHERE bill IS NOT NULL;

CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  account TEXT NOT NULL,
  asset TEXT NOT NULL,
  height INTEGER NOT NULL,
  tx_idx INTEGER NOT NULL,
  delta TEXT NOT NULL,
  balance TEXT NOT NULL,
  counterparty TEXT,
  kind TEXT NOT NULL
) STRICT;
-- Keyset pagination newest first: (account[, asset]) equality, then id descending, straight off the index.
CREATE INDEX history_by_account ON history (account, id);
CREATE INDEX history_by_account_asset ON history (account, asset, id);

CREATE TABLE proposals (
  id TEXT PRIMARY KEY,
  account TEXT,
  status TEXT NOT NULL,
  proposer TEXT NOT NULL,
  created_height INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  action_type TEXT NOT NULL
) STRICT, WITHOUT ROWID;
-- created_height follows the filter column so "newest first" needs no sort.
CREATE INDEX proposals_by_status ON proposals (status, created_height);
CREATE INDEX proposals_by_account ON proposals (account, created_height);
CREATE INDEX proposals_by_created ON proposals (created_height);
`;

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db: Database): void {
    db.exec(schema);
  },
};
