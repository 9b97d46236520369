import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRouter } from '../../../../main/node/api/router.ts';
import { startApiServer, type ApiServer } from '../../../../main/node/api/server.ts';
import { createApiClient, type ApiClient } from '../../../../renderer/src/api/client.ts';
import { createWsTransport } from '../../../../renderer/src/api/ws-transport.ts';
import { handlers, TOKEN } from '../../../integration/api/fixture.ts';

/**
 * The client's start-up path against the real API server: a warmed call is asked once, its answer is taken by the
 * first render when it has arrived (take) or by the first call otherwise, and never twice.
 */

describe('renderer API client: warmed calls', () => {
  let server: ApiServer;
  let asked = 0;
  const clients: ApiClient[] = [];
  const client = () => {
    const c = createApiClient(createWsTransport({ url: server.wsUrl, token: TOKEN }));
    clients.push(c);
    return c;
  };

  before(async () => {
    const counted = {
      ...handlers,
      'node.status': () => ({ chainId: 'test-chain', height: ++asked, syncing: false }),
    };
    const log = { warn() {}, error() {} };
    server = await startApiServer({ port: 0, token: TOKEN, router: createRouter(counted, { log }), log });
  });
  after(async () => {
    for (const c of clients) c.transport.close();
    await server.close();
  });

  it('hands a warmed answer that has arrived to take(), once', async () => {
    const c = client();
    const before = asked;
    assert.equal(c.take('node.status', {}), undefined, 'nothing warmed yet');
    c.warm('node.status', {});
    assert.equal(c.take('node.status', {}), undefined, 'not arrived yet');
    for (let i = 0; i < 100 && asked === before; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 20));
    const early = c.take('node.status', {});
    assert.deepEqual(early?.value, { chainId: 'test-chain', height: before + 1, syncing: false });
    assert.equal(c.take('node.status', {}), undefined, 'taken once');
    // The next call goes to the node again.
    assert.equal(((await c.call('node.status', {})) as { height: number }).height, before + 2);
  });

  it('gives a warmed answer to the first matching call instead of asking again', async () => {
    const c = client();
    const before = asked;
    c.warm('node.status', {});
    const first = (await c.call('node.status', {})) as { height: number };
    assert.equal(first.height, before + 1);
    assert.equal(asked, before + 1, 'asked once for the warm call and the call that claimed it');
    assert.equal(c.take('node.status', {}), undefined, 'claimed by the call');
  });

  it('keys warmed answers by method and parameters', async () => {
    const c = client();
    c.warm('node.status', {});
    await c.call('account.history', { account: 'a', limit: 1 } as never).catch(() => {});
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(c.take('account.history', { account: 'a', limit: 1 } as never), undefined);
    assert.ok(c.take('node.status', {}));
  });
});
