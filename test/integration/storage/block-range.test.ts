import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesToHex } from '../../../shared/crypto/index.ts';
import { blockCodec, blockHash, commitCertificateCodec, txCodec } from '../../../shared/domain/index.ts';
import { demoBillTx } from '../../../main/node/devnet/seed.ts';
import { blockRange } from '../../../main/node/storage/index.ts';
import { makeDemoNetwork, startQuietNode } from '../../helpers/devnet.ts';

test('blockRange serves stored blocks as canonical block encodings, bounded by bytes', async () => {
  const net = makeDemoNetwork();
  const node = await startQuietNode(net.home);
  try {
    await node.mempool.admit(await demoBillTx(net.home, node.genesis.chainId));
    node.produceBlock();
    await node.submitTx(await demoBillTx(net.home, node.genesis.chainId)).catch(() => undefined); // a duplicate bill: fails, still recorded
    node.produceBlock();
    const tip = node.store.tip()!.height;
    assert.ok(tip >= 2);

    const range = blockRange(node.readDb, 1, tip, 16 * 1024 * 1024);
    assert.equal(range.length, tip);
    for (const [i, item] of range.entries()) {
      // The strict decoder refuses any non-canonical byte: the concatenated form must be exactly blockCodec's.
      const block = blockCodec.decode(item.block);
      assert.deepEqual(blockCodec.encode(block), item.block);
      assert.equal(block.header.height, i + 1);
      const cert = commitCertificateCodec.decode(item.commit);
      assert.equal(bytesToHex(cert.blockHash), bytesToHex(blockHash(block.header)));
      for (const tx of block.txs) txCodec.encode(tx);
    }
    assert.ok(
      range.some((r) => blockCodec.decode(r.block).txs.length > 0),
      'blocks with transactions are covered',
    );

    const first = range[0]!;
    const small = blockRange(node.readDb, 1, tip, first.block.length + first.commit.length);
    assert.equal(small.length, 1, 'stops before the byte budget is passed (always at least one block)');
    assert.deepEqual(blockRange(node.readDb, tip + 1, tip + 10, 1 << 20), []);
  } finally {
    await node.close();
    net.cleanup();
  }
});
