import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeerBook } from '../../../../../main/node/p2p/peer-book.ts';

const limits = { banThreshold: 100, banBaseMs: 1_000, banMaxMs: 3_000, scoreHalfLifeMs: 10_000 };

function book() {
  const clock = { t: 0 };
  const b = new PeerBook(limits, () => clock.t);
  b.ensure({ peerId: 'p', name: 'node1', role: 'validator' }, '/ip4/127.0.0.1/tcp/1');
  return { b, clock };
}

describe('PeerBook', () => {
  it('adds penalties per offence and bans at the threshold', () => {
    const { b } = book();
    assert.deepEqual(b.penalise('p', 'bad-signature'), { score: 20, banned: false });
    assert.deepEqual(b.penalise('p', 'malformed'), { score: 60, banned: false });
    assert.deepEqual(b.penalise('p', 'malformed'), { score: 100, banned: true });
    assert.equal(b.isBanned('p'), true);
    assert.equal(b.banRemainingMs('p'), 1_000);
  });

  it('halves scores per half-life, so an old offence is forgiven', () => {
    const { b, clock } = book();
    b.penalise('p', 'malformed');
    clock.t = 10_000;
    assert.equal(b.score('p'), 20);
    clock.t = 20_000;
    assert.equal(b.score('p'), 10);
    assert.deepEqual(b.penalise('p', 'malformed'), { score: 50, banned: false });
    assert.equal(b.toJson(b.get('p')!).score, 50);
  });

  it('doubles the ban per repeat, up to the cap, and lifts it when it ends', () => {
    const { b, clock } = book();
    const durations: number[] = [];
    for (let i = 0; i < 4; i++) {
      while (!b.penalise('p', 'malformed').banned);
      durations.push(b.banRemainingMs('p'));
      clock.t += b.banRemainingMs('p');
      assert.equal(b.isBanned('p'), false);
      clock.t += 1_000_000; // long enough for the score to decay to ~0
    }
    assert.deepEqual(durations, [1_000, 2_000, 3_000, 3_000]);
  });

  it('reports peers as PeerJson', () => {
    const { b } = book();
    const record = b.get('p')!;
    record.connected = true;
    record.height = 7;
    record.latencyMs = 3;
    assert.deepEqual(b.toJson(record), {
      id: 'p',
      name: 'node1',
      role: 'validator',
      address: '/ip4/127.0.0.1/tcp/1',
      connected: true,
      height: 7,
      latencyMs: 3,
      score: 0,
    });
    assert.deepEqual(b.penalise('unknown', 'malformed'), { score: 0, banned: false }, 'no record, nothing to score');
  });
});
