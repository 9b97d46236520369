import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { SqliteBlockStore } from '../../../main/node/storage/block-store.ts';
import { openDatabase } from '../../../main/node/storage/db.ts';
import { StorageErrorCode } from '../../../main/node/storage/errors.ts';
import { accountHistory, block, listProposals } from '../../../main/node/storage/queries/index.ts';
import {
  amountValue,
  balanceEvent,
  blockTime,
  ChainBuilder,
  dumpTables,
  ok,
  proposalWrite,
  signedTx,
  tempDb,
  transferEvents,
  transferOp,
} from '../../helpers/storage-fixtures.ts';

const GENESIS_HASH = new Uint8Array(32).fill(0xaa);
const GENESIS_APP_HASH = new Uint8Array(32).fill(0xbb);
const P1 = '11'.repeat(32);

describe('SqliteBlockStore', () => {
  let file: string;
  let cleanup: () => void;
  let store: SqliteBlockStore;
  beforeEach(() => {
    ({ file, cleanup } = tempDb());
    store = SqliteBlockStore.open(file);
  });
  afterEach(() => {
    store.close();
    cleanup();
  });
  const reopen = () => {
    store.close();
    store = SqliteBlockStore.open(file);
  };

  it('starts empty: no tip, no genesis, no state', () => {
    assert.equal(store.tip(), undefined);
    assert.equal(store.genesis(), undefined);
    assert.equal(store.get('governance'), undefined);
    assert.deepEqual([...store.scan('')], []);
  });

  it('stores genesis once, and only into an empty store', () => {
    store.commitGenesis([{ key: 'governance', value: new Uint8Array([0xa0]) }], GENESIS_HASH, GENESIS_APP_HASH);
    reopen();
    assert.deepEqual(store.genesis(), { hash: GENESIS_HASH, appHash: GENESIS_APP_HASH });
    assert.deepEqual(store.get('governance'), new Uint8Array([0xa0]));
    assert.equal(store.tip(), undefined);
    assert.throws(() => store.commitGenesis([], GENESIS_HASH, GENESIS_APP_HASH), {
      code: StorageErrorCode.GENESIS_EXISTS,
    });
  });

  it('commits a block and finds all of it after reopening', () => {
    store.commitGenesis([{ key: 'balance/acme/CNY', value: amountValue(1000n) }], GENESIS_HASH, GENESIS_APP_HASH);
    const chain = new ChainBuilder();
    const paid = signedTx([transferOp('acme', 'beta', 'CNY', 300n)]);
    const refused = signedTx([transferOp('beta', 'acme', 'CNY', 5_000n)]);
    const b1 = chain.next(
      [
        { tx: paid, result: ok(transferEvents('acme', 'beta', 'CNY', 300n, [700n, 300n])) },
        { tx: refused, result: { code: 'INSUFFICIENT_FUNDS', message: 'beta has 300 CNY', events: [] } },
      ],
      [
        { key: 'balance/acme/CNY', value: amountValue(700n) },
        { key: 'balance/beta/CNY', value: amountValue(300n) },
      ],
    );
    store.commitBlock(b1);
    reopen();

    assert.deepEqual(store.tip(), { height: 1, hash: b1.hash, appHash: b1.block.header.appHash, time: blockTime(1) });
    assert.deepEqual(store.get('balance/acme/CNY'), amountValue(700n));
    assert.deepEqual(store.get('balance/beta/CNY'), amountValue(300n));
    assert.ok(store.hasTx(b1.txIds[0]!));
    assert.ok(store.hasTx(b1.txIds[1]!), 'a failed transaction is committed too, with its code');
    assert.equal(store.hasTx(new Uint8Array(32)), false);
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    assert.deepEqual(
      store.committedAmong([hex(b1.txIds[0]!), '00'.repeat(32), hex(b1.txIds[1]!)]),
      new Set([hex(b1.txIds[0]!), hex(b1.txIds[1]!)]),
    );
    assert.deepEqual(store.committedAmong([]), new Set());

    const rows = dumpTables(file);
    assert.equal(rows['blocks']!.length, 1);
    assert.equal(rows['txs']!.length, 2);
    // A transfer's events live inline with its transaction; the events table indexes only proposal and bill events.
    assert.equal(rows['events']!.length, 0);
    assert.equal(rows['history']!.length, 2);

    const db = openDatabase(file, { readonly: true });
    try {
      const stored = block(db, { height: 1 })!;
      assert.deepEqual(stored.header, b1.block.header);
      assert.deepEqual(stored.commit, b1.commit);
      assert.deepEqual(
        stored.txs.map((t) => [t.code, t.message, t.events]),
        [
          ['OK', undefined, b1.results[0]!.events],
          ['INSUFFICIENT_FUNDS', 'beta has 300 CNY', []],
        ],
      );
      assert.deepEqual(stored.txs[0]!.tx, paid);
      const history = accountHistory(db, { account: 'acme', limit: 10 });
      assert.deepEqual(history.entries, [
        {
          height: 1,
          time: blockTime(1),
          txId: stored.txs[0]!.id,
          asset: 'CNY',
          delta: -300n,
          balance: 700n,
          counterparty: 'beta',
          kind: 'transfer',
        },
      ]);
    } finally {
      db.close();
    }
  });

  it('keeps a committed block when the process is killed right after the commit (kill -9)', () => {
    store.close();
    const module = (p: string) => JSON.stringify(pathToFileURL(path.resolve(import.meta.dirname, p)).href);
    const child = `
      import { SqliteBlockStore } from ${module('../../../main/node/storage/block-store.ts')};
      import * as f from ${module('../../helpers/storage-fixtures.ts')};
      const store = SqliteBlockStore.open(${JSON.stringify(file)});
      const tx = f.signedTx([f.transferOp('acme', 'beta', 'CNY', 1n)]);
      const block = new f.ChainBuilder().next([{ tx, result: f.ok(f.transferEvents('acme', 'beta', 'CNY', 1n, [0n, 1n])) }]);
      store.commitBlock(block);
      process.stdout.write(Buffer.from(block.txIds[0]).toString('hex'));
      process.kill(process.pid, 'SIGKILL');`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' });
    assert.equal(run.signal, 'SIGKILL', run.stderr);
    store = SqliteBlockStore.open(file);
    assert.equal(store.tip()?.height, 1);
    assert.ok(store.hasTx(Uint8Array.from(Buffer.from(run.stdout, 'hex'))));
  });

  it('stores u64 amounts beyond SQLite integers exactly', () => {
    const big = (1n << 64n) - 1n;
    const chain = new ChainBuilder();
    const tx = signedTx([transferOp('acme', 'beta', 'XAU', big)]);
    store.commitBlock(
      chain.next([
        {
          tx,
          result: ok([
            balanceEvent('beta', 'XAU', big, big, 'asset.issue'),
            balanceEvent('acme', 'XAU', -big, 0n, 'transfer'),
          ]),
        },
      ]),
    );
    const db = openDatabase(file, { readonly: true });
    try {
      assert.deepEqual(
        accountHistory(db, { account: 'beta', limit: 1 }).entries.map((e) => [e.delta, e.balance]),
        [[big, big]],
      );
      assert.deepEqual(
        accountHistory(db, { account: 'acme', limit: 1 }).entries.map((e) => [e.delta, e.balance]),
        [[-big, 0n]],
      );
    } finally {
      db.close();
    }
  });

  it('deletes state written as null', () => {
    const chain = new ChainBuilder();
    store.commitBlock(chain.next([], [{ key: 'bill/B-1', value: new Uint8Array([1]) }]));
    assert.deepEqual(store.get('bill/B-1'), new Uint8Array([1]));
    store.commitBlock(chain.next([], [{ key: 'bill/B-1', value: null }]));
    reopen();
    assert.equal(store.get('bill/B-1'), undefined);
    assert.deepEqual([...store.scan('bill/')], []);
    assert.equal(store.tip()?.height, 2);
  });

  it('scans in bytewise key order and keeps look-alike prefixes apart', () => {
    const keys = [
      'account/b',
      'account/a',
      'accounts/x',
      'account0',
      'acc',
      'balance/acme/CNY',
      'balance/acme/AAA',
      'balance/acme.x/CNY',
      'balance/acme-x/CNY',
      'balance/acme0/CNY',
      'balance/acmeZ/CNY',
    ];
    const chain = new ChainBuilder();
    store.commitBlock(
      chain.next(
        [],
        keys.map((key, i) => ({ key, value: new Uint8Array([i]) })),
      ),
    );
    const scanned = (prefix: string) => [...store.scan(prefix)].map(([k]) => k);
    assert.deepEqual(scanned('account/'), ['account/a', 'account/b']);
    assert.deepEqual(scanned('balance/acme/'), ['balance/acme/AAA', 'balance/acme/CNY']);
    assert.deepEqual(scanned(''), [...keys].sort());
    assert.deepEqual(store.scan('account/a'), [['account/a', new Uint8Array([1])]]);
  });

  it('keeps the proposals index in step with proposal writes', () => {
    const chain = new ChainBuilder();
    const db = openDatabase(file, { readonly: true });
    try {
      store.commitBlock(chain.next([], [proposalWrite(P1, { account: 'acme', createdHeight: 1 })]));
      assert.deepEqual(listProposals(db, { limit: 10 }), [
        {
          id: P1,
          account: 'acme',
          status: 'pending',
          proposer: listProposals(db, { limit: 1 })[0]!.proposer,
          createdHeight: 1,
          expiresAt: blockTime(0) + 3_600_000n,
          actionType: 'transfer',
        },
      ]);
      store.commitBlock(chain.next([], [proposalWrite(P1, { account: 'acme', status: 'executed' })]));
      assert.deepEqual(
        listProposals(db, { limit: 10 }).map((p) => p.status),
        ['executed'],
      );
      store.commitBlock(chain.next([], [{ key: `proposal/${P1}`, value: null }]));
      assert.deepEqual(listProposals(db, { limit: 10 }), []);
    } finally {
      db.close();
    }
  });

  it('refuses genesis once blocks exist', () => {
    store.commitBlock(new ChainBuilder().next([]));
    assert.throws(() => store.commitGenesis([], GENESIS_HASH, GENESIS_APP_HASH), {
      code: StorageErrorCode.GENESIS_EXISTS,
    });
  });
});
