import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { RpcErrorCode } from '../../../shared/api/index.ts';
import { startFixture, TOKEN, type Fixture, type RpcReply } from './fixture.ts';

/** A raw client that queues every frame it receives, to check exactly what the server sends and in which order. */
interface Peer {
  ws: WebSocket;
  next(): Promise<Record<string, unknown>>;
  send(value: unknown): void;
  closed: Promise<number>;
}

function open(url: string, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }): Promise<Peer> {
  const ws = new WebSocket(url, { headers });
  const inbox: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        closed,
        send: (value) => ws.send(typeof value === 'string' ? value : JSON.stringify(value)),
        next: () => {
          const queued = inbox.shift();
          return queued ? Promise.resolve(queued) : new Promise((r) => waiting.push(r));
        },
      }),
    );
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`HTTP ${res.statusCode}`));
      ws.terminate();
    });
    ws.on('error', reject);
  });
}

describe('API over WebSocket', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture({ maxBodyBytes: 64 * 1024 });
  });
  after(() => f.close());

  it('refuses an upgrade without a valid token with 401', async () => {
    await assert.rejects(open(f.server.wsUrl, {}), /HTTP 401/);
    await assert.rejects(open(`${f.server.wsUrl}?token=${'b'.repeat(64)}`, {}), /HTTP 401/);
    await assert.rejects(open(f.server.wsUrl, { Authorization: `Bearer ${TOKEN.slice(1)}` }), /HTTP 401/);
    await assert.rejects(open(f.server.wsUrl.replace('/ws', '/other')), /HTTP 404/);
  });

  it('accepts the token as a query parameter (browsers cannot set headers)', async () => {
    const peer = await open(`${f.server.wsUrl}?token=${TOKEN}`, {});
    peer.send({ jsonrpc: '2.0', id: 1, method: 'node.status' });
    assert.deepEqual((await peer.next())['result'], { chainId: 'test-chain', height: 7, syncing: false });
    peer.ws.close();
  });

  it('pushes events of a subscribed topic, JSON-safe, until unsubscribed', async () => {
    const peer = await open(f.server.wsUrl);
    peer.send({ jsonrpc: '2.0', id: 'sub', method: 'subscribe', params: { topic: 'blocks' } });
    const reply = (await peer.next()) as unknown as RpcReply;
    assert.equal(reply.id, 'sub');
    const subscription = reply.result;
    assert.equal(typeof subscription, 'string');

    f.events.emit('proposals', { other: true }); // another topic: not sent
    f.events.emit('blocks', { height: 8, total: 10n ** 20n, hash: new Uint8Array([0xca, 0xfe]) });
    assert.deepEqual(await peer.next(), {
      jsonrpc: '2.0',
      method: 'subscription',
      params: { subscription, result: { height: 8, total: '100000000000000000000', hash: 'cafe' } },
    });

    peer.send({ jsonrpc: '2.0', id: 2, method: 'unsubscribe', params: { subscription } });
    assert.equal((await peer.next())['result'], true);
    f.events.emit('blocks', { height: 9 });
    peer.send({ jsonrpc: '2.0', id: 3, method: 'unsubscribe', params: { subscription } });
    assert.deepEqual(await peer.next(), { jsonrpc: '2.0', id: 3, result: false }); // and no event before it
    assert.equal(f.events.listenerCount('blocks'), 0);
    peer.ws.close();
  });

  it('sends the subscription id before any event of that subscription', async () => {
    const peer = await open(f.server.wsUrl);
    // Fire an event the moment the server starts listening, before it has answered the subscribe request.
    f.events.once('newListener', (topic: string) => queueMicrotask(() => f.events.emit(topic, { early: true })));
    peer.send({ jsonrpc: '2.0', id: 1, method: 'subscribe', params: { topic: 'proposals' } });
    const first = await peer.next();
    assert.equal(first['id'], 1);
    const second = await peer.next();
    assert.deepEqual(second['params'], { subscription: first['result'], result: { early: true } });
    peer.ws.close();
  });

  it('ends subscriptions when the socket closes', async () => {
    const peer = await open(f.server.wsUrl);
    peer.send({ jsonrpc: '2.0', id: 1, method: 'subscribe', params: { topic: 'blocks' } });
    await peer.next();
    assert.equal(f.events.listenerCount('blocks'), 1);
    peer.ws.close();
    await peer.closed;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(f.events.listenerCount('blocks'), 0);
  });

  it('answers garbage and binary frames with errors and keeps the connection', async () => {
    const peer = await open(f.server.wsUrl);
    peer.send('{not json');
    assert.equal(((await peer.next()) as unknown as RpcReply).error?.code, RpcErrorCode.PARSE_ERROR);
    peer.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    assert.equal(((await peer.next()) as unknown as RpcReply).error?.code, RpcErrorCode.INVALID_REQUEST);
    peer.send([
      { jsonrpc: '2.0', id: 1, method: 'node.status' },
      { jsonrpc: '2.0', id: 2, method: 'x' },
    ]);
    const batch = (await peer.next()) as unknown as RpcReply[];
    assert.deepEqual(
      batch.map((r) => r.id),
      [1, 2],
    );
    peer.ws.close();
  });

  it('drops a client sending an oversized frame without affecting another', async () => {
    const other = await open(f.server.wsUrl);
    const bad = await open(f.server.wsUrl);
    bad.ws.on('error', () => {});
    bad.send('"' + 'x'.repeat(128 * 1024) + '"');
    assert.equal(await bad.closed, 1009); // message too big
    other.send({ jsonrpc: '2.0', id: 1, method: 'node.status' });
    assert.equal((await other.next())['id'], 1);
    other.ws.close();
  });

  it('closes its sockets on close()', async () => {
    const g = await startFixture();
    const peer = await open(g.server.wsUrl);
    await g.close();
    assert.equal(await peer.closed, 1001);
    await assert.rejects(fetch(new URL('/health', g.server.url)));
  });
});
