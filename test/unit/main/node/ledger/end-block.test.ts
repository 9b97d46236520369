import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BLOCK_TX_ID, hasDueWork, runEndBlock, type EndBlockHook } from '../../../../../main/node/ledger/end-block.ts';
import { fail, LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { LedgerState } from '../../../../../main/node/ledger/ledger-state.ts';
import { StateOverlay } from '../../../../../main/node/ledger/overlay.ts';
import type { LedgerEvent } from '../../../../../shared/domain/index.ts';
import { ACCOUNT, ASSET, CHAIN_ID, LedgerHarness } from '../../../../helpers/ledger-harness.ts';

const block = { chainId: CHAIN_ID, height: 7, time: 1_750_000_100_000n };
const stateOf = (h: LedgerHarness) => new LedgerState(new StateOverlay(h.store));

/** A hook that records what it saw and moves 1 CNY from alpha to beta; `then` may fail it afterwards. */
function mover(name: string, seen: unknown[], then?: () => void): EndBlockHook {
  return {
    name,
    run(ctx, txEvents) {
      seen.push({ name, txId: ctx.txId, signers: ctx.signers, txEvents: txEvents.length, height: ctx.block.height });
      const a = ctx.state.balance(ACCOUNT.alphaTreasury, ASSET.CNY);
      ctx.state.setBalance(ACCOUNT.alphaTreasury, ASSET.CNY, a - 1n);
      ctx.state.setBalance(ACCOUNT.betaTreasury, ASSET.CNY, ctx.state.balance(ACCOUNT.betaTreasury, ASSET.CNY) + 1n);
      ctx.events.push({ type: 'member.added', member: name as never });
      then?.();
    },
    due: (_state, time) => time >= 10n,
  };
}

describe('the end-of-block phase', () => {
  it('runs hooks in order on the block state, as block events with no transaction and no signers', () => {
    const h = new LedgerHarness();
    const state = stateOf(h);
    const seen: unknown[] = [];
    const txEvents: LedgerEvent[] = [{ type: 'member.added', member: 'X' as never }];
    const events = runEndBlock(state, block, txEvents, [mover('one', seen), mover('two', seen)]);
    assert.deepEqual(seen, [
      { name: 'one', txId: BLOCK_TX_ID, signers: [], txEvents: 1, height: 7 },
      { name: 'two', txId: BLOCK_TX_ID, signers: [], txEvents: 1, height: 7 },
    ]);
    assert.deepEqual(
      events.map((e) => (e.type === 'member.added' ? e.member : e.type)),
      ['one', 'two'],
    );
    assert.equal(state.balance(ACCOUNT.alphaTreasury, ASSET.CNY), h.balance(ACCOUNT.alphaTreasury, ASSET.CNY) - 2n);
  });

  it('drops everything a hook did when it fails with a coded error, records why, and runs the next hook', () => {
    const h = new LedgerHarness();
    const state = stateOf(h);
    const before = state.balance(ACCOUNT.alphaTreasury, ASSET.CNY);
    const events = runEndBlock(
      state,
      block,
      [],
      [mover('broken', [], () => fail(E.INSUFFICIENT_FUNDS, 'no funds')), mover('fine', [])],
    );
    assert.deepEqual(events, [
      { type: 'block.hook-failed', hook: 'broken', code: 'INSUFFICIENT_FUNDS', message: 'no funds' },
      { type: 'member.added', member: 'fine' },
    ]);
    assert.equal(state.balance(ACCOUNT.alphaTreasury, ASSET.CNY), before - 1n, 'only the second hook applied');
  });

  it('lets an uncoded error (a bug) propagate: the block is not built', () => {
    const h = new LedgerHarness();
    assert.throws(
      () =>
        runEndBlock(
          stateOf(h),
          block,
          [],
          [
            mover('bug', [], () => {
              throw new TypeError('bug');
            }),
          ],
        ),
      TypeError,
    );
  });

  it('hasDueWork asks every hook', () => {
    const h = new LedgerHarness();
    assert.equal(hasDueWork(stateOf(h), 9n, [mover('a', [])]), false);
    assert.equal(hasDueWork(stateOf(h), 10n, [mover('a', [])]), true);
    assert.equal(hasDueWork(stateOf(h), 10n, []), false);
  });

  it('an idle ledger has no end-of-block work: blocks without it keep their writes and app hash', () => {
    const h = new LedgerHarness();
    const out = h.block([]);
    assert.deepEqual(out.blockEvents, []);
    assert.deepEqual(out.writes, []);
    assert.equal(hasDueWork(stateOf(h), h.time + 10n ** 12n), false);
  });
});
