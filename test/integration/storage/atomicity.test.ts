import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { CommittedBlock } from '../../../main/node/execution/ports.ts';
import { SqliteBlockStore } from '../../../main/node/storage/block-store.ts';
import { StorageErrorCode } from '../../../main/node/storage/errors.ts';
import type { LedgerEvent } from '../../../shared/domain/index.ts';
import {
  amountValue,
  balanceEvent,
  buildBlock,
  ChainBuilder,
  dumpTables,
  ok,
  proposalWrite,
  signedTx,
  tempDb,
  transferOp,
  type FixtureTx,
  acmeToBeta,
  acmeToBetaWrites,
} from '../../helpers/storage-fixtures.ts';

/**
 * A commit is all or nothing: every refusal, whether checked up front or hit halfway through the inserts, must leave
 * every table exactly as it was, keep the cached tip, and let the right block commit afterwards.
 */
describe('SqliteBlockStore: a failed commit leaves nothing behind', () => {
  let file: string;
  let cleanup: () => void;
  let store: SqliteBlockStore;
  let chain: ChainBuilder;

  const transfer = acmeToBeta;
  const writes = acmeToBetaWrites;

  beforeEach(() => {
    ({ file, cleanup } = tempDb());
    store = SqliteBlockStore.open(file);
    chain = new ChainBuilder();
    // One good block, so every table already has rows the failures must not disturb.
    store.commitBlock(chain.next([transfer()], [...writes, proposalWrite('22'.repeat(32))]));
  });
  afterEach(() => {
    store.close();
    cleanup();
  });

  function refusedCleanly(block: CommittedBlock, expected: { code: string }): void {
    const before = dumpTables(file);
    const tip = store.tip();
    assert.throws(() => store.commitBlock(block), expected);
    assert.deepEqual(dumpTables(file), before);
    assert.deepEqual(store.tip(), tip);
    // The store is still usable: the right next block commits.
    const good = chain.build([transfer()], writes);
    store.commitBlock(good);
    assert.equal(store.tip()?.height, 2);
  }

  it('refuses a height that skips ahead', () => {
    refusedCleanly(buildBlock(3, chain.previousHash, [transfer()], writes), { code: StorageErrorCode.HEIGHT_MISMATCH });
  });

  it('refuses the same block twice', () => {
    const before = dumpTables(file);
    const again = buildBlock(1, new Uint8Array(32), [transfer()], writes);
    assert.throws(() => store.commitBlock(again), { code: StorageErrorCode.HEIGHT_MISMATCH });
    assert.deepEqual(dumpTables(file), before);
  });

  it('refuses a block that does not extend the tip', () => {
    refusedCleanly(buildBlock(2, new Uint8Array(32).fill(1), [transfer()], writes), {
      code: StorageErrorCode.PARENT_MISMATCH,
    });
  });

  it('refuses a block whose parts disagree', () => {
    const block = chain.build([transfer(), transfer()], writes);
    refusedCleanly({ ...block, results: block.results.slice(1) }, { code: StorageErrorCode.INVALID_BLOCK });
  });

  it('refuses a hash that is not the header hash', () => {
    const block = chain.build([transfer()], writes);
    refusedCleanly({ ...block, hash: new Uint8Array(32).fill(3) }, { code: StorageErrorCode.INVALID_BLOCK });
  });

  it('rolls back when a transaction id repeats within the block (halfway through the inserts)', () => {
    const one = transfer();
    refusedCleanly(chain.build([transfer(), one, one], writes), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
  });

  it('rolls back when a transaction id was committed in an earlier block', () => {
    const first = dumpTables(file)['txs']![0] as { id: Uint8Array };
    const block = chain.build([transfer(), transfer()], writes);
    const txIds = [block.txIds[0]!, new Uint8Array(first.id)];
    refusedCleanly({ ...block, txIds }, { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
  });

  it('rolls back when an event cannot be encoded, after the block and transaction rows went in', () => {
    const bad = { type: 'transfer', from: 'acme', to: 'beta', asset: 'CNY', amount: 1.5 } as unknown as LedgerEvent;
    const tx: FixtureTx = { tx: signedTx([transferOp('acme', 'beta', 'CNY', 1n)]), result: ok([bad]) };
    refusedCleanly(chain.build([transfer(), tx], writes), { code: 'ENCODING_UNENCODABLE' });
  });

  it('rolls back when a balance event lacks its kind', () => {
    const event = { ...balanceEvent('acme', 'CNY', -1n, 89n, 'transfer'), kind: undefined } as unknown as LedgerEvent;
    const tx: FixtureTx = { tx: signedTx([transferOp('acme', 'beta', 'CNY', 1n)]), result: ok([event]) };
    refusedCleanly(chain.build([transfer(), tx], writes), { code: 'SQLITE_CONSTRAINT_NOTNULL' });
  });

  it('rolls back when a proposal record is malformed, after the other state writes went in', () => {
    const broken = { key: `proposal/${'33'.repeat(32)}`, value: amountValue(1n) };
    refusedCleanly(chain.build([transfer()], [...writes, broken]), { code: 'ENCODING_INVALID_FIELD' });
  });
});
