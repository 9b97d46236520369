import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { BlockErrorCode } from '../../../main/node/execution/block-errors.ts';
import { AdmissionErrorCode } from '../../../main/node/execution/errors.ts';
import { inlineTxPreparer } from '../../../main/node/execution/tx-preparer.ts';
import { executePreparedBlock, prepareBlockTxs } from '../../../main/node/execution/validate-block.ts';
import { StateKey } from '../../../main/node/ledger/keys.ts';
import type { FetchedBlock } from '../../../main/node/sync/syncer.ts';
import { chainNode, growChain, timeOf, transfers, type ChainNode } from '../../helpers/certified-chain.ts';
import { ACCOUNT, ASSET, KEYS } from '../../helpers/ledger-harness.ts';

/**
 * PendingRange: blocks executed one on top of another in memory, then committed together. It must give exactly the
 * chain that committing block by block gives, show nothing to the store before the commit, and refuse to commit over
 * a tip that moved.
 */
describe('BlockExecutor ranges (catch-up)', () => {
  let source: ChainNode;
  let target: ChainNode;
  let blocks: FetchedBlock[];
  const preparer = inlineTxPreparer();
  const opts = { now: () => timeOf(1_000_000), maxFutureMs: 0n };

  beforeEach(async () => {
    source = chainNode();
    target = chainNode();
    blocks = await growChain(source, 6, 3);
  });
  afterEach(() => {
    source.close();
    target.close();
  });

  /** Re-executes `received` into a new range of the target (as the syncer does), without committing it. */
  async function executeRange(received: readonly FetchedBlock[]) {
    const range = target.executor.beginRange();
    for (const { block, commit, blockBytes } of received) {
      const txs = await prepareBlockTxs(preparer, block, undefined, blockBytes);
      range.add(executePreparedBlock(range, block, txs, opts), commit);
    }
    return range;
  }

  it('commits the same chain as block-by-block execution, all at once', async () => {
    const range = await executeRange(blocks);
    // Nothing is stored before commitRange.
    assert.equal(target.store.tip(), undefined);
    assert.equal(target.store.hasTx(range.blocks[0]!.txIds[0]!), false);
    const committed = target.executor.commitRange(range);
    assert.equal(committed.length, 6);
    assert.deepEqual(target.store.tip(), source.store.tip());
    const balance = StateKey.balance(ACCOUNT.gammaOps, ASSET.CNY);
    assert.deepEqual(target.store.get(balance), source.store.get(balance));
    // The executor's committed view continues from the range: the next block builds on it.
    const next = await transfers(source.params.chainId, 2);
    const a = source.executor.build(next, timeOf(7), KEYS.validator.publicKey);
    const b = target.executor.build(next, timeOf(7), KEYS.validator.publicKey);
    assert.deepEqual(b.block.hash, a.block.hash);
  });

  it('leaves out a transaction that an earlier block of the range already holds', async () => {
    const range = await executeRange(blocks.slice(0, 2));
    const again = await prepareBlockTxs(preparer, blocks[1]!.block);
    const built = range.build(again, timeOf(3), KEYS.validator.publicKey);
    assert.equal(built.block.txIds.length, 0);
    assert.deepEqual(
      built.excluded.map((e) => e.error.code),
      again.map(() => AdmissionErrorCode.ALREADY_COMMITTED),
    );
  });

  it('refuses to commit a range over a tip that moved meanwhile, and writes nothing', async () => {
    const range = await executeRange(blocks.slice(0, 3));
    // Block 1 arrives another way (consensus) while the range executes.
    const first = blocks[0]!;
    const txs = await prepareBlockTxs(preparer, first.block);
    target.executor.commit(executePreparedBlock(target.executor, first.block, txs, opts), first.commit);
    assert.throws(() => target.executor.commitRange(range), { code: BlockErrorCode.RANGE_STALE });
    assert.equal(target.store.tip()?.height, 1);
    // A fresh range from the new tip goes on.
    const rest = await executeRange(blocks.slice(1));
    target.executor.commitRange(rest);
    assert.deepEqual(target.store.tip(), source.store.tip());
  });

  it('refuses a block that is not the next one of the range', async () => {
    const range = await executeRange(blocks.slice(0, 2));
    const built = target.executor.build([], timeOf(1), KEYS.validator.publicKey); // height 1 again
    assert.throws(() => range.add(built, null), { code: BlockErrorCode.WRONG_HEIGHT });
  });
});
