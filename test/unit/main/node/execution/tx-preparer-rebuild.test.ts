import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { txCodec, type Tx } from '../../../../../shared/domain/index.ts';
import { rebuildable, rebuildTransfers } from '../../../../../main/node/execution/tx-preparer-rebuild.ts';

/** Every key of a value, nested, in order: the rebuilt transaction must match the schema's output key for key. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return typeof value;
  return Object.entries(value).map(([k, v]) => [k, keyOrder(v)]);
}

const account = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,63}$/);
const asset = fc.stringMatching(/^[A-Z0-9][A-Z0-9._-]{0,31}$/);
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const memo = fc.option(fc.string({ maxLength: 256 }), { nil: undefined });
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
const transfer = fc.record({ from: account, to: account, asset, amount: u64, memo }).map((t) => ({
  type: 'transfer',
  ...t,
}));
const transfersTx = fc
  .record({
    chainId: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,62}$/),
    expiresAt: u64,
    nonce: bytes(8, 8),
    ops: fc.array(transfer, { minLength: 1, maxLength: 64 }),
    memo,
    signatures: fc.array(fc.record({ publicKey: bytes(1, 65), signature: bytes(1, 65) }), {
      minLength: 1,
      maxLength: 16,
    }),
  })
  .map(({ signatures, ...body }) => ({ body, signatures }));

describe('a transaction of transfers rebuilt from its bytes on the receiving thread', () => {
  it('equals the strict decode of the same bytes, key order included', () => {
    fc.assert(
      fc.property(transfersTx, (value) => {
        const encoded = txCodec.encode(value as unknown as Tx); // drops undefined memos, as a sender's encoder does
        const strict = txCodec.decode(encoded);
        assert.ok(rebuildable(strict));
        const rebuilt = rebuildTransfers(encoded);
        assert.deepStrictEqual(rebuilt, strict);
        assert.deepStrictEqual(keyOrder(rebuilt), keyOrder(strict));
      }),
      { numRuns: 500 },
    );
  });

  it('is used only when every op is a transfer', () => {
    const tx = txCodec.decode(
      txCodec.encode({
        body: {
          chainId: 'c',
          expiresAt: 1n,
          nonce: new Uint8Array(8),
          ops: [
            { type: 'transfer', from: 'a', to: 'b', asset: 'X', amount: 1n },
            { type: 'asset.issue', asset: 'X', to: 'a', amount: 2n },
          ],
        },
        signatures: [{ publicKey: new Uint8Array(33), signature: new Uint8Array(65) }],
      } as unknown as Tx),
    );
    assert.equal(rebuildable(tx), false);
    assert.throws(() => rebuildTransfers(txCodec.encode(tx)), /not a transfer/);
  });
});
