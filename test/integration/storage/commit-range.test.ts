import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { CommittedBlock } from '../../../main/node/execution/ports.ts';
import { SqliteBlockStore } from '../../../main/node/storage/block-store.ts';
import { StorageErrorCode } from '../../../main/node/storage/errors.ts';
import {
  ChainBuilder,
  dumpTables,
  tempDb,
  type FixtureTx,
  acmeToBeta,
  acmeToBetaWrites,
} from '../../helpers/storage-fixtures.ts';

/**
 * commitBlocks: consecutive blocks in one SQLite transaction (catch-up commits a fetched range this way). All of the
 * range or none of it, whichever block is at fault and wherever the fault is found.
 */
describe('SqliteBlockStore.commitBlocks: a range of blocks in one transaction', () => {
  let file: string;
  let cleanup: () => void;
  let store: SqliteBlockStore;
  let chain: ChainBuilder;

  const transfer = acmeToBeta;
  const writes = acmeToBetaWrites;

  /** `n` consecutive blocks after the chain's current end, not committed. */
  function range(n: number, txs: () => FixtureTx[] = () => [transfer()]): CommittedBlock[] {
    const out: CommittedBlock[] = [];
    for (let i = 0; i < n; i++) {
      const block = chain.build(txs(), writes);
      chain.advance(block);
      out.push(block);
    }
    return out;
  }

  beforeEach(() => {
    ({ file, cleanup } = tempDb());
    store = SqliteBlockStore.open(file);
    chain = new ChainBuilder();
    store.commitBlock(chain.next([transfer()], writes));
  });
  afterEach(() => {
    store.close();
    cleanup();
  });

  it('stores every block of the range, and the tip is its last block', () => {
    const blocks = range(4, () => [transfer(), transfer()]);
    store.commitBlocks(blocks);
    assert.equal(store.tip()?.height, 5);
    assert.deepEqual(store.tip()?.hash, blocks[3]!.hash);
    const tables = dumpTables(file);
    assert.equal(tables['blocks']!.length, 5);
    assert.equal(tables['txs']!.length, 1 + 4 * 2);
    for (const b of blocks) for (const id of b.txIds) assert.ok(store.hasTx(id));
    // A reopened store reads the same tip from the database.
    store.close();
    store = SqliteBlockStore.open(file);
    assert.deepEqual(store.tip()?.hash, blocks[3]!.hash);
  });

  it('an empty range changes nothing', () => {
    const before = dumpTables(file);
    store.commitBlocks([]);
    assert.deepEqual(dumpTables(file), before);
    assert.equal(store.tip()?.height, 1);
  });

  function refusedCleanly(blocks: CommittedBlock[], expected: { code: string }): void {
    const before = dumpTables(file);
    const tip = store.tip();
    assert.throws(() => store.commitBlocks(blocks), expected);
    assert.deepEqual(dumpTables(file), before);
    assert.deepEqual(store.tip(), tip);
  }

  it('refuses the whole range when a block in it does not follow the one before', () => {
    const blocks = range(3);
    const [a, b, c] = blocks as [CommittedBlock, CommittedBlock, CommittedBlock];
    refusedCleanly([a, c, b], { code: StorageErrorCode.HEIGHT_MISMATCH });
    const stranger = { ...c, block: { ...c.block, header: { ...c.block.header, previousHash: new Uint8Array(32) } } };
    refusedCleanly([a, b, { ...stranger, hash: c.hash }], { code: StorageErrorCode.PARENT_MISMATCH });
  });

  it('refuses a range that does not start at the next height (a block is never applied twice)', () => {
    refusedCleanly(range(2).slice(1), { code: StorageErrorCode.HEIGHT_MISMATCH });
  });

  it('rolls back the earlier blocks when an insert of a later block fails', () => {
    const blocks = range(3);
    const last = blocks[2]!;
    // The last block repeats a transaction id of the first: found only when its row goes in, after two blocks.
    blocks[2] = { ...last, txIds: [blocks[0]!.txIds[0]!] };
    refusedCleanly(blocks, { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    // The store is still usable: the right range commits.
    chain.height = 1;
    chain.previousHash = store.tip()!.hash;
    const good = range(2);
    store.commitBlocks(good);
    assert.equal(store.tip()?.height, 3);
  });
});
