import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { equalBytes } from '../../../shared/crypto/index.ts';
import { blockCodec, blockHash, txCodec } from '../../../shared/domain/index.ts';
import { signedTx } from '../../helpers/storage-fixtures.ts';
import {
  address,
  signedProposal,
  signedVote,
  sleep,
  startNode,
  VALIDATORS,
  waitFor,
  type TestNode,
} from './harness.ts';

describe('p2p gossip between three real nodes on loopback', () => {
  let a: TestNode;
  let b: TestNode;
  let c: TestNode;

  before(async () => {
    a = await startNode(0);
    b = await startNode(1, { bootstrap: [address(a)] });
    c = await startNode(2, { bootstrap: [address(a), address(b)] });
    await waitFor('a full mesh', () => [a, b, c].every((n) => n.node.peers().filter((p) => p.connected).length === 2));
  });

  after(async () => {
    await Promise.all([a, b, c].map((n) => n?.node.stop()));
  });

  it('connects registry members and names them', () => {
    const ofA = a.node.peers().sort((x, y) => (x.name ?? '').localeCompare(y.name ?? ''));
    assert.deepEqual(
      ofA.map((p) => [p.id, p.name, p.role, p.connected]),
      [
        [b.node.peerId, 'node1', 'validator', true],
        [c.node.peerId, 'node2', 'observer', true],
      ],
    );
    assert.deepEqual(a.recorder.events['peer:connect'].map((e) => e.name).sort(), ['node1', 'node2']);
    assert.match(ofA[0]!.address, /^\/ip4\/127\.0\.0\.1\/tcp\/\d+/);
  });

  it('delivers a vote to every other node exactly once, and drops a repeat', async () => {
    const vote = signedVote(VALIDATORS[0]!, { round: 1 });
    a.node.broadcastConsensus(vote);
    await waitFor('the vote at b and c', () => [b, c].every((n) => n.recorder.events.consensus.length === 1));
    a.node.broadcastConsensus(vote); // the same message again
    await sleep(300); // room for the repeat and every relay echo to arrive
    for (const n of [b, c]) {
      assert.equal(n.recorder.events.consensus.length, 1, 'emitted once despite relays and the repeat');
      assert.deepEqual(n.recorder.events.consensus[0]!.message, vote);
      assert.ok([a.node.peerId, b.node.peerId].includes(n.recorder.events.consensus[0]!.from), 'from a or a relay');
    }
    assert.equal(a.recorder.events.consensus.length, 0, 'our own message echoed back by relays is not re-emitted');
  });

  it('delivers a proposal with its block, hash checked', async () => {
    const proposal = signedProposal(VALIDATORS[1]!, 2);
    b.node.broadcastConsensus(proposal);
    await waitFor('the proposal at a and c', () =>
      [a, c].every((n) => n.recorder.events.consensus.some((e) => e.message.kind === 'proposal')),
    );
    const event = c.recorder.events.consensus.find((e) => e.message.kind === 'proposal')!;
    const got = event.message;
    assert.ok(got.kind === 'proposal');
    assert.ok(equalBytes(blockHash(got.proposal.block.header), got.proposal.proposal.blockHash));
    assert.deepEqual(got, proposal);
    // The block's bytes as received come with it (consensus hashes its transactions from them).
    assert.ok(event.blockBytes && equalBytes(event.blockBytes, blockCodec.encode(got.proposal.block)));
  });

  it('drops a vote with a bad signature, penalises the sender but keeps it connected', async () => {
    const before = a.recorder.events.consensus.length;
    b.node.broadcastConsensus(signedVote(VALIDATORS[1]!, { round: 7, badSignature: true }));
    await waitFor('the offence at a', () => a.recorder.events['peer:offence'].length > 0);
    assert.deepEqual(
      a.recorder.events['peer:offence'].map((o) => [o.peerId, o.offence]),
      [[b.node.peerId, 'bad-signature']],
    );
    assert.equal(a.recorder.events.consensus.length, before, 'not emitted');
    assert.equal(a.node.peers().find((p) => p.id === b.node.peerId)!.score, 20);
    // Still connected and still heard: a good vote from b arrives.
    b.node.broadcastConsensus(signedVote(VALIDATORS[1]!, { round: 8 }));
    await waitFor('a good vote after the bad one', () => a.recorder.events.consensus.length === before + 1);
    assert.equal(a.node.peers().find((p) => p.id === b.node.peerId)!.connected, true);
  });

  it('ignores, without penalty, votes outside the height window', async () => {
    const offences = c.recorder.events['peer:offence'].length;
    const before = c.recorder.events.consensus.length;
    a.node.broadcastConsensus(signedVote(VALIDATORS[0]!, { height: 50 }));
    a.node.broadcastConsensus(signedVote(VALIDATORS[0]!, { height: 2, round: 3 })); // in the window
    await waitFor('the in-window vote', () => c.recorder.events.consensus.length === before + 1);
    assert.equal(c.recorder.events.consensus.at(-1)!.message.kind, 'vote');
    assert.equal(c.recorder.events['peer:offence'].length, offences);
  });

  it('delivers a transaction once to each peer', async () => {
    const bytes = txCodec.encode(signedTx([{ type: 'transfer', from: 'a.x', to: 'b.y', asset: 'CNY', amount: 5n }]));
    const received = (n: TestNode) => n.recorder.events.txs.flatMap((e) => e.txs.map((tx) => ({ from: e.from, tx })));
    c.node.broadcastTx(bytes);
    await waitFor('the tx at a and b', () => [a, b].every((n) => received(n).length === 1));
    c.node.broadcastTx(bytes);
    await sleep(200);
    for (const n of [a, b]) {
      assert.equal(received(n).length, 1);
      assert.deepEqual(received(n)[0], { from: c.node.peerId, tx: new Uint8Array(bytes) });
    }
    // b re-broadcasts it after "admission": c, who sent it, is skipped; a already has it and drops it.
    b.node.broadcastTx(bytes);
    await sleep(200);
    assert.equal(received(a).length, 1);
    assert.equal(received(c).length, 0);
  });

  it('sends transactions queued together as one frame', async () => {
    const txs = Array.from({ length: 40 }, (_, i) =>
      txCodec.encode(signedTx([{ type: 'transfer', from: 'a.x', to: 'b.y', asset: 'CNY', amount: BigInt(100 + i) }])),
    );
    const framesBefore = a.recorder.events.txs.length;
    for (const tx of txs) c.node.broadcastTx(tx);
    await waitFor('all 40 at a', () => a.recorder.events.txs.slice(framesBefore).flatMap((e) => e.txs).length === 40);
    const frames = a.recorder.events.txs.slice(framesBefore);
    assert.ok(frames.length <= 2, `40 transactions queued at once came in ${frames.length} frames`);
    assert.deepEqual(
      frames.flatMap((e) => e.txs),
      txs.map((t) => new Uint8Array(t)),
    );
  });

  it('gossips status: heights, best peers and latency', async () => {
    const hash = new Uint8Array(32).fill(3);
    a.node.announceHeight(42, hash);
    await waitFor('status at b and c', () =>
      [b, c].every((n) => n.recorder.events['peer:status'].some((s) => s.peerId === a.node.peerId && s.height === 42)),
    );
    assert.deepEqual(b.node.bestPeers(40), [a.node.peerId]);
    assert.deepEqual(b.node.bestPeers(43), []);
    await waitFor('latency measured', () => b.node.peers().every((p) => p.latencyMs !== null));
    const peerA = b.node.peers().find((p) => p.id === a.node.peerId)!;
    assert.equal(peerA.height, 42);
    assert.ok(peerA.latencyMs! >= 0 && peerA.latencyMs! < 1000, `latency ${peerA.latencyMs}`);
  });
});

describe('p2p relay across a node that is the only link', () => {
  it('a vote from A reaches C through B when A and C are not connected', async () => {
    const a = await startNode(3);
    const b = await startNode(4, { bootstrap: [address(a)] });
    const c = await startNode(5, { bootstrap: [address(b)] });
    try {
      await waitFor('the line A-B-C', () => b.node.peers().filter((p) => p.connected).length === 2);
      assert.equal(a.node.peers().filter((p) => p.connected).length, 1);
      const vote = signedVote(VALIDATORS[2]!, { round: 2 });
      a.node.broadcastConsensus(vote);
      await waitFor('the vote at C', () => c.recorder.events.consensus.length === 1);
      assert.equal(c.recorder.events.consensus[0]!.from, b.node.peerId);
      assert.deepEqual(c.recorder.events.consensus[0]!.message, vote);
      await sleep(200);
      assert.equal(b.recorder.events.consensus.length, 1);
      assert.equal(a.recorder.events.consensus.length, 0);
    } finally {
      await Promise.all([a, b, c].map((n) => n.node.stop()));
    }
  });
});
