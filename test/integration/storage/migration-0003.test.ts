import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { CommittedBlock } from '../../../main/node/execution/ports.ts';
import { SqliteBlockStore } from '../../../main/node/storage/block-store.ts';
import { openDatabase, type Database } from '../../../main/node/storage/db.ts';
import { migrate, schemaVersion } from '../../../main/node/storage/migrate.ts';
import { MIGRATIONS } from '../../../main/node/storage/migrations/index.ts';
import { accountHistory, type HistoryEntry } from '../../../main/node/storage/queries/history.ts';
import { ChainBuilder, tempDb, transferCycle } from '../../helpers/storage-fixtures.ts';

const ACCOUNTS = ['acme', 'beta', 'gamma'] as const;
const ASSETS = ['CNY', 'USD', 'HKD'] as const;
const COLUMNS = 'id, account, asset, height, tx_idx, delta, balance, counterparty, kind';

/**
 * Migration 0003 (history clustered by (account, asset, id)) on a database written at schema version 2: the rows
 * are copied with their ids, every page reads as before, cursors handed out before the upgrade still work, and rows
 * of blocks committed after it come first.
 */
describe('storage: migrating a version-2 database to the clustered history table', () => {
  const v2 = tempDb();
  const scratch = tempDb();
  const chain = new ChainBuilder();
  let before2: unknown[];

  const transfers = transferCycle(ACCOUNTS, ASSETS);

  before(() => {
    // Real blocks, written by today's store into a scratch file...
    const store = SqliteBlockStore.open(scratch.file);
    for (let h = 1; h <= 6; h++) store.commitBlock(chain.next(transfers(5)));
    store.close();
    // ...copied into a file at schema version 2 the way version-2 code stored them: history ids are its rowids,
    // 1, 2, 3, … in commit order.
    const db = new BetterSqlite3(v2.file);
    migrate(db, MIGRATIONS.slice(0, 2));
    db.exec(`ATTACH '${scratch.file}' AS s`);
    for (const table of ['meta', 'state', 'blocks', 'txs', 'events', 'block_events']) {
      db.exec(`INSERT INTO main.${table} SELECT * FROM s.${table}`);
    }
    db.exec(`INSERT INTO main.history (account, asset, height, tx_idx, delta, balance, counterparty, kind)
      SELECT account, asset, height, tx_idx, delta, balance, counterparty, kind FROM s.history ORDER BY id`);
    db.exec('DETACH s');
    assert.equal(schemaVersion(db), 2);
    before2 = db.prepare(`SELECT ${COLUMNS} FROM history ORDER BY id`).all();
    assert.equal(before2.length, 6 * 5 * 2);
    assert.equal((before2.at(-1) as { id: number }).id, 60, 'version-2 ids are rowids');
    db.close();
  });
  after(() => {
    v2.cleanup();
    scratch.cleanup();
  });

  /** Every page of a history query, `limit` rows at a time, and the cursors that led to each page. */
  function allPages(db: Database, account: string, asset: string | undefined, limit: number) {
    const entries: HistoryEntry[] = [];
    const cursors: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = accountHistory(db, { account, asset, cursor, limit });
      entries.push(...page.entries);
      if (page.nextCursor === null) return { entries, cursors };
      cursors.push(page.nextCursor);
      cursor = page.nextCursor;
    }
  }
  const rowsOf = (account: string, asset?: string) =>
    (before2 as { account: string; asset: string; height: number; delta: string }[])
      .filter((r) => r.account === account && (asset === undefined || r.asset === asset))
      .reverse()
      .map((r) => ({ asset: r.asset, height: r.height, delta: BigInt(r.delta) }));
  const short = (entries: HistoryEntry[]) => entries.map(({ asset, height, delta }) => ({ asset, height, delta }));

  it('copies every history row with its id, into a WITHOUT ROWID table without the old indexes', () => {
    const db = openDatabase(v2.file); // the writer migrates
    try {
      assert.equal(schemaVersion(db), MIGRATIONS.length);
      assert.deepEqual(db.prepare(`SELECT ${COLUMNS} FROM history ORDER BY id`).all(), before2);
      const table = db.prepare("SELECT wr, strict FROM pragma_table_list WHERE name = 'history'").get();
      assert.deepEqual(table, { wr: 1, strict: 1 });
      const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'history'").all();
      assert.deepEqual(indexes, [], 'the primary key is the only index');
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }
  });

  it('reads every page of every account, all assets and each asset, as version 2 stored them', () => {
    const db = openDatabase(v2.file, { readonly: true });
    try {
      for (const account of ACCOUNTS) {
        for (const limit of [1, 4, 50]) {
          assert.deepEqual(short(allPages(db, account, undefined, limit).entries), rowsOf(account));
          for (const asset of ASSETS) {
            assert.deepEqual(short(allPages(db, account, asset, limit).entries), rowsOf(account, asset));
          }
        }
      }
    } finally {
      db.close();
    }
  });

  it('numbers rows of later blocks after the copied ones; a cursor from before the upgrade still works', () => {
    const reader = openDatabase(v2.file, { readonly: true });
    const store = SqliteBlockStore.open(v2.file);
    try {
      const old = allPages(reader, 'acme', undefined, 4);
      const block: CommittedBlock = chain.next(transfers(6));
      store.commitBlock(block);
      const ids = reader.prepare('SELECT id FROM history WHERE height = 7 ORDER BY id').pluck().all() as number[];
      assert.deepEqual(
        ids,
        Array.from({ length: 12 }, (_, k) => 7 * 2 ** 24 + k),
        'block 7 rows are 7·2^24 + k',
      );
      // The new block's rows come first, then exactly the old history.
      const now = allPages(reader, 'acme', undefined, 4).entries;
      const fresh = now.filter((e) => e.height === 7);
      assert.ok(fresh.length > 0);
      assert.deepEqual(short(now), [...short(fresh), ...rowsOf('acme')]);
      // Page 2 through a cursor handed out before block 7: the same rows as then.
      const cursor = old.cursors[0]!;
      assert.deepEqual(
        short(accountHistory(reader, { account: 'acme', cursor, limit: 4 }).entries),
        short(old.entries.slice(4, 8)),
      );
    } finally {
      store.close();
      reader.close();
    }
  });
});
