import type { Database } from '../db.ts';
import type { Migration } from './migration.ts';

/**
 * Block events and the settlement and contract indexes.
 * - block_events: the events of a block's end-of-block phase (scheduled settlement, cut-offs, contract obligations),
 *   one canonical CBOR array per block, like a transaction's events.
 * - events gains the instruction and contract a trail event concerns. Block events are indexed there too, with
 *   tx_idx = the block's transaction count (they happen after its last transaction, and no transaction has that
 *   index), so a trail query reads transaction and block events in chain order.
 * - instructions: the read-side index of settlement instructions, derived from their state records (as proposals are).
 */
const schema = `
CREATE TABLE block_events (
  height INTEGER PRIMARY KEY,
  events BLOB NOT NULL
) STRICT;

ALTER TABLE events ADD COLUMN instruction TEXT;
ALTER TABLE events ADD COLUMN contract TEXT;
CREATE INDEX events_by_instruction ON events (instruction) WHERE instruction IS NOT NULL;
CREATE INDEX events_by_contract ON events (contract) WHERE contract IS NOT NULL;

CREATE TABLE instructions (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  mode TEXT NOT NULL,
  priority TEXT NOT NULL,
  seq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX instructions_by_status ON instructions (status, seq);
CREATE INDEX instructions_by_seq ON instructions (seq);
`;

export const blockEvents: Migration = {
  version: 2,
  name: 'block-events',
  up(db: Database): void {
    db.exec(schema);
  },
};
