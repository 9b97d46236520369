import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { backoffDelay, BootstrapDialer } from '../../../../../main/node/p2p/reconnect.ts';

describe('backoffDelay', () => {
  it('grows exponentially to the cap, with half of each delay jittered', () => {
    const low = [0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, 100, 1_000, () => 0));
    const high = [0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, 100, 1_000, () => 0.999999));
    assert.deepEqual(low, [50, 100, 200, 400, 500, 500, 500]);
    assert.deepEqual(high, [100, 200, 400, 800, 1_000, 1_000, 1_000]);
    assert.equal(
      backoffDelay(3, 100, 1_000, () => 0.5),
      600,
    );
    assert.equal(
      backoffDelay(1_000, 100, 1_000, () => 0),
      500,
      'no overflow for huge attempt counts',
    );
  });
});

describe('BootstrapDialer', () => {
  const log = pino({ level: 'silent' });

  it('retries a failing dial with growing delays, resets after a connection, waits out a ban', async () => {
    const dials: number[] = [];
    let connected = false;
    let ban = 0;
    const started = Date.now();
    const dialer = new BootstrapDialer({
      targets: [{ peerId: 'p', address: '/ip4/127.0.0.1/tcp/1/p2p/p' }],
      dial: async () => {
        dials.push(Date.now() - started);
        if (dials.length === 4) {
          connected = true;
          dialer.connected('p');
          return;
        }
        throw new Error('refused');
      },
      isConnected: () => connected,
      banRemainingMs: () => ban,
      baseMs: 20,
      maxMs: 1_000,
      random: () => 0.999999,
      log,
    });
    dialer.start();
    try {
      await waitUntil(() => dials.length === 4);
      const gaps = dials.slice(1).map((t, i) => t - dials[i]!);
      assert.ok(gaps[0]! >= 19 && gaps[1]! >= 39 && gaps[2]! >= 79, `gaps ${gaps}`);
      assert.equal(dialer.nextAttempt('p'), 0, 'a connection resets the backoff');

      connected = false;
      ban = 300;
      const lost = Date.now() - started;
      dialer.disconnected('p');
      await waitUntil(() => dials.length === 5);
      assert.ok(dials[4]! - lost >= 295, `redialled ${dials[4]! - lost} ms after the loss, during a 300 ms ban`);
    } finally {
      dialer.stop();
    }
  });

  it('never dials after stop', async () => {
    let dials = 0;
    const dialer = new BootstrapDialer({
      targets: [{ peerId: 'p', address: 'x' }],
      dial: async () => {
        dials++;
      },
      isConnected: () => false,
      banRemainingMs: () => 0,
      baseMs: 10,
      maxMs: 10,
      random: () => 0,
      log,
    });
    dialer.start();
    dialer.stop();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(dials, 0);
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
