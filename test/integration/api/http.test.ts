import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RpcErrorCode } from '../../../shared/api/index.ts';
import { post, rpc, SECRET, startFixture, TOKEN, type Fixture, type RpcReply } from './fixture.ts';

describe('API over HTTP', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
  });
  after(() => f.close());

  describe('authentication', () => {
    const status = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'node.status' });
    for (const [why, headers] of [
      ['missing', {}],
      ['wrong', { Authorization: `Bearer ${'b'.repeat(64)}` }],
      ['wrong-length', { Authorization: `Bearer ${TOKEN}0` }],
      ['not bearer', { Authorization: `Basic ${TOKEN}` }],
    ] as const) {
      it(`refuses a ${why} token with 401 UNAUTHORIZED`, async () => {
        const res = await post(f.server, status, headers);
        assert.equal(res.status, 401);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer');
        const body = res.body as RpcReply;
        assert.equal(body.error?.code, RpcErrorCode.UNAUTHORIZED);
        assert.equal(body.error?.data.code, 'UNAUTHORIZED');
      });
    }
    it('accepts the right token', async () => {
      const res = await post(f.server, status);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.deepEqual((res.body as RpcReply).result, { chainId: 'test-chain', height: 7, syncing: false });
    });
  });

  describe('routes', () => {
    it('answers GET /health without a token', async () => {
      const res = await fetch(new URL('/health', f.server.url));
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { ok: true });
    });
    it('refuses other methods on / with 405', async () => {
      const res = await fetch(f.server.url, { headers: { Authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.status, 405);
      assert.equal(res.headers.get('allow'), 'POST');
      await res.text();
    });
    it('answers 404 for other paths', async () => {
      const res = await fetch(new URL('/nope', f.server.url), { method: 'POST' });
      assert.equal(res.status, 404);
      await res.text();
    });
  });

  describe('requests', () => {
    it('answers METHOD_NOT_FOUND for unknown names, including Object.prototype ones', async () => {
      for (const method of ['no.such', 'constructor', '__proto__', 'proposal.get']) {
        const reply = await rpc(f.server, method, {});
        assert.equal(reply.error?.code, RpcErrorCode.METHOD_NOT_FOUND, method);
        assert.equal(reply.error?.data.code, 'METHOD_NOT_FOUND');
      }
    });
    it('names the field of a wrong type', async () => {
      const reply = await rpc(f.server, 'account.history', { account: 'acme.treasury', limit: 'ten' });
      assert.equal(reply.error?.code, RpcErrorCode.INVALID_PARAMS);
      assert.equal(reply.error?.data.code, 'INVALID_PARAMS');
      assert.equal(reply.error?.data.field, 'limit');
      assert.match(reply.error?.data.message ?? '', /^limit: expected number/);
    });
    it('names an unknown field', async () => {
      const reply = await rpc(f.server, 'account.history', { account: 'acme.treasury', limit: 5, amount: 1 });
      assert.equal(reply.error?.data.field, 'amount');
      assert.match(reply.error?.message ?? '', /amount: unknown field/);
    });
    it('explains a union by its closest alternative', async () => {
      assert.equal((await rpc(f.server, 'block.get', { height: 'x' })).error?.data.field, 'height');
      assert.equal((await rpc(f.server, 'block.get', { hash: 'zz' })).error?.data.field, 'hash');
      assert.equal((await rpc(f.server, 'block.get', { height: 1, hash: 'ab' })).error?.data.field, 'hash');
    });
    it('treats absent params as {} and refuses positional params', async () => {
      assert.equal((await rpc(f.server, 'node.status')).result !== undefined, true);
      assert.equal((await rpc(f.server, 'node.status', [])).error?.code, RpcErrorCode.INVALID_PARAMS);
      assert.equal((await rpc(f.server, 'node.status', 'x')).error?.code, RpcErrorCode.INVALID_REQUEST);
    });
    it('refuses malformed envelopes with INVALID_REQUEST', async () => {
      for (const request of [
        { id: 1, method: 'node.status' },
        { jsonrpc: '1.0', id: 1, method: 'node.status' },
        { jsonrpc: '2.0', id: { x: 1 }, method: 'node.status' },
        { jsonrpc: '2.0', id: 1, method: 7 },
        42,
        null,
      ]) {
        const res = await post(f.server, JSON.stringify(request));
        assert.equal((res.body as RpcReply).error?.code, RpcErrorCode.INVALID_REQUEST, JSON.stringify(request));
      }
    });
    it('answers PARSE_ERROR for text that is not JSON', async () => {
      const res = await post(f.server, '{"jsonrpc": "2.0", "method": ');
      assert.equal(res.status, 200);
      assert.equal((res.body as RpcReply).error?.code, RpcErrorCode.PARSE_ERROR);
      assert.equal((res.body as RpcReply).id, null);
    });
    it('keeps ids as sent, strings and null included', async () => {
      assert.equal((await rpc(f.server, 'node.status', {}, 'abc')).id, 'abc');
      assert.equal((await rpc(f.server, 'node.status', {}, null)).id, null);
    });
  });

  describe('size limit', () => {
    it('refuses a 1 MiB body with 413 TOO_LARGE and keeps serving', async () => {
      const big = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tx.submit',
        params: { tx: 'ab'.repeat(512 * 1024) },
      });
      const res = await post(f.server, big);
      assert.equal(res.status, 413);
      assert.equal((res.body as RpcReply).error?.code, RpcErrorCode.TOO_LARGE);
      assert.equal((res.body as RpcReply).error?.data.code, 'TOO_LARGE');
      assert.equal((await rpc(f.server, 'node.status')).result !== undefined, true);
    });
  });

  describe('batches and notifications', () => {
    it('answers each entry of a mixed batch, in order, leaving out notifications', async () => {
      const batch = [
        { jsonrpc: '2.0', id: 1, method: 'node.status' },
        { jsonrpc: '2.0', id: 2, method: 'no.such' },
        { jsonrpc: '2.0', method: 'node.status' },
        { jsonrpc: '2.0', id: 3, method: 'account.history', params: { account: 'BAD', limit: 1 } },
        1,
      ];
      const replies = (await post(f.server, JSON.stringify(batch))).body as RpcReply[];
      assert.equal(replies.length, 4);
      assert.deepEqual(
        replies.map((r) => [r.id, r.error?.code ?? 'ok']),
        [
          [1, 'ok'],
          [2, RpcErrorCode.METHOD_NOT_FOUND],
          [3, RpcErrorCode.INVALID_PARAMS],
          [null, RpcErrorCode.INVALID_REQUEST],
        ],
      );
    });
    it('refuses an empty batch and one over 50 entries', async () => {
      assert.equal(((await post(f.server, '[]')).body as RpcReply).error?.code, RpcErrorCode.INVALID_REQUEST);
      const many = Array.from({ length: 51 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'node.status' }));
      const reply = (await post(f.server, JSON.stringify(many))).body as RpcReply;
      assert.equal(reply.error?.data.code, 'BATCH_TOO_LARGE');
    });
    it('sends nothing back for notifications, even failing ones', async () => {
      const res = await post(f.server, JSON.stringify({ jsonrpc: '2.0', method: 'tx.submit', params: { tx: 'ab' } }));
      assert.equal(res.status, 204);
      assert.equal(res.body, undefined);
      const batch = [
        { jsonrpc: '2.0', method: 'node.status' },
        { jsonrpc: '2.0', method: 'no.such' },
      ];
      assert.equal((await post(f.server, JSON.stringify(batch))).status, 204);
    });
  });

  describe('handler outcomes', () => {
    it('turns a coded error into REJECTED with its code and message', async () => {
      const reply = await rpc(f.server, 'tx.submit', { tx: 'abcd' });
      assert.equal(reply.error?.code, RpcErrorCode.REJECTED);
      assert.equal(reply.error?.data.code, 'ENCODING_TRAILING_BYTES');
      assert.equal(reply.error?.message, '2 bytes after the end of the transaction');
    });
    it('passes ApiError through with its rpc code, data.code and field', async () => {
      const missing = await rpc(f.server, 'block.get', { height: 99 });
      assert.equal(missing.error?.code, RpcErrorCode.NOT_FOUND);
      assert.deepEqual(missing.error?.data, { code: 'NOT_FOUND' });
      assert.equal(missing.error?.message, 'block 99 not found');
      const invalid = await rpc(f.server, 'bill.get', { serial: 'B-1' });
      assert.equal(invalid.error?.code, RpcErrorCode.INVALID_PARAMS);
      assert.equal(invalid.error?.data.field, 'serial');
    });
    it('hides unexpected exceptions and system errors behind INTERNAL_ERROR, logging them', async () => {
      for (const method of ['bill.list', 'member.list']) {
        f.logged.length = 0;
        const res = await post(f.server, JSON.stringify({ jsonrpc: '2.0', id: 1, method }));
        const reply = res.body as RpcReply;
        assert.equal(reply.error?.code, RpcErrorCode.INTERNAL_ERROR);
        assert.equal(reply.error?.message, 'Internal error');
        assert.ok(!JSON.stringify(res.body).includes(SECRET));
        assert.doesNotMatch(JSON.stringify(res.body), /secret|stack|at /i);
        assert.equal(f.logged.length, 1);
        assert.match(String((f.logged[0]?.detail as Error).message), /secret detail/);
      }
    });
    it('passes parsed params to the handler', async () => {
      const params = { account: 'acme.treasury', asset: 'CNY', limit: 10 };
      assert.deepEqual((await rpc(f.server, 'account.history', params)).result, params);
    });
    it('serialises bigint as decimal strings and bytes (Buffer too) as lower-case hex', async () => {
      const reply = await rpc(f.server, 'account.balances', { account: 'acme.treasury' });
      assert.deepEqual(reply.result, { amount: '12345678901234567890', raw: '0001abff' });
      assert.equal((await rpc(f.server, 'asset.list')).result, 'dead');
    });
    it('refuses subscribe over HTTP with NEEDS_WEBSOCKET', async () => {
      const reply = await rpc(f.server, 'subscribe', { topic: 'blocks' });
      assert.equal(reply.error?.code, RpcErrorCode.REJECTED);
      assert.equal(reply.error?.data.code, 'NEEDS_WEBSOCKET');
    });
  });
});
