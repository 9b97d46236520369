import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Libp2p } from '@libp2p/interface';
import { lpStream } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import { equalBytes } from '../../../shared/crypto/index.ts';
import { blockHash } from '../../../shared/domain/index.ts';
import { P2PError, protocolId } from '../../../main/node/p2p/index.ts';
import { syncBlockCodec } from '../../../main/node/p2p/wire.ts';
import { address, blockSource, CHAIN_ID, rawNode, startNode, waitFor, type TestNode } from './harness.ts';

describe('p2p block sync', () => {
  const source = blockSource(130);
  let a: TestNode;
  let b: TestNode;

  before(async () => {
    a = await startNode(0, { blocks: source });
    b = await startNode(1, { bootstrap: [address(a)] });
    await waitFor('b connected to a', () => b.node.peers().some((p) => p.id === a.node.peerId && p.connected));
  });

  after(async () => {
    await Promise.all([a?.node.stop(), b?.node.stop()]);
  });

  it('returns the requested blocks, decoded, with their stored bytes and commits', async () => {
    const got = await b.node.requestBlocks(a.node.peerId, 5, 9);
    assert.deepEqual(
      got.map((g) => g.block.header.height),
      [5, 6, 7, 8, 9],
    );
    got.forEach((g, i) => {
      assert.ok(equalBytes(g.blockBytes, source.entries[4 + i]!.block), `stored bytes of block ${5 + i}`);
      assert.ok(equalBytes(g.commit.blockHash, blockHash(g.block.header)));
      assert.equal(g.commit.height, 5 + i);
    });
  });

  it('caps one answer at 100 blocks, and serves the rest on the next request', async () => {
    const first = await b.node.requestBlocks(a.node.peerId, 1, 130);
    assert.equal(first.length, 100);
    assert.equal(first.at(-1)!.block.header.height, 100);
    const rest = await b.node.requestBlocks(a.node.peerId, 101, 500);
    assert.deepEqual([rest.length, rest[0]!.block.header.height, rest.at(-1)!.block.header.height], [30, 101, 130]);
  });

  it('answers with nothing beyond its tip', async () => {
    assert.deepEqual(await b.node.requestBlocks(a.node.peerId, 131, 140), []);
  });

  it('refuses to ask a peer it is not connected to', async () => {
    await assert.rejects(b.node.requestBlocks('12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK', 1, 2), {
      code: 'P2P_NOT_CONNECTED',
    });
  });
});

describe('p2p block sync from a lying peer', () => {
  let a: TestNode;
  let liar: Libp2p;

  before(async () => {
    a = await startNode(0);
    liar = await rawNode(new Uint8Array(32).fill(4)); // registry node key 3
    const real = blockSource(10);
    // Serves block 3 when asked for 2..: the heights do not follow the request.
    await liar.handle(protocolId(CHAIN_ID, 'sync'), async (stream) => {
      const lp = lpStream(stream);
      await lp.read();
      await lp.write(syncBlockCodec.encode(real.entries[2]!));
      await stream.close();
    });
    await liar.dial(multiaddr(address(a)));
    await waitFor('the liar connected', () => a.node.peers().some((p) => p.connected));
  });

  after(async () => {
    await Promise.all([a?.node.stop(), liar?.stop()]);
  });

  it('rejects the answer, penalises the peer and disconnects it', async () => {
    const liarId = liar.peerId.toString();
    await assert.rejects(a.node.requestBlocks(liarId, 2, 4), (err: unknown) => {
      assert.ok(err instanceof P2PError);
      assert.equal(err.code, 'P2P_BAD_RESPONSE');
      assert.match(err.message, /expected block 2, got 3/);
      return true;
    });
    assert.deepEqual(
      a.recorder.events['peer:offence'].map((o) => [o.peerId, o.offence]),
      [[liarId, 'bad-sync-response']],
    );
    await waitFor('the liar disconnected', () => liar.getConnections().length === 0);
  });
});
