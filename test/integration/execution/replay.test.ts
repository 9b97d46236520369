import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTx } from '../../../main/node/client/build-tx.ts';
import { BlockExecutor } from '../../../main/node/execution/block-executor.ts';
import { AdmissionErrorCode } from '../../../main/node/execution/errors.ts';
import { inlineTxPreparer } from '../../../main/node/execution/tx-preparer.ts';
import type { CountersignNode } from '../../../main/node/node.ts';
import { makeDemoNetwork, startQuietNode } from '../../helpers/devnet.ts';

describe('replay protection at block building (what every block must satisfy, whatever the mempool did)', () => {
  const net = makeDemoNetwork({ blockIntervalMs: 60_000 });
  let node: CountersignNode;
  before(async () => {
    node = await startQuietNode(net.home);
  });
  after(async () => {
    await node.close();
    net.cleanup();
  });

  const transfer = (amount: bigint) =>
    ({ type: 'transfer', from: 'jhcb.treasury', to: 'hbsec.treasury', asset: 'CNY', amount }) as never;
  const signers = () => [net.signer('jhcb-treasury-1'), net.signer('jhcb-treasury-2')];

  it('leaves out a transaction already committed, and a duplicate within the same block', async () => {
    const now = BigInt(Date.now());
    const a = await buildTx(node.genesis.chainId, [transfer(100n)], signers(), { now });
    const b = await buildTx(node.genesis.chainId, [transfer(200n)], signers(), { now });
    await node.mempool.admit(a.encoded);
    const first = node.produceBlock()!;
    assert.equal(first.results[0]!.code, 'OK');

    const preparer = inlineTxPreparer();
    const [pa, pb] = (await preparer.prepareBatch([a.encoded, b.encoded])).map((p) => (p.ok ? p.tx : assert.fail()));
    const executor = new BlockExecutor(node.store, node.params);
    const built = executor.build([pa!, pb!, pb!], now + 10n, node.genesis.validators[0]!.publicKey);
    assert.deepEqual(
      built.block.txIds.map((h) => Buffer.from(h).toString('hex')),
      [b.id],
    );
    assert.deepEqual(
      built.excluded.map((e) => [e.tx.id, e.error.code]),
      [
        [a.id, AdmissionErrorCode.ALREADY_COMMITTED],
        [b.id, AdmissionErrorCode.ALREADY_COMMITTED],
      ],
    );
  });

  it('leaves out transactions outside their validity window at the block time', async () => {
    const now = BigInt(Date.now());
    const c = await buildTx(node.genesis.chainId, [transfer(300n)], signers(), { now, ttlMs: 1000n });
    const [pc] = (await inlineTxPreparer().prepareBatch([c.encoded])).map((p) => (p.ok ? p.tx : assert.fail()));
    const executor = new BlockExecutor(node.store, node.params);
    const late = executor.build([pc!], now + 5000n, node.genesis.validators[0]!.publicKey);
    assert.equal(late.block.txIds.length, 0);
    assert.equal(late.excluded[0]!.error.code, AdmissionErrorCode.EXPIRED);
  });
});
