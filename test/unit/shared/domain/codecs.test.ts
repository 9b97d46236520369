import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EncodingError, EncodingErrorCode as E } from '../../../../shared/encoding/index.ts';
import { generateSecretKey, publicKeyOf, signWithSecretKey, verifySignature } from '../../../../shared/crypto/index.ts';
import {
  blockCodec,
  blockHashHex,
  proposalId,
  txBodySchema,
  txCodec,
  txHash,
  txId,
  type Tx,
} from '../../../../shared/domain/index.ts';

const alice = generateSecretKey('ed25519', new Uint8Array(32).fill(7));

function sampleTx(chainId = 'countersign-test'): Tx {
  const body = txBodySchema.parse({
    chainId,
    expiresAt: 1_800_000_000_000n,
    nonce: new Uint8Array(8).fill(1),
    ops: [{ type: 'transfer', from: 'acme.treasury', to: 'beta.treasury', asset: 'CNY', amount: 100_00n }],
  });
  return {
    body,
    signatures: [
      { publicKey: publicKeyOf('ed25519', alice), signature: signWithSecretKey('ed25519', alice, txHash(body)) },
    ],
  };
}

const refusedWith = (fn: () => unknown, code: string, field?: string) =>
  assert.throws(
    fn,
    (err: unknown) => err instanceof EncodingError && err.code === code && (!field || err.field === field),
  );

describe('transaction envelope', () => {
  it('round-trips through canonical bytes and keeps its id', () => {
    const tx = sampleTx();
    const decoded = txCodec.decode(txCodec.encode(tx));
    assert.equal(txId(decoded.body), txId(tx.body));
    assert.equal(
      verifySignature(decoded.signatures[0]!.publicKey, txHash(decoded.body), decoded.signatures[0]!.signature),
      true,
    );
  });
  it('has a stable id: this pins the encoding of transactions (a change here is a protocol change)', () => {
    assert.equal(txId(sampleTx().body), txId(sampleTx().body));
    assert.match(txId(sampleTx().body), /^[0-9a-f]{64}$/);
    assert.notEqual(txId(sampleTx('other-chain').body), txId(sampleTx().body));
  });
  it('a memo starting with U+FEFF decodes whole, so the decoded body has the id that was signed', () => {
    const withMemo = (memo: string) => {
      const tx = sampleTx();
      return { ...tx, body: { ...tx.body, ops: [{ ...tx.body.ops[0]!, memo }] } } as Tx;
    };
    const tx = withMemo('\uFEFFinvoice 7');
    const decoded = txCodec.decode(txCodec.encode(tx));
    assert.deepEqual(decoded.body.ops[0], tx.body.ops[0]);
    assert.equal(txId(decoded.body), txId(tx.body));
    assert.notEqual(txId(tx.body), txId(withMemo('invoice 7').body));
  });
  it('refuses unknown fields anywhere, naming them', () => {
    const tx = sampleTx();
    refusedWith(() => txCodec.parse({ ...tx, extra: 1 }), E.UNKNOWN_FIELD, 'extra');
    refusedWith(
      () => txCodec.parse({ ...tx, body: { ...tx.body, ops: [{ ...tx.body.ops[0], fee: 1 }] } }),
      E.UNKNOWN_FIELD,
      'body.ops.0.fee',
    );
  });
  it('refuses bad values, naming the field', () => {
    const tx = sampleTx();
    const withOp = (op: object) => ({ ...tx, body: { ...tx.body, ops: [op] } });
    refusedWith(() => txCodec.parse(withOp({ ...tx.body.ops[0], amount: -5 })), E.INVALID_FIELD, 'body.ops.0.amount');
    refusedWith(() => txCodec.parse(withOp({ ...tx.body.ops[0], amount: 1.5 })), E.INVALID_FIELD, 'body.ops.0.amount');
    refusedWith(() => txCodec.parse(withOp({ ...tx.body.ops[0], asset: 'cny' })), E.INVALID_FIELD, 'body.ops.0.asset');
    refusedWith(() => txCodec.parse(withOp({ type: 'mint.free-money' })), E.INVALID_FIELD, 'body.ops.0.type');
    refusedWith(
      () => txCodec.parse({ ...tx, body: { ...tx.body, chainId: 'Bad Chain' } }),
      E.INVALID_FIELD,
      'body.chainId',
    );
    refusedWith(() => txCodec.parse({ ...tx, signatures: [] }), E.INVALID_FIELD, 'signatures');
  });
  it('refuses oversized transactions before decoding them', () => {
    refusedWith(() => txCodec.decode(new Uint8Array(64 * 1024 + 1)), E.TOO_LARGE);
  });
  it('refuses a valid encoding followed by anything', () => {
    const bytes = txCodec.encode(sampleTx());
    refusedWith(() => txCodec.decode(Uint8Array.of(...bytes, 0)), E.TRAILING_BYTES);
  });
});

describe('proposals and blocks', () => {
  it('proposal ids commit to the action, the account, the expiry and the salt', () => {
    const content = {
      account: 'acme.treasury',
      action: { type: 'transfer' as const, from: 'acme.treasury', to: 'beta.treasury', asset: 'CNY', amount: 5n },
      expiresAt: 1_800_000_000_000n,
      salt: new Uint8Array(16),
    } as unknown as Parameters<typeof proposalId>[1];
    const id = proposalId('c', content);
    assert.match(id, /^[0-9a-f]{64}$/);
    assert.notEqual(proposalId('c', { ...content, salt: new Uint8Array(16).fill(1) }), id);
    assert.notEqual(proposalId('c', { ...content, expiresAt: 1n }), id);
    assert.notEqual(proposalId('d', content), id);
  });
  it('a block round-trips and its hash is the hash of its header', () => {
    const header = {
      chainId: 'countersign-test',
      height: 1,
      time: 1_700_000_000_000n,
      previousHash: new Uint8Array(32),
      txRoot: new Uint8Array(32).fill(1),
      appHash: new Uint8Array(32).fill(2),
      validatorsHash: new Uint8Array(32).fill(3),
      proposer: publicKeyOf('ed25519', alice),
    };
    const block = blockCodec.parse({ header, txs: [sampleTx()] });
    const decoded = blockCodec.decode(blockCodec.encode(block));
    assert.equal(blockHashHex(decoded.header), blockHashHex(block.header));
    assert.equal(decoded.txs.length, 1);
  });
});
