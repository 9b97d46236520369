import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostClient, type HostChannel } from '../../../../main/electron/host-client.ts';
import { hostArgv, parseHostArgv, type ToHost } from '../../../../main/electron/host-protocol.ts';

/** A channel whose host side the test plays by hand. */
function fakeChannel() {
  const sent: ToHost[] = [];
  let deliver: (m: unknown) => void = () => undefined;
  let exit: (code: number) => void = () => undefined;
  let killed = false;
  const channel: HostChannel = {
    post: (m) => void sent.push(m),
    onMessage: (l) => void (deliver = l),
    onExit: (l) => void (exit = l),
    kill: () => void (killed = true),
  };
  return { channel, sent, host: (m: unknown) => deliver(m), exit: (c: number) => exit(c), killed: () => killed };
}

const ready = { type: 'ready', home: '/h/node0', chainId: 'c', height: 3, apiUrl: null, created: false };

describe('main ↔ node host protocol (client side)', () => {
  it('matches answers to calls by id and turns JSON-RPC responses into bridge results', async () => {
    const f = fakeChannel();
    const client = new HostClient(f.channel);
    f.host(ready);
    assert.equal((await client.ready).height, 3);
    const a = client.call('node.status', {});
    const b = client.call('account.get', { account: 'x' });
    assert.deepEqual(f.sent, [
      { type: 'call', id: 1, method: 'node.status', params: {} },
      { type: 'call', id: 2, method: 'account.get', params: { account: 'x' } },
    ]);
    const notFound = { code: -32001, message: 'account "x" not found', data: { code: 'NOT_FOUND' } };
    f.host({ type: 'result', id: 2, response: { jsonrpc: '2.0', id: 1, error: notFound } });
    f.host({ type: 'result', id: 1, response: { jsonrpc: '2.0', id: 1, result: { height: 3 } } });
    assert.deepEqual(await a, { ok: true, value: { height: 3 } });
    assert.deepEqual(await b, { ok: false, error: notFound });
  });

  it('drops messages that are not the protocol, and delivers events', () => {
    const f = fakeChannel();
    const problems: string[] = [];
    const client = new HostClient(f.channel, { onProtocolError: (p) => problems.push(p) });
    const events: unknown[] = [];
    client.onEvent((topic, payload) => events.push([topic, payload]));
    f.host({ type: 'event', topic: 'blocks', payload: { height: 4 } });
    f.host({ type: 'event', topic: 'secrets', payload: {} });
    f.host({ type: 'result', id: 'one', response: {} });
    f.host('hello');
    assert.deepEqual(events, [['blocks', { height: 4 }]]);
    assert.equal(problems.length, 3);
  });

  it('a start failure rejects ready with the host’s code and message', async () => {
    const f = fakeChannel();
    const client = new HostClient(f.channel);
    f.host({ type: 'fatal', code: 'GENESIS_MISMATCH', message: 'ledger.sqlite belongs to another network' });
    await assert.rejects(client.ready, { code: 'GENESIS_MISMATCH', message: /another network/ });
  });

  it('answers pending and later calls with an error when the host exits, and times out silent calls', async () => {
    const f = fakeChannel();
    const client = new HostClient(f.channel, { timeoutMs: 20 });
    const silent = await client.call('node.status', {});
    assert.deepEqual(silent.ok ? undefined : silent.error.data, { code: 'HOST_TIMEOUT' });
    const pending = client.call('node.status', {});
    f.exit(1);
    const exited = await pending;
    assert.deepEqual(exited.ok ? undefined : exited.error.data, { code: 'HOST_EXITED' });
    await assert.rejects(client.ready, { code: 'HOST_EXITED' });
    const after = await client.call('node.status', {});
    assert.equal(after.ok, false);
  });

  it('stop() asks the host to stop, then kills it if it does not exit in time', async () => {
    const f = fakeChannel();
    const client = new HostClient(f.channel);
    const stopped = client.stop(10);
    assert.deepEqual(f.sent, [{ type: 'stop' }]);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(f.killed(), true);
    f.exit(0);
    assert.equal(await stopped, 0);
  });

  it('passes the node home or devnet to the host as arguments', () => {
    assert.deepEqual(parseHostArgv(hostArgv({ devnet: '/tmp/d' })), { devnet: '/tmp/d' });
    assert.deepEqual(parseHostArgv(hostArgv({ home: '/srv/node' })), { home: '/srv/node' });
    assert.throws(() => parseHostArgv([]), /needs --home DIR or --devnet DIR/);
  });
});
