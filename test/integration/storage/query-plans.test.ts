import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../../../main/node/storage/db.ts';
import {
  HISTORY_BY_ASSET_SQL,
  HISTORY_FIRST_ASSET_SQL,
  HISTORY_IDS_SQL,
  HISTORY_NEXT_ASSET_SQL,
  HISTORY_RANGE_SQL,
} from '../../../main/node/storage/queries/history.ts';
import { PROPOSAL_LIST_SQL } from '../../../main/node/storage/queries/proposals.ts';
import { BILL_CHAIN_SQL, PROPOSAL_TRAIL_SQL } from '../../../main/node/storage/queries/trails.ts';
import { TX_SQL } from '../../../main/node/storage/queries/txs.ts';
import { tempDb } from '../../helpers/storage-fixtures.ts';

/**
 * The queries that must stay fast on millions of rows: every step is an index search (or an in-order walk of an
 * index, stopped by LIMIT), never a table scan, and none sorts into a temporary b-tree.
 */
describe('storage query plans', () => {
  const { file, cleanup } = tempDb();
  const db = openDatabase(file);
  after(() => {
    db.close();
    cleanup();
  });

  const queries: Record<string, string> = {
    'account history by asset': HISTORY_BY_ASSET_SQL,
    'account history, ids of an asset': HISTORY_IDS_SQL,
    'account history, rows of an asset by id range': HISTORY_RANGE_SQL,
    "account history, an account's first asset": HISTORY_FIRST_ASSET_SQL,
    "account history, an account's next asset": HISTORY_NEXT_ASSET_SQL,
    'proposal trail': PROPOSAL_TRAIL_SQL,
    'bill chain': BILL_CHAIN_SQL,
    'transaction by id': TX_SQL,
    'proposals, newest first': PROPOSAL_LIST_SQL.all,
    'proposals by status': PROPOSAL_LIST_SQL.status,
    'proposals by account': PROPOSAL_LIST_SQL.account,
    'proposals by account and status': PROPOSAL_LIST_SQL.both,
  };
  for (const [name, sql] of Object.entries(queries)) {
    it(`${name} uses an index at every step`, () => {
      const params = (sql.match(/\?/g) ?? []).map(() => null);
      const steps = db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((row) => (row as { detail: string }).detail);
      assert.ok(steps.length > 0);
      for (const step of steps) {
        assert.match(step, /^(SEARCH \w+ USING |SCAN \w+ USING (COVERING )?INDEX )/, `${name}: ${step}`);
        assert.doesNotMatch(step, /TEMP B-TREE/, `${name}: ${step}`);
      }
    });
  }
});
