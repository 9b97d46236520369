import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AheadMessages } from '../../../../../main/node/consensus-runner/ahead-messages.ts';

/** The runner's store of messages for heights its consensus machine has not reached (ahead-messages.ts). */
describe('messages kept for later heights', () => {
  const limits = { maxAhead: 3, maxVotes: 4, maxProposals: 1 };

  it('keeps only heights above the current one and within reach, each message once', () => {
    const ahead = new AheadMessages<string>(limits);
    assert.equal(ahead.keep(10, 10, 'vote', 'a', 'current height'), false);
    assert.equal(ahead.keep(10, 9, 'vote', 'a', 'past height'), false);
    assert.equal(ahead.keep(10, 14, 'vote', 'a', 'too far ahead'), false);
    assert.equal(ahead.keep(10, 11, 'vote', 'a', 'v11'), true);
    assert.equal(ahead.keep(10, 11, 'vote', 'a', 'v11 again'), false);
    assert.equal(ahead.keep(10, 13, 'vote', 'a', 'v13'), true);
    assert.equal(ahead.size, 2);
  });

  it('hands over a height’s messages in arrival order and forgets every height up to it', () => {
    const ahead = new AheadMessages<string>(limits);
    ahead.keep(10, 12, 'vote', 'x', 'v12');
    ahead.keep(10, 11, 'vote', 'b', 'v11-b');
    ahead.keep(10, 11, 'proposal', 'p', 'p11');
    ahead.keep(10, 11, 'vote', 'a', 'v11-a');
    assert.deepEqual(ahead.take(11), ['v11-b', 'p11', 'v11-a']);
    assert.deepEqual(ahead.take(11), []);
    assert.equal(ahead.size, 1);
    // A jump (sync) past a kept height drops it and hands over the new one.
    ahead.keep(12, 13, 'vote', 'c', 'v13');
    assert.deepEqual(ahead.take(13), ['v13']);
    assert.equal(ahead.size, 0);
  });

  it('is bounded: votes and proposals each up to their limit, room again once taken', () => {
    const ahead = new AheadMessages<string>(limits);
    for (let i = 0; i < 6; i++) ahead.keep(0, 1, 'vote', `v${i}`, `v${i}`);
    assert.equal(ahead.keep(0, 2, 'proposal', 'p1', 'p1'), true);
    assert.equal(ahead.keep(0, 2, 'proposal', 'p2', 'p2'), false, 'one proposal at most');
    assert.equal(ahead.size, 5, 'four votes and one proposal');
    assert.deepEqual(ahead.take(1), ['v0', 'v1', 'v2', 'v3']);
    assert.equal(ahead.keep(1, 2, 'vote', 'v9', 'v9'), true);
    assert.deepEqual(ahead.take(2), ['p1', 'v9']);
  });
});
