import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InstructionDetailJson, SettlementQueueJson } from '../../../shared/api/index.ts';
import type { Operation } from '../../../shared/domain/index.ts';
import { ApiCallError, createApiClient, type ApiClient } from '../../../main/node/api/index.ts';
import { buildTx } from '../../../main/node/client/build-tx.ts';
import type { CountersignNode } from '../../../main/node/node.ts';
import { makeDemoNetwork, startQuietNode } from '../../helpers/devnet.ts';

describe('settlement through the API on a devnet: submit → queue → hold → release → settled', () => {
  // Blocks are produced explicitly, so each step is one block and nothing races the assertions.
  const net = makeDemoNetwork({ blockIntervalMs: 60_000 });
  let node: CountersignNode;
  let client: ApiClient;

  before(async () => {
    node = await startQuietNode(net.home);
    const token = readFileSync(path.join(net.home, 'api-token'), 'utf8').trim();
    client = createApiClient({ url: node.endpoint!.url, token });
  });
  after(async () => {
    await node.close();
    net.cleanup();
  });

  /** Submits one signed transaction through the API and commits it in a block of its own; returns its result. */
  async function commit(ops: Operation[], signers: string[]): Promise<{ code: string; message?: string }> {
    const built = await buildTx(node.genesis.chainId, ops, signers.map(net.signer), { now: BigInt(Date.now()) });
    await client.call('tx.submit', { tx: Buffer.from(built.encoded).toString('hex') });
    node.produceBlock();
    return (await client.call('tx.get', { id: built.id })) as { code: string; message?: string };
  }
  const HBSEC = ['hbsec-treasury-1', 'hbsec-treasury-2'];
  const instruction = () =>
    client.call('settlement.instruction', { id: 'api-pay-1' }) as Promise<InstructionDetailJson>;

  it('walks one payment through the queue, with every step in its trail', async () => {
    // Harbour Securities holds no HKD: the payment waits in the queue.
    const instruct = {
      type: 'settlement.instruct',
      instruction: 'api-pay-1',
      mode: 'rtgs',
      priority: 'urgent',
      legs: [{ from: 'hbsec.treasury', to: 'jhcb.treasury', asset: 'HKD', amount: 1_000_00n }],
    } as unknown as Operation;
    assert.equal((await commit([instruct], HBSEC)).code, 'OK');
    let queue = (await client.call('settlement.queue', {})) as SettlementQueueJson;
    assert.deepEqual(
      queue.instructions.map((i) => [i.id, i.status, i.waiting]),
      [['api-pay-1', 'queued', 'INSUFFICIENT_FUNDS']],
    );
    assert.equal(queue.instructions[0]!.legs[0]!.amount, '100000', 'amounts as decimal strings');

    const hold = { type: 'settlement.action', instruction: 'api-pay-1', action: 'hold' } as unknown as Operation;
    assert.equal((await commit([hold], HBSEC)).code, 'OK');
    // Funds arrive, but the instruction is held.
    const fund = {
      type: 'transfer',
      from: 'lotus.treasury',
      to: 'hbsec.treasury',
      asset: 'HKD',
      amount: 5_000_00n,
    } as unknown as Operation;
    assert.equal((await commit([fund], ['lotus-treasury-1', 'lotus-treasury-2'])).code, 'OK');
    queue = (await client.call('settlement.queue', {})) as SettlementQueueJson;
    assert.deepEqual(
      queue.instructions.map((i) => [i.id, i.status]),
      [['api-pay-1', 'held']],
    );
    const held = (await client.call('settlement.queue', { status: 'held' })) as SettlementQueueJson;
    assert.deepEqual(
      held.instructions.map((i) => i.id),
      ['api-pay-1'],
    );

    const release = { type: 'settlement.action', instruction: 'api-pay-1', action: 'release' } as unknown as Operation;
    assert.equal((await commit([release], HBSEC)).code, 'OK');
    const { instruction: settled, trail } = await instruction();
    assert.equal(settled.status, 'settled');
    assert.equal(settled.closed?.via, 'rtgs');
    assert.deepEqual(
      trail.map((t) => t.event as { type: string }).map((e) => e.type),
      ['settlement.instructed', 'settlement.waiting', 'settlement.held', 'settlement.released', 'settlement.settled'],
    );
    // Transaction steps name their transaction; what the block did by itself has txId "".
    assert.deepEqual(
      trail.map((t) => t.txId === ''),
      [false, true, false, false, true],
    );
    queue = (await client.call('settlement.queue', {})) as SettlementQueueJson;
    assert.deepEqual(queue.instructions, [], 'the open queue is empty');
    const done = (await client.call('settlement.queue', { status: 'settled' })) as SettlementQueueJson;
    assert.deepEqual(
      done.instructions.map((i) => i.id),
      ['api-pay-1'],
    );
    // The block that settled it returns its block events.
    const block = (await client.call('block.get', { height: settled.closed!.height })) as {
      events: { type: string }[];
    };
    assert.ok(block.events.some((e) => e.type === 'settlement.settled'));
  });

  it('shows each cycle with its next cut-off and a net-position preview', async () => {
    const net1 = {
      type: 'settlement.instruct',
      instruction: 'api-net-1',
      mode: 'deferred-net',
      priority: 'normal',
      legs: [{ from: 'hbsec.treasury', to: 'jhcb.treasury', asset: 'CNY', amount: 300_00n }],
    } as unknown as Operation;
    const net2 = {
      type: 'settlement.instruct',
      instruction: 'api-net-2',
      mode: 'deferred-net',
      priority: 'normal',
      legs: [{ from: 'jhcb.treasury', to: 'hbsec.treasury', asset: 'CNY', amount: 100_00n }],
    } as unknown as Operation;
    assert.equal((await commit([net1, net2], [...HBSEC, 'jhcb-treasury-1', 'jhcb-treasury-2'])).code, 'OK');
    const queue = (await client.call('settlement.queue', { mode: 'deferred-net' })) as SettlementQueueJson;
    assert.deepEqual(
      queue.instructions.map((i) => i.id),
      ['api-net-1', 'api-net-2'],
    );
    const cny = queue.cycles.find((c) => c.asset === 'CNY')!;
    assert.ok(BigInt(cny.nextCutoff) > BigInt(queue.time), 'the next cut-off is ahead');
    assert.deepEqual(cny.preview.instructions, ['api-net-1', 'api-net-2']);
    assert.deepEqual(
      cny.preview.positions.map((p) => [p.account, p.position, p.covered]),
      [
        ['hbsec.treasury', '-20000', true],
        ['jhcb.treasury', '20000', true],
      ],
    );
    assert.deepEqual(cny.preview.bilateral, [{ a: 'hbsec.treasury', b: 'jhcb.treasury', position: '-20000' }]);
    assert.equal(cny.preview.outcome, 'settled');
  });

  it('refuses bad parameters at the edge and says what is missing', async () => {
    await assert.rejects(
      client.call('settlement.queue', { status: 'lost' } as never),
      (e: unknown) => e instanceof ApiCallError && e.code === 'INVALID_PARAMS',
    );
    await assert.rejects(
      client.call('settlement.instruction', { id: 'no-such' }),
      (e: unknown) => e instanceof ApiCallError && e.code === 'NOT_FOUND',
    );
  });
});
