import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Testnet } from '../../helpers/testnet.ts';

/**
 * A branch office's observer that joins late: started after the network has committed 500 blocks, it fetches them
 * from its peers, verifies every commit certificate and re-executes every block, then follows new blocks.
 */
const net = new Testnet({ validators: 4, observers: 1, blockIntervalMs: 10 });
const OBSERVER = 4;

after(async () => {
  await net.stopAll();
  net.cleanup();
});

test('an observer started after 500 blocks syncs and follows', async () => {
  for (const i of [0, 1, 2, 3]) await net.start(i);
  await net.waitForHeight(0, 500, 240_000);
  await net.start(OBSERVER);
  const target = await net.height(0);
  await net.waitForHeight(OBSERVER, target, 120_000);
  const status = await net.status(OBSERVER);
  assert.equal(status.role, 'observer');
  assert.ok(status.sync.targetHeight >= target);
  // It follows: new blocks keep arriving, and they are the network's blocks.
  await net.waitForHeight(OBSERVER, target + 5, 60_000);
  const common = Math.min(await net.height(OBSERVER), await net.height(0));
  assert.deepEqual(await net.blockAt(OBSERVER, common), await net.blockAt(0, common));
  assert.deepEqual(await net.blockAt(OBSERVER, 250), await net.blockAt(1, 250));
});
