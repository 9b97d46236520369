import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Libp2p } from '@libp2p/interface';
import { lpStream } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import { consensusMessageCodec, MAX_BLOCK_BYTES } from '../../../shared/domain/index.ts';
import { MAX_FRAME_BYTES, protocolId, type ProtocolName } from '../../../main/node/p2p/index.ts';
import { address, CHAIN_ID, rawNode, signedVote, startNode, VALIDATORS, waitFor, type TestNode } from './harness.ts';

/**
 * Rogue members: bare libp2p nodes holding registry node keys (so the gater lets them in) that send what no honest
 * node sends. The node under test must drop them, score them, and keep serving its honest peer.
 */
describe('p2p misbehaving peers', () => {
  let a: TestNode;
  let b: TestNode;
  let rogue: Libp2p;
  const rogueSeed = new Uint8Array(32).fill(7); // registry node key 6

  before(async () => {
    a = await startNode(0);
    b = await startNode(1, { bootstrap: [address(a)] });
    rogue = await rawNode(rogueSeed);
    await waitFor('a and b connected', () => a.node.peers().some((p) => p.id === b.node.peerId && p.connected));
  });

  after(async () => {
    await Promise.all([a?.node.stop(), b?.node.stop(), rogue?.stop()]);
  });

  async function sendFrame(protocol: ProtocolName, frame: Uint8Array): Promise<void> {
    const stream = await rogue.dialProtocol(multiaddr(address(a)), protocolId(CHAIN_ID, protocol));
    await lpStream(stream).write(frame);
  }

  const rogueId = () => rogue.peerId.toString();
  const offences = () => a.recorder.events['peer:offence'].filter((o) => o.peerId === rogueId());
  const rogueRecord = () => a.node.peers().find((p) => p.id === rogueId());

  async function expectDropped(offence: string, count: number): Promise<void> {
    await waitFor(`offence ${offence}`, () => offences().length === count);
    assert.equal(offences().at(-1)!.offence, offence);
    await waitFor('the rogue disconnected', () => rogue.getConnections().length === 0 && !rogueRecord()?.connected);
  }

  /** The node keeps working with its honest peer. */
  async function expectStillServing(round: number): Promise<void> {
    const vote = signedVote(VALIDATORS[1]!, { round });
    b.node.broadcastConsensus(vote);
    await waitFor('a hears b', () =>
      a.recorder.events.consensus.some((e) => e.message.kind === 'vote' && e.message.vote.vote.round === round),
    );
  }

  it('disconnects and scores a peer that sends a malformed consensus frame', async () => {
    await sendFrame('consensus', Uint8Array.of(0xa1, 0x61, 0x78, 0x1f)); // a map whose value is not CBOR at all
    await expectDropped('malformed', 1);
    assert.equal(rogueRecord()!.score, 40);
    assert.equal(offences()[0]!.banned, false);
    await expectStillServing(11);
  });

  it('disconnects a peer that announces a frame over the transaction cap', async () => {
    await sendFrame('tx', new Uint8Array(MAX_FRAME_BYTES.tx + 1));
    await expectDropped('oversized', 2);
    await expectStillServing(12);
  });

  it('bans a peer whose score passes the threshold; the gater then refuses it', async () => {
    // A correctly signed vote, but for another chain.
    const wrongChain = consensusMessageCodec.encode(signedVote(VALIDATORS[0]!, { chainId: 'another-chain' }));
    await sendFrame('consensus', wrongChain);
    await expectDropped('wrong-chain', 3);
    assert.equal(offences().at(-1)!.banned, true);
    assert.ok(rogueRecord()!.score >= 100, `score ${rogueRecord()!.score}`);
    const connection = await rogue.dial(multiaddr(address(a))).catch(() => undefined);
    await waitFor(
      'the banned rogue dropped',
      () => rogue.getConnections().length === 0 && connection?.status !== 'open',
    );
    await assert.rejects(rogue.dialProtocol(multiaddr(address(a)), protocolId(CHAIN_ID, 'consensus')));
    await expectStillServing(13);
  });

  it('refuses an oversized consensus frame from its length prefix alone, before buffering it', async () => {
    // The varint of a 9 MiB length, and nothing else: the node must not wait for 9 MiB to decide.
    let n = MAX_BLOCK_BYTES + 1024 * 1024;
    const prefix: number[] = [];
    while (n >= 0x80) {
      prefix.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    prefix.push(n);
    const second = await rawNode(new Uint8Array(32).fill(8)); // registry node key 7
    try {
      const stream = await second.dialProtocol(multiaddr(address(a)), protocolId(CHAIN_ID, 'consensus'));
      stream.send(Uint8Array.from(prefix));
      const id = second.peerId.toString();
      await waitFor('offence', () => a.recorder.events['peer:offence'].some((o) => o.peerId === id));
      assert.equal(a.recorder.events['peer:offence'].find((o) => o.peerId === id)!.offence, 'oversized');
      await waitFor('the second rogue disconnected', () => second.getConnections().length === 0);
    } finally {
      await second.stop();
    }
    await expectStillServing(14);
  });
});
