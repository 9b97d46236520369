import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { txCodec } from '../../../shared/domain/index.ts';
import { ApiCallError, createApiClient, type ApiClient } from '../../../main/node/api/index.ts';
import { buildTx } from '../../../main/node/client/build-tx.ts';
import { generateSecretKey } from '../../../shared/crypto/index.ts';
import { nodeCryptoEd25519Signer } from '../../../main/node/signer/node-crypto-signer.ts';
import type { CountersignNode } from '../../../main/node/node.ts';
import { makeDemoNetwork, startQuietNode } from '../../helpers/devnet.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('API input is validated at the edge: refused with a JSON-RPC error, nothing written', () => {
  // Blocks are produced explicitly (node.produceBlock) so nothing races the assertions.
  const net = makeDemoNetwork({ blockIntervalMs: 60_000 });
  let node: CountersignNode;
  let client: ApiClient;
  let url: string;
  let token: string;

  before(async () => {
    node = await startQuietNode(net.home);
    url = node.endpoint!.url;
    token = readFileSync(path.join(net.home, 'api-token'), 'utf8').trim();
    client = createApiClient({ url, token });
  });
  after(async () => {
    await node.close();
    net.cleanup();
  });

  /** Asserts a call fails with `code` (data.code) and that the node's height and mempool did not change. */
  async function refused(call: () => Promise<unknown>, code: string) {
    const height = node.status().height;
    await assert.rejects(call, (err: unknown) => err instanceof ApiCallError && err.code === code, `expected ${code}`);
    assert.equal(node.status().height, height);
    assert.equal(node.mempool.size, 0);
  }

  const transfer = {
    type: 'transfer',
    from: 'jhcb.treasury',
    to: 'hbsec.treasury',
    asset: 'CNY',
    amount: 100n,
  } as const;
  const signed = async (chainId = 'countersign-test', now = BigInt(Date.now())) =>
    buildTx(chainId, [transfer as never], [net.signer('jhcb-treasury-1'), net.signer('jhcb-treasury-2')], { now });

  it('unknown methods', () => refused(() => client.call('ledger.mint' as never, {} as never), 'METHOD_NOT_FOUND'));
  it('wrong parameter types and unknown fields', async () => {
    await refused(() => client.call('block.get', { height: 'one' } as never), 'INVALID_PARAMS');
    await refused(
      () => client.call('account.history', { account: 'jhcb.treasury', limit: 10, extra: 1 } as never),
      'INVALID_PARAMS',
    );
    await refused(() => client.call('tx.submit', { tx: 'not hex' }), 'INVALID_PARAMS');
    await refused(() => client.call('account.balances', { account: '../etc/passwd' }), 'INVALID_PARAMS');
  });
  it('huge payloads', async () => {
    const height = node.status().height;
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tx.submit', params: { tx: 'ab'.repeat(1024 * 1024) } }),
    });
    assert.equal(res.status, 413);
    assert.equal(node.status().height, height);
    assert.equal(((await client.call('node.status', {})) as { height: number }).height, height);
  });
  it('malformed transaction bytes, with the encoding error code', async () => {
    await refused(() => client.call('tx.submit', { tx: 'ff' }), 'ENCODING_INDEFINITE_LENGTH');
    const good = await signed();
    await refused(() => client.call('tx.submit', { tx: hex(good.encoded) + '00' }), 'ENCODING_TRAILING_BYTES');
    await refused(() => client.call('tx.submit', { tx: hex(good.encoded.subarray(0, 40)) }), 'ENCODING_TRUNCATED');
  });
  it('bad signatures', async () => {
    const good = await signed();
    const tx = structuredClone(good.tx);
    tx.signatures[1]!.signature[10]! ^= 1;
    await refused(() => client.call('tx.submit', { tx: hex(txCodec.encode(tx)) }), 'TX_BAD_SIGNATURE');
  });
  it('a valid signature by a key that is not a signatory', async () => {
    const stranger = nodeCryptoEd25519Signer('stranger', generateSecretKey('ed25519'));
    const tx = await buildTx('countersign-test', [transfer as never], [stranger], { now: BigInt(Date.now()) });
    await refused(() => client.call('tx.submit', { tx: hex(tx.encoded) }), 'TX_UNKNOWN_SIGNER');
  });
  it('the wrong chain id', async () => {
    const other = await signed('another-chain');
    await refused(() => client.call('tx.submit', { tx: hex(other.encoded) }), 'TX_WRONG_CHAIN');
  });
  it('expired transactions and expiries too far ahead', async () => {
    const old = await signed('countersign-test', BigInt(Date.now()) - 7_200_000n);
    await refused(() => client.call('tx.submit', { tx: hex(old.encoded) }), 'TX_EXPIRED');
  });
  it('a missing or wrong token', async () => {
    const anonymous = createApiClient({ url, token: 'x'.repeat(64) });
    await refused(() => anonymous.call('node.status', {}), 'UNAUTHORIZED');
  });
  it('a valid transaction is accepted once, and a replay of it is refused', async () => {
    const good = await signed();
    assert.deepEqual(await client.call('tx.submit', { tx: hex(good.encoded) }), { id: good.id, status: 'pending' });
    await assert.rejects(
      () => client.call('tx.submit', { tx: hex(good.encoded) }),
      (e: unknown) => e instanceof ApiCallError && e.code === 'TX_ALREADY_PENDING',
    );
    node.produceBlock();
    const stored = (await client.call('tx.get', { id: good.id })) as { code: string; height: number };
    assert.equal(stored.code, 'OK');
    await assert.rejects(
      () => client.call('tx.submit', { tx: hex(good.encoded) }),
      (e: unknown) => e instanceof ApiCallError && e.code === 'TX_ALREADY_COMMITTED',
    );
  });
});
