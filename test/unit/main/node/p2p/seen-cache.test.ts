import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeenCache } from '../../../../../main/node/p2p/seen-cache.ts';

describe('SeenCache', () => {
  it('reports a message once, remembers who has it, and forgets the oldest first', () => {
    const cache = new SeenCache(2);
    const k1 = SeenCache.keyOf(Uint8Array.of(1));
    const k2 = SeenCache.keyOf(Uint8Array.of(2));
    const k3 = SeenCache.keyOf(Uint8Array.of(3));
    assert.equal(k1, SeenCache.keyOf(Uint8Array.of(1)));
    assert.notEqual(k1, k2);
    assert.equal(cache.add(k1, 'a'), true);
    assert.equal(cache.add(k1, 'b'), false);
    assert.deepEqual([...cache.holders(k1)], ['a', 'b']);
    cache.add(k2);
    cache.add(k3);
    assert.equal(cache.size, 2);
    assert.equal(cache.has(k1), false, 'evicted');
    assert.equal(cache.has(k3), true);
    assert.deepEqual([...cache.holders(k1)], []);
  });
});

describe('SeenCache with a time-to-live', () => {
  it('treats an entry older than the TTL as unseen, holders and all', () => {
    const clock = { t: 0 };
    const cache = new SeenCache(10, 1_000, () => clock.t);
    const k = SeenCache.keyOf(Uint8Array.of(9));
    assert.equal(cache.add(k, 'a'), true);
    clock.t = 999;
    assert.equal(cache.add(k, 'b'), false, 'still seen just before the TTL');
    clock.t = 1_000;
    assert.equal(cache.has(k), false);
    assert.deepEqual([...cache.holders(k)], []);
    assert.equal(cache.add(k, 'c'), true, 'passed on again');
    assert.deepEqual([...cache.holders(k)], ['c']);
  });
});
