// Hand-scripted runs of Algorithm 1 with four validators of power 1 (quorum 3, f + 1 = 2). The proposer of
// (height h, round r) is v[(h - 1 + r) mod 4]; the machine under test is v3 unless said otherwise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConsensusMachine, DEFAULT_TIMEOUTS, ValidatorSet } from '../../../../../main/node/consensus/index.ts';
import type { ConsensusEffect, Vote, VoteType } from '../../../../../main/node/consensus/index.ts';

const set = new ValidatorSet(['v0', 'v1', 'v2', 'v3'].map((id) => ({ id, power: 1 })));

function machine(self = 'v3'): ConsensusMachine {
  return new ConsensusMachine({ validators: set, self });
}

const vote = (type: VoteType, round: number, value: string | null, validator: string, height = 1): Vote => ({
  type,
  height,
  round,
  value,
  validator,
});

const proposal = (m: ConsensusMachine, round: number, value: string, validRound = -1, height = 1) =>
  m.handle({
    type: 'proposal',
    proposal: { height, round, value, validRound, proposer: set.proposer(height, round) },
    valid: true,
  });

const votes = (m: ConsensusMachine, type: VoteType, round: number, value: string | null, from: string[]) =>
  from.flatMap((v) => m.handle({ type: 'vote', vote: vote(type, round, value, v) }));

const ownVotes = (fx: readonly ConsensusEffect[]) =>
  fx.flatMap((e) => (e.type === 'broadcastVote' ? [[e.vote.type, e.vote.round, e.vote.value]] : []));

