import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RpcErrorCode } from '../../../shared/api/index.ts';
import {
  ApiCallError,
  ApiTransportError,
  connectSubscriptions,
  createApiClient,
  waitForHealth,
} from '../../../main/node/api/client.ts';
import { startFixture, TOKEN, type Fixture } from './fixture.ts';

describe('API clients', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
  });
  after(() => f.close());

  it('calls a method over HTTP', async () => {
    const api = createApiClient({ url: f.server.url, token: TOKEN });
    assert.deepEqual(await api.call('node.status', {}), { chainId: 'test-chain', height: 7, syncing: false });
  });

  it('surfaces JSON-RPC errors as ApiCallError with data.code and field', async () => {
    const api = createApiClient({ url: f.server.url, token: TOKEN });
    await assert.rejects(api.call('tx.submit', { tx: 'abcd' }), (err: unknown) => {
      assert.ok(err instanceof ApiCallError);
      assert.equal(err.rpcCode, RpcErrorCode.REJECTED);
      assert.equal(err.code, 'ENCODING_TRAILING_BYTES');
      assert.equal(err.message, '2 bytes after the end of the transaction');
      return true;
    });
    await assert.rejects(api.call('account.history', { account: 'acme', limit: 0 }), {
      name: 'ApiCallError',
      code: 'INVALID_PARAMS',
      field: 'limit',
    });
    await assert.rejects(createApiClient({ url: f.server.url, token: 'nope' }).call('node.status', {}), {
      code: 'UNAUTHORIZED',
      rpcCode: RpcErrorCode.UNAUTHORIZED,
    });
  });

  it('reports an unreachable node as ApiTransportError', async () => {
    const api = createApiClient({ url: 'http://127.0.0.1:1/', token: TOKEN, timeoutMs: 2_000 });
    await assert.rejects(api.call('node.status', {}), (err: unknown) => {
      assert.ok(err instanceof ApiTransportError);
      assert.equal(err.code, 'UNREACHABLE');
      return true;
    });
  });

  it('waits for health, and times out when there is none', async () => {
    await waitForHealth(f.server.url, 1_000);
    await assert.rejects(waitForHealth('http://127.0.0.1:1/', 300), { code: 'TIMEOUT' });
  });

  it('subscribes over WebSocket and receives events until unsubscribed', async () => {
    const subs = await connectSubscriptions({ wsUrl: f.server.wsUrl, token: TOKEN });
    const received: unknown[] = [];
    const id = await subs.subscribe('blocks', (payload) => received.push(payload));
    f.events.emit('blocks', { height: 1n });
    f.events.emit('blocks', { height: 2n });
    assert.deepEqual(await subs.call('node.status', {}), { chainId: 'test-chain', height: 7, syncing: false });
    assert.deepEqual(received, [{ height: '1' }, { height: '2' }]);
    assert.equal(await subs.unsubscribe(id), true);
    await assert.rejects(subs.call('block.get', { height: 3 }), { code: 'NOT_FOUND' });
    await subs.close();
    await assert.rejects(subs.call('node.status', {}), { code: 'CLOSED' });
  });

  it('refuses to connect subscriptions with a wrong token', async () => {
    await assert.rejects(connectSubscriptions({ wsUrl: f.server.wsUrl, token: 'x'.repeat(64) }), {
      name: 'ApiCallError',
      code: 'UNAUTHORIZED',
    });
  });
});
