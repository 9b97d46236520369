import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { multiaddr } from '@multiformats/multiaddr';
import { txCodec } from '../../../shared/domain/index.ts';
import { protocolId } from '../../../main/node/p2p/index.ts';
import { signedTx, transferOp } from '../../helpers/storage-fixtures.ts';
import { address, CHAIN_ID, rawNode, startNode, waitFor } from './harness.ts';

describe('p2p slow peers', () => {
  it('a peer that stops reading does not hold up the others, and is disconnected', async () => {
    const a = await startNode(0, { limits: { sendStallMs: 2_000 } });
    const b = await startNode(1, { bootstrap: [address(a)] });
    // A member that accepts our transaction stream and then never reads from it: Yamux stops granting us window,
    // so our writes to it stop draining.
    const stuck = await rawNode(new Uint8Array(32).fill(6)); // registry node key 5
    await stuck.handle(protocolId(CHAIN_ID, 'tx'), (stream) => stream.pause());
    try {
      await stuck.dial(multiaddr(address(a)));
      await waitFor('both peers connected to a', () => a.node.peers().filter((p) => p.connected).length === 2);

      // ~150 transactions of ~4 KiB: far more than one stream's window (256 KiB).
      const txs = Array.from({ length: 150 }, () =>
        txCodec.encode(
          signedTx(Array.from({ length: 64 }, () => transferOp('acme.treasury', 'beta.treasury', 'CNY', 1n))),
        ),
      );
      for (const tx of txs) a.node.broadcastTx(tx);

      await waitFor(
        'every tx at the honest peer',
        () => b.recorder.events.txs.flatMap((e) => e.txs).length === txs.length,
        5_000,
      );
      const stillStuck = a.node.peers().find((p) => p.id === stuck.peerId.toString())!.connected;
      assert.equal(stillStuck, true, 'the honest peer got everything while the stuck one still held its stream');
      await waitFor('the stuck peer disconnected', () => stuck.getConnections().length === 0, 5_000);
      assert.equal(a.node.peers().find((p) => p.id === stuck.peerId.toString())!.connected, false);
      assert.equal(a.node.peers().find((p) => p.id === b.node.peerId)!.connected, true);
    } finally {
      await Promise.all([a.node.stop(), b.node.stop(), stuck.stop()]);
    }
  });
});