describe('consensus state machine (Algorithm 1)', () => {
  it('StartRound: a non-proposer schedules timeoutPropose; the proposer asks for a value and proposes it', () => {
    const m = machine('v3');
    assert.deepEqual(m.handle({ type: 'start', height: 1 }), [
      { type: 'scheduleTimeout', height: 1, round: 0, step: 'propose', delayMs: DEFAULT_TIMEOUTS.propose.baseMs },
    ]);
    const p = machine('v0');
    const fx = p.handle({ type: 'start', height: 1 });
    assert.deepEqual(fx[0], { type: 'requestValue', height: 1, round: 0 });
    const after = p.handle({ type: 'value', height: 1, round: 0, value: 'A' });
    assert.deepEqual(after[0], {
      type: 'broadcastProposal',
      proposal: { height: 1, round: 0, value: 'A', validRound: -1, proposer: 'v0' },
    });
    assert.deepEqual(ownVotes(after), [['prevote', 0, 'A']], 'the proposer prevotes its own proposal (line 24)');
    assert.deepEqual(p.handle({ type: 'value', height: 1, round: 0, value: 'B' }), [], 'one proposal per round');
  });

  it('locks on a value after a polka and precommits it (lines 22, 36)', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    assert.deepEqual(ownVotes(proposal(m, 0, 'A')), [['prevote', 0, 'A']]);
    assert.deepEqual(ownVotes(votes(m, 'prevote', 0, 'A', ['v0'])), []);
    const fx = votes(m, 'prevote', 0, 'A', ['v1']);
    assert.deepEqual(ownVotes(fx), [['precommit', 0, 'A']]);
    const view = m.view();
    assert.equal(view.lockedValue, 'A');
    assert.equal(view.lockedRound, 0);
    assert.equal(view.validValue, 'A');
    assert.equal(view.step, 'precommit');
  });

  it('a locked node prevotes nil for another value, then relocks on a higher-round polka (lines 22, 36)', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    proposal(m, 0, 'A');
    votes(m, 'prevote', 0, 'A', ['v0', 'v1']);
    const timeout = votes(m, 'precommit', 0, null, ['v0', 'v1', 'v2']);
    assert.ok(timeout.some((e) => e.type === 'scheduleTimeout' && e.step === 'precommit' && e.round === 0));
    m.handle({ type: 'timeout', height: 1, round: 0, step: 'precommit' });
    assert.equal(m.view().round, 1);
    assert.deepEqual(ownVotes(proposal(m, 1, 'B')), [['prevote', 1, null]], 'locked on A: nil for B');
    const fx = votes(m, 'prevote', 1, 'B', ['v0', 'v1', 'v2']);
    assert.deepEqual(ownVotes(fx), [['precommit', 1, 'B']]);
    assert.equal(m.view().lockedValue, 'B');
    assert.equal(m.view().lockedRound, 1);
  });

  it('a node locked in round 0 accepts a proposal with validRound 1 once it has seen that polka (line 28)', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    proposal(m, 0, 'A');
    votes(m, 'prevote', 0, 'A', ['v0', 'v1']); // locked on A in round 0
    assert.equal(m.view().lockedRound, 0);
    votes(m, 'precommit', 0, null, ['v0', 'v1', 'v2']);
    m.handle({ type: 'timeout', height: 1, round: 0, step: 'precommit' });
    assert.equal(m.view().round, 1);
    // Round 1: no proposal reaches us; the others form a polka for B without us.
    m.handle({ type: 'timeout', height: 1, round: 1, step: 'propose' }); // prevote nil
    votes(m, 'precommit', 1, null, ['v0', 'v1', 'v2']);
    m.handle({ type: 'timeout', height: 1, round: 1, step: 'precommit' });
    assert.equal(m.view().round, 2);
    // Round 2 proposes B with validRound 1: without the round-1 polka we wait.
    assert.deepEqual(ownVotes(proposal(m, 2, 'B', 1)), []);
    assert.deepEqual(ownVotes(votes(m, 'prevote', 1, 'B', ['v0', 'v1'])), []);
    // The third prevote completes the polka: lockedRound 0 ≤ validRound 1, so we prevote B although locked on A.
    assert.deepEqual(ownVotes(votes(m, 'prevote', 1, 'B', ['v2'])), [['prevote', 2, 'B']]);
    assert.equal(m.view().lockedValue, 'A');
  });

  it('a node locked in round 1 rejects a proposal justified by an older polka (line 28, lockedRound > vr)', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    m.handle({ type: 'timeout', height: 1, round: 0, step: 'propose' }); // prevote nil in round 0
    assert.deepEqual(ownVotes(proposal(m, 0, 'A')), [], 'late proposal: already prevoted');
    votes(m, 'prevote', 0, 'A', ['v0', 'v1', 'v2']); // polka for A while in step prevote: lock A (line 36)
    assert.equal(m.view().lockedValue, 'A');
    assert.equal(m.view().lockedRound, 0);
    votes(m, 'precommit', 0, null, ['v0', 'v1', 'v2']);
    m.handle({ type: 'timeout', height: 1, round: 0, step: 'precommit' });
    proposal(m, 1, 'B');
    votes(m, 'prevote', 1, 'B', ['v0', 'v1', 'v2']); // relocked on B in round 1
    assert.equal(m.view().lockedValue, 'B');
    assert.equal(m.view().lockedRound, 1);
    votes(m, 'precommit', 1, null, ['v0', 'v1', 'v2']);
    m.handle({ type: 'timeout', height: 1, round: 1, step: 'precommit' });
    assert.deepEqual(ownVotes(proposal(m, 2, 'A', 0)), [['prevote', 2, null]]);
  });

  it('prevotes nil on timeoutPropose and precommits nil on timeoutPrevote; stale timeouts do nothing (57–64)', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    assert.deepEqual(m.handle({ type: 'timeout', height: 1, round: 3, step: 'propose' }), [], 'stale round');
    assert.deepEqual(m.handle({ type: 'timeout', height: 2, round: 0, step: 'propose' }), [], 'other height');
    assert.deepEqual(m.handle({ type: 'timeout', height: 1, round: 0, step: 'prevote' }), [], 'wrong step');
    assert.deepEqual(ownVotes(m.handle({ type: 'timeout', height: 1, round: 0, step: 'propose' })), [
      ['prevote', 0, null],
    ]);
    votes(m, 'prevote', 0, 'A', ['v0']);
    const fx = votes(m, 'prevote', 0, 'B', ['v1']);
    assert.deepEqual(
      fx.filter((e) => e.type === 'scheduleTimeout'),
      [{ type: 'scheduleTimeout', height: 1, round: 0, step: 'prevote', delayMs: DEFAULT_TIMEOUTS.prevote.baseMs }],
      'line 34: 2f+1 prevotes of any kind',
    );
    assert.deepEqual(ownVotes(m.handle({ type: 'timeout', height: 1, round: 0, step: 'prevote' })), [
      ['precommit', 0, null],
    ]);
    assert.deepEqual(m.handle({ type: 'timeout', height: 1, round: 0, step: 'prevote' }), [], 'already precommitted');
  });

  it('precommits nil on a nil polka (line 44)', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    m.handle({ type: 'timeout', height: 1, round: 0, step: 'propose' });
    assert.deepEqual(ownVotes(votes(m, 'prevote', 0, null, ['v0', 'v1'])), [['precommit', 0, null]]);
  });

  it('skips to a higher round on f+1 messages from it, not on f (line 55)', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    assert.deepEqual(votes(m, 'prevote', 3, null, ['v1']), []);
    const fx = votes(m, 'precommit', 3, null, ['v2']);
    assert.equal(m.view().round, 3);
    assert.ok(
      fx.some(
        (e) =>
          e.type === 'scheduleTimeout' &&
          e.round === 3 &&
          e.step === 'propose' &&
          e.delayMs === DEFAULT_TIMEOUTS.propose.baseMs + 3 * DEFAULT_TIMEOUTS.propose.deltaMs,
      ),
    );
  });

  it('reports conflicting votes as evidence once per pair and ignores duplicates', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    assert.deepEqual(votes(m, 'prevote', 0, 'A', ['v1']), []);
    assert.deepEqual(votes(m, 'prevote', 0, 'A', ['v1']), [], 'duplicate');
    assert.deepEqual(votes(m, 'prevote', 0, 'B', ['v1']), [
      { type: 'evidence', a: vote('prevote', 0, 'A', 'v1'), b: vote('prevote', 0, 'B', 'v1') },
    ]);
    assert.deepEqual(votes(m, 'prevote', 0, 'B', ['v1']), [], 'same pair reported once');
    assert.equal(votes(m, 'prevote', 0, null, ['v1']).filter((e) => e.type === 'evidence').length, 1);
    assert.deepEqual(votes(m, 'precommit', 0, 'A', ['v1']), [], 'another type is no conflict');
  });

  it('decides with a certificate of > 2/3 precommits, then moves to the next height (lines 49–54)', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    proposal(m, 0, 'A');
    m.handle({ type: 'vote', vote: vote('prevote', 0, 'X', 'v0', 2) }); // next height: buffered
    votes(m, 'precommit', 0, 'A', ['v2', 'v0']);
    const fx = votes(m, 'precommit', 0, 'A', ['v1']);
    const commit = fx.find((e) => e.type === 'commit');
    assert.deepEqual(commit, {
      type: 'commit',
      height: 1,
      round: 0,
      value: 'A',
      certificate: ['v0', 'v1', 'v2'].map((v) => vote('precommit', 0, 'A', v)),
    });
    assert.equal(m.view().phase, 'decided');
    assert.deepEqual(votes(m, 'precommit', 0, 'A', ['v3']), [], 'no second decision');
    const next = m.handle({ type: 'blockExecuted', height: 1 });
    assert.equal(m.view().height, 2);
    assert.equal(m.view().lockedRound, -1);
    assert.ok(next.some((e) => e.type === 'scheduleTimeout' && e.step === 'propose'));
    // The buffered prevote for height 2 was replayed: one more from round 0 of height 2 and the proposal are enough
    // for line 34 after we and a third validator prevote.
    const h2 = m.handle({ type: 'vote', vote: vote('prevote', 0, 'X', 'v0', 2) });
    assert.deepEqual(h2, [], 'replayed vote counted already: this copy is a duplicate');
  });

  it('decides in an earlier round from a late certificate (line 49 holds for any round)', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    m.handle({ type: 'timeout', height: 1, round: 0, step: 'propose' });
    votes(m, 'precommit', 2, null, ['v0', 'v1']); // skip to round 2
    assert.equal(m.view().round, 2);
    proposal(m, 0, 'A');
    const fx = votes(m, 'precommit', 0, 'A', ['v0', 'v1', 'v2']);
    assert.ok(fx.some((e) => e.type === 'commit' && e.value === 'A' && e.round === 0));
  });

  it('after a restart never signs a second, different vote for a (round, type) it already signed', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    m.handle({ type: 'timeout', height: 1, round: 0, step: 'propose' }); // prevote nil
    const persisted = m.snapshot();
    assert.deepEqual(persisted.ownVotes, [vote('prevote', 0, null, 'v3')]);
    const r = machine();
    const resumed = r.resume(persisted);
    assert.deepEqual(ownVotes(resumed), [['prevote', 0, null]], 're-sends the same signed vote');
    assert.equal(r.view().step, 'prevote');
    assert.deepEqual(ownVotes(proposal(r, 0, 'A')), [], 'no prevote for A after prevoting nil');
    assert.deepEqual(ownVotes(votes(r, 'prevote', 0, 'A', ['v0', 'v1', 'v2'])), [['precommit', 0, 'A']]);
  });

  it('ignores votes from outside the set and proposals from the wrong proposer', () => {
    const m = machine();
    m.handle({ type: 'start', height: 1 });
    assert.deepEqual(m.handle({ type: 'vote', vote: vote('prevote', 0, 'A', 'mallory') }), []);
    const wrong = m.handle({
      type: 'proposal',
      proposal: { height: 1, round: 0, value: 'A', validRound: -1, proposer: 'v2' },
      valid: true,
    });
    assert.deepEqual(wrong, []);
    assert.deepEqual(
      ownVotes(
        m.handle({
          type: 'proposal',
          proposal: { height: 1, round: 0, value: 'A', validRound: -1, proposer: 'v0' },
          valid: false,
        }),
      ),
      [['prevote', 0, null]],
      'an invalid block gets a nil prevote',
    );
  });
});
