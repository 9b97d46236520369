import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../../main/node/storage/db.ts';
import { StorageError, StorageErrorCode } from '../../../main/node/storage/errors.ts';
import { migrate, schemaVersion } from '../../../main/node/storage/migrate.ts';
import { LATEST_VERSION, type Migration } from '../../../main/node/storage/migrations/index.ts';
import { tempDb } from '../../helpers/storage-fixtures.ts';

const TABLES = ['block_events', 'blocks', 'events', 'history', 'instructions', 'meta', 'proposals', 'state', 'txs'];

describe('storage: opening and migrating', () => {
  const { file, cleanup } = tempDb();
  after(cleanup);

  it('creates the schema as STRICT tables and records the version in user_version', () => {
    const db = openDatabase(file);
    try {
      assert.equal(schemaVersion(db), LATEST_VERSION);
      const tables = db
        .prepare(
          "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all() as { name: string; strict: number }[];
      assert.deepEqual(
        tables.map((t) => t.name),
        TABLES,
      );
      assert.ok(
        tables.every((t) => t.strict === 1),
        'every table is STRICT',
      );
      const withoutRowid = db
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND wr = 1 ORDER BY name")
        .pluck()
        .all();
      assert.deepEqual(withoutRowid, ['events', 'history', 'instructions', 'meta', 'proposals', 'state']);
    } finally {
      db.close();
    }
  });

  it('opens the writer with WAL, synchronous FULL and foreign keys on', () => {
    const db = openDatabase(file);
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('synchronous', { simple: true }), 2); // FULL
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      assert.ok((db.pragma('busy_timeout', { simple: true }) as number) > 0);
    } finally {
      db.close();
    }
  });

  it('reopens an up-to-date database without changing it', () => {
    const before = snapshotSchema(file);
    openDatabase(file).close();
    openDatabase(file).close();
    assert.deepEqual(snapshotSchema(file), before);
  });

  it('refuses a database written by newer code, naming both versions', () => {
    const newer = tempDb();
    try {
      const raw = new BetterSqlite3(newer.file);
      raw.pragma(`user_version = ${LATEST_VERSION + 7}`);
      raw.close();
      for (const readonly of [false, true]) {
        assert.throws(
          () => openDatabase(newer.file, { readonly }),
          (err: unknown) =>
            err instanceof StorageError &&
            err.code === StorageErrorCode.DATABASE_TOO_NEW &&
            err.message.includes(String(LATEST_VERSION + 7)) &&
            err.message.includes(String(LATEST_VERSION)),
        );
      }
      // Nothing was created in the refused file.
      const raw2 = new BetterSqlite3(newer.file);
      assert.equal(raw2.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get(), 0);
      assert.equal(raw2.pragma('journal_mode', { simple: true }), 'delete', 'not even switched to WAL');
      raw2.close();
    } finally {
      newer.cleanup();
    }
  });

  it('refuses a read handle on a database the writer has not migrated', () => {
    const empty = tempDb();
    try {
      new BetterSqlite3(empty.file).close();
      assert.throws(() => openDatabase(empty.file, { readonly: true }), { code: StorageErrorCode.DATABASE_TOO_OLD });
    } finally {
      empty.cleanup();
    }
  });

  it('runs each migration in its own transaction: a failing one leaves the previous version in place', () => {
    const db = new BetterSqlite3(':memory:');
    const good: Migration = { version: 1, name: 'good', up: (d) => d.exec('CREATE TABLE a (x INTEGER) STRICT') };
    const bad: Migration = {
      version: 2,
      name: 'bad',
      up: (d) => {
        d.exec('CREATE TABLE b (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    assert.throws(() => migrate(db, [good, bad]), /boom/);
    assert.equal(schemaVersion(db), 1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    assert.deepEqual(tables, ['a']);
    db.close();
  });

  it('refuses a migration list that is not 1, 2, 3, …', () => {
    const db = new BetterSqlite3(':memory:');
    const m = (version: number): Migration => ({ version, name: `m${version}`, up: () => {} });
    assert.throws(() => migrate(db, [m(1), m(3)]), /version 3, expected 2/);
    assert.equal(schemaVersion(db), 0);
    db.close();
  });
});

function snapshotSchema(file: string): unknown {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }),
      schema: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(),
    };
  } finally {
    db.close();
  }
}
