import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { address, startNode, waitFor } from './harness.ts';

describe('p2p reconnection with backoff', () => {
  it('redials a bootstrap peer that went away until it is back, with jittered growing delays', async () => {
    let a = await startNode(0);
    const addressOfA = address(a);
    const port = Number(/\/tcp\/(\d+)/.exec(addressOfA)![1]);
    const draws: number[] = [];
    const b = await startNode(1, {
      bootstrap: [addressOfA],
      limits: { reconnectBaseMs: 40, reconnectMaxMs: 320 },
      random: () => {
        draws.push(Date.now()); // one draw per scheduled redial
        return 0.5;
      },
    });
    try {
      await waitFor('b connected', () => b.recorder.events['peer:connect'].length === 1);
      await a.node.stop();
      await waitFor('b saw a leave', () => b.recorder.events['peer:disconnect'].length === 1);
      await waitFor('several failed redials', () => draws.length >= 4, 5_000);
      assert.equal(b.node.peers()[0]!.connected, false);
      // Delays of 30, 60, 120, 240 ms (40 · 2^n, half of it jittered at 0.5): each gap longer than the one before.
      const gaps = draws.slice(1, 4).map((t, i) => t - draws[i]!);
      assert.ok(gaps[0]! >= 25 && gaps[1]! > gaps[0]! && gaps[2]! > gaps[1]!, `gaps between redials ${gaps}`);

      a = await startNode(0, { port }); // same key, same address
      await waitFor('b reconnected', () => b.recorder.events['peer:connect'].length === 2, 5_000);
      assert.equal(b.recorder.events['peer:connect'][1]!.peerId, a.node.peerId);
      await waitFor('a lists b', () => a.node.peers().some((p) => p.id === b.node.peerId && p.connected));
    } finally {
      await Promise.all([a.node.stop(), b.node.stop()]);
    }
  });
});
