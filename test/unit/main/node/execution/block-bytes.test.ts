import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockCodec, txCodec, type Block } from '../../../../../shared/domain/index.ts';
import { txEncodingsIn } from '../../../../../main/node/execution/block-bytes.ts';
import { CHAIN_ID, signedTx, transferOp } from '../../../../helpers/storage-fixtures.ts';

const header = {
  chainId: CHAIN_ID,
  height: 3,
  time: 1_750_000_003_000n,
  previousHash: new Uint8Array(32).fill(1),
  txRoot: new Uint8Array(32).fill(2),
  appHash: new Uint8Array(32).fill(3),
  validatorsHash: new Uint8Array(32).fill(4),
  proposer: new Uint8Array(33).fill(5),
} as Block['header'];

const blockOf = (n: number, amount = 10n): Block => ({
  header,
  txs: Array.from({ length: n }, (_, i) => signedTx([transferOp('acme', 'beta', 'CNY', amount + BigInt(i))])),
});

describe('txEncodingsIn: each transaction cut from the received block bytes', () => {
  for (const n of [0, 1, 3, 30]) {
    it(`gives exactly the canonical encoding of each of ${n} transactions`, () => {
      const block = blockOf(n);
      const bytes = blockCodec.encode(block);
      const cut = txEncodingsIn(bytes, n);
      assert.ok(cut);
      assert.deepEqual(
        cut,
        block.txs.map((tx) => txCodec.encode(tx)),
      );
    });
  }

  it('handles amounts with 8-byte CBOR arguments', () => {
    const block = blockOf(2, 1n << 60n);
    assert.deepEqual(
      txEncodingsIn(blockCodec.encode(block), 2),
      block.txs.map((tx) => txCodec.encode(tx)),
    );
  });

  it('returns copies, not views of the received buffer', () => {
    const bytes = blockCodec.encode(blockOf(2));
    const [first] = txEncodingsIn(bytes, 2)!;
    assert.equal(first!.byteOffset, 0);
    assert.equal(first!.buffer.byteLength, first!.byteLength);
  });

  it('gives up (undefined) on a count that does not match, or bytes that are not a block', () => {
    const bytes = blockCodec.encode(blockOf(3));
    assert.equal(txEncodingsIn(bytes, 2), undefined);
    assert.equal(txEncodingsIn(bytes, 4), undefined);
    assert.equal(txEncodingsIn(bytes.subarray(0, 60), 3), undefined); // cut inside the transactions
    assert.equal(txEncodingsIn(blockCodec.encode({ header, txs: [] }).subarray(0, 1), 0), undefined);
    assert.equal(txEncodingsIn(Uint8Array.of(0x82, 0x01, 0x02), 0), undefined);
    assert.equal(txEncodingsIn(new Uint8Array(0), 0), undefined);
  });
});
