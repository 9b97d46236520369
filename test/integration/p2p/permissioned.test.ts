import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Libp2p } from '@libp2p/interface';
import { multiaddr } from '@multiformats/multiaddr';
import { protocolId } from '../../../main/node/p2p/index.ts';
import { address, CHAIN_ID, rawNode, sleep, startNode, waitFor, type TestNode } from './harness.ts';

describe('p2p permissioned connections', () => {
  let a: TestNode;
  let stranger: Libp2p;
  let member: Libp2p;

  before(async () => {
    a = await startNode(0);
    stranger = await rawNode(new Uint8Array(32).fill(99)); // a key no registry entry names
    member = await rawNode(new Uint8Array(32).fill(5)); // node key 4 of the registry
  });

  after(async () => {
    await Promise.all([a?.node.stop(), stranger?.stop(), member?.stop()]);
  });

  it('refuses a node whose key is not in the registry: no connection, no protocol stream', async () => {
    const target = multiaddr(address(a));
    // With Noise XX the dialler finishes its side of the handshake before the responder learns who it is (the last
    // handshake message), so the dial may resolve; the node's gater then drops the connection at once.
    const connection = await stranger.dial(target).catch(() => undefined);
    await waitFor(
      'the stranger dropped',
      () => stranger.getConnections().length === 0 && connection?.status !== 'open',
    );
    await assert.rejects(stranger.dialProtocol(target, protocolId(CHAIN_ID, 'consensus')));
    await assert.rejects(stranger.dialProtocol(target, protocolId(CHAIN_ID, 'sync')));
    assert.equal(stranger.getConnections().length, 0);
    assert.deepEqual(a.node.peers(), []);
    assert.equal(a.recorder.events['peer:connect'].length, 0);
  });

  it('lets a registry member open the same protocol stream (the control case)', async () => {
    const stream = await member.dialProtocol(multiaddr(address(a)), protocolId(CHAIN_ID, 'status'));
    assert.equal(stream.protocol, protocolId(CHAIN_ID, 'status'));
    await waitFor('the member listed', () => a.node.peers().some((p) => p.name === 'node4' && p.connected));
    await member.hangUp(multiaddr(address(a)));
  });

  it('does not dial out to a bootstrap peer whose key is not in the registry', async () => {
    const strangerAddress = stranger.getMultiaddrs()[0]!.toString();
    const b = await startNode(1, { bootstrap: [strangerAddress] });
    try {
      await sleep(300);
      assert.equal(stranger.getConnections().length, 0);
      assert.deepEqual(b.node.peers(), []);
    } finally {
      await b.node.stop();
    }
  });

  it('refuses a peer of another chain at the protocol level', async () => {
    const stream = member.dialProtocol(multiaddr(address(a)), protocolId('another-chain', 'consensus'));
    await assert.rejects(stream, /protocol/i);
  });
});
