import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { bytesToHex } from '../../../shared/crypto/index.ts';
import { approveOp, buildTx, proposeOp } from '../../../main/node/client/build-tx.ts';
import { readGenesis } from '../../../main/node/home/config.ts';
import { Testnet } from '../../helpers/testnet.ts';

/**
 * A real network: 4 validators and 1 observer from `countersign testnet`, each a `countersign start` process on
 * loopback, under a steady load of signed transfers, through the faults the issue names. f = 1: the network must
 * keep committing with any one validator down, stop (without forking) with two down, and resume when they return.
 */

const net = new Testnet({ validators: 4, observers: 1 });
const VALIDATORS = [0, 1, 2, 3];
const OBSERVER = 4;

async function heightOf(i: number): Promise<number> {
  return net.height(i);
}

/** Every running node has the same block hash and app hash at one height they all reached. */
async function assertSameChain(nodes: readonly number[]): Promise<number> {
  const heights = await Promise.all(nodes.map(heightOf));
  const common = Math.min(...heights);
  assert.ok(common >= 1, 'the nodes have committed blocks');
  const blocks = await Promise.all(nodes.map((i) => net.blockAt(i, common)));
  for (const b of blocks) assert.deepEqual(b, blocks[0], `block ${common} differs between nodes`);
  return common;
}

async function proposalStatus(node: number, id: string): Promise<string> {
  return ((await net.client(node).call('proposal.get', { id })) as { proposal: { status: string } }).proposal.status;
}

async function catchUpTo(i: number, reference: number): Promise<void> {
  const target = await heightOf(reference);
  await net.waitForHeight(i, target, 60_000);
}

before(async () => {
  await net.startAll();
  await Promise.all([...VALIDATORS, OBSERVER].map((i) => net.waitForHeight(i, 3, 60_000)));
});

after(async () => {
  await net.stopAll();
  net.cleanup();
});

test('SIGKILL one validator: the others keep committing; restarted, it catches up on the same chain', async () => {
  const load = net.steadyLoad();
  try {
    await net.kill(3);
    const h = await heightOf(0);
    await net.waitForHeight(0, h + 3, 30_000);
    await net.start(3);
    await catchUpTo(3, 0);
    await catchUpTo(OBSERVER, 0);
    await assertSameChain([...VALIDATORS, OBSERVER]);
  } finally {
    assert.ok((await load.stop()) > 0, 'transfers were submitted');
  }
});

test('SIGSTOP / SIGCONT one validator: the others keep committing; resumed, it catches up', async () => {
  const load = net.steadyLoad();
  try {
    net.pause(2);
    const h = await heightOf(0);
    await net.waitForHeight(0, h + 3, 30_000);
    net.resume(2);
    await catchUpTo(2, 0);
    await assertSameChain([...VALIDATORS, OBSERVER]);
  } finally {
    await load.stop();
  }
});

test('two of four validators down: commits stop without a fork; restarted, they resume', async () => {
  await net.kill(2);
  await net.kill(3);
  // A block may have been decided just before the kill; after that, nothing more can be.
  await new Promise((r) => setTimeout(r, 1_500));
  const stalled = await heightOf(0);
  await new Promise((r) => setTimeout(r, 3_000));
  assert.equal(await heightOf(0), stalled, 'no block without more than 2/3 of the voting power');
  assert.equal(await heightOf(1), stalled);
  await assertSameChain([0, 1, OBSERVER]);
  await net.start(2);
  await net.start(3);
  await net.waitForHeight(0, stalled + 3, 60_000);
  await catchUpTo(2, 0);
  await catchUpTo(3, 0);
  await assertSameChain([...VALIDATORS, OBSERVER]);
});

test('the status shows every validator with its height, and no evidence of double signing', async () => {
  const status = await net.status(0);
  assert.equal(status.validators.length, 4);
  for (const v of status.validators) {
    assert.ok(v.connected, `validator ${v.name} connected`);
    assert.ok((v.height ?? 0) >= 1, `validator ${v.name} height known`);
  }
  assert.equal(status.peers.filter((p) => p.connected).length, 4);
  assert.ok(status.consensus !== null);
  const evidence = (await net.client(0).call('evidence.list', {})) as unknown[];
  assert.deepEqual(evidence, [], 'no validator signed two different votes');
});

test('an observer cut off from its peers accepts an approval into its outbox and delivers it on reconnection', async () => {
  // A 2-of-3 transfer proposed (with one approval) while the network is up.
  const proposer = net.signer('jhcb-treasury-1');
  const approver = net.signer('jhcb-treasury-2');
  const now = BigInt(Date.now());
  const { op, proposalId } = await proposeOp(
    net.chainId,
    {
      type: 'transfer',
      from: 'jhcb.treasury' as never,
      to: 'lotus.treasury' as never,
      asset: 'CNY' as never,
      amount: 500n,
    },
    proposer,
    { account: 'jhcb.treasury', expiresAt: now + 3_600_000n },
  );
  const proposal = await buildTx(net.chainId, [op], [proposer], { now });
  await net.client(0).call('tx.submit', { tx: bytesToHex(proposal.encoded) });
  await net.until(
    async () => (await proposalStatus(OBSERVER, proposalId)) === 'pending',
    30_000,
    'the observer to see the proposal',
  );

  // Every validator goes away: the observer is alone.
  for (const i of VALIDATORS) await net.kill(i);
  const approval = await buildTx(net.chainId, [await approveOp(proposalId, approver)], [approver], {
    now: BigInt(Date.now()),
  });
  await net.client(OBSERVER).call('tx.submit', { tx: bytesToHex(approval.encoded) });
  assert.equal((await net.status(OBSERVER)).outbox, 1, 'the approval waits in the outbox');

  for (const i of VALIDATORS) await net.start(i);
  await net.until(async () => (await net.status(OBSERVER)).outbox === 0, 60_000, 'the outbox to be delivered');
  assert.equal(await proposalStatus(0, proposalId), 'executed');
  assert.equal(await proposalStatus(OBSERVER, proposalId), 'executed');
  await assertSameChain([...VALIDATORS, OBSERVER]);
});

test('a validator-set change by governance takes effect on every node: two of four down no longer stops the network', async () => {
  // Raise node0's power from 10 to 40 (total 70: node0 + node1 = 50 > 2/3); signed by two governance officers.
  const genesis = readGenesis(net.nodes[0]!.home);
  const node0 = genesis.validators[0]!;
  const officers = [net.signer('jhcb-operations-1'), net.signer('hbsec-operations-1')];
  const change = await buildTx(
    net.chainId,
    [{ type: 'validator.set', publicKey: node0.publicKey, power: 40, name: node0.name }],
    officers,
    { now: BigInt(Date.now()) },
  );
  await net.client(1).call('tx.submit', { tx: bytesToHex(change.encoded) });
  await net.until(
    async () => (await net.status(OBSERVER)).validators.find((v) => v.name === node0.name)?.power === 40,
    60_000,
    'the new power to take effect',
  );
  await net.kill(2);
  await net.kill(3);
  const h = await heightOf(0);
  await net.waitForHeight(0, h + 3, 30_000);
  await net.waitForHeight(OBSERVER, h + 3, 30_000);
  await assertSameChain([0, 1, OBSERVER]);
});
