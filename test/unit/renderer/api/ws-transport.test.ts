import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import { createRouter } from '../../../../main/node/api/router.ts';
import { startApiServer, type ApiServer } from '../../../../main/node/api/server.ts';
import { createApiClient } from '../../../../renderer/src/api/client.ts';
import { ApiCallError, TIMED_OUT } from '../../../../renderer/src/api/errors.ts';
import { createWsTransport } from '../../../../renderer/src/api/ws-transport.ts';
import { handlers, TOKEN } from '../../../integration/api/fixture.ts';

/**
 * The console's WebSocket transport against the real API server (Node 22's WebSocket is the browser's API): calls,
 * refusals with their codes, subscriptions, and recovery when the connection drops.
 */

const events = new EventEmitter();
async function serve(): Promise<ApiServer> {
  return startApiServer({
    port: 0,
    token: TOKEN,
    router: createRouter(handlers, { log: { warn() {}, error() {} } }),
    events: {
      on: (topic, listener) => {
        events.on(topic, listener);
        return () => events.off(topic, listener);
      },
    },
    log: { warn() {}, error() {} },
  });
}

const until = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not met in time: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('WebSocket transport of the console', () => {
  const closers: (() => unknown)[] = [];
  after(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('calls methods, maps refusals to coded errors, and warms calls for start-up', async () => {
    const server = await serve();
    closers.push(() => server.close());
    const transport = createWsTransport({ url: server.wsUrl, token: TOKEN });
    closers.push(() => transport.close());
    const client = createApiClient(transport);
    client.warm('node.status', {});
    assert.deepEqual(await client.call('node.status', {}), { chainId: 'test-chain', height: 7, syncing: false });
    assert.equal(transport.state, 'open');
    const err = await client.call('tx.submit', { tx: '00' }).catch((e: unknown) => e);
    assert.ok(err instanceof ApiCallError);
    assert.equal(err.code, 'ENCODING_TRAILING_BYTES');
    const bad = await client.call('account.history', { account: 'NOT VALID', limit: 1 }).catch((e: unknown) => e);
    assert.ok(bad instanceof ApiCallError);
    assert.deepEqual([bad.code, bad.field], ['INVALID_PARAMS', 'account']);
  });

  it('delivers subscription events and renews them after the connection drops', async () => {
    const server = await serve();
    closers.push(() => server.close());
    // A TCP relay in front of the node: dropping its sockets is a lost connection, with the node still there.
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const upstream = net.connect(server.port, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => relay.close(resolve)));
    const { port } = relay.address() as net.AddressInfo;
    const transport = createWsTransport({ url: `ws://127.0.0.1:${port}/ws`, token: TOKEN });
    closers.push(() => transport.close());
    const states: string[] = [];
    transport.onState((s) => states.push(s));
    const seen: unknown[] = [];
    transport.subscribe('blocks', (e) => seen.push(e));
    await until(() => transport.state === 'open' && events.listenerCount('blocks') === 1);
    events.emit('blocks', { height: 1 });
    await until(() => seen.length === 1);

    for (const s of sockets) s.destroy();
    await until(() => states.includes('closed'));
    await until(() => transport.state === 'open' && events.listenerCount('blocks') === 1, 10_000);
    events.emit('blocks', { height: 2 });
    await until(() => seen.length === 2);
    assert.deepEqual(seen, [{ height: 1 }, { height: 2 }]);
  });

  it('never opens with a wrong token, and calls made meanwhile time out', async () => {
    const server = await serve();
    closers.push(() => server.close());
    const transport = createWsTransport({ url: server.wsUrl, token: 'b'.repeat(64), callTimeoutMs: 600 });
    closers.push(() => transport.close());
    const err = await transport.call('node.status', {}).catch((e: unknown) => e);
    assert.ok(err instanceof ApiCallError && err.rpcCode === TIMED_OUT);
    assert.notEqual(transport.state, 'open');
    assert.ok(transport.attempts >= 1);
  });
});
