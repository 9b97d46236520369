import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdleLock } from '../../../../main/electron/idle-lock.ts';
import { SigningSession } from '../../../../main/electron/signing-session.ts';

/** A fake clock and interval: `advance(ms)` moves time and runs the interval as often as it would have fired. */
function fakeTime() {
  let now = 0;
  let timer: { fn: () => void; every: number; next: number } | undefined;
  return {
    now: () => now,
    setInterval: (fn: () => void, every: number) => (timer = { fn, every, next: now + every }),
    clearInterval: () => (timer = undefined),
    advance(ms: number) {
      const end = now + ms;
      while (timer && timer.next <= end) {
        now = timer.next;
        timer.next += timer.every;
        timer.fn();
      }
      now = end;
    },
    get running() {
      return timer !== undefined;
    },
  };
}

describe('idle lock of the signing session', () => {
  it('forgets held secrets after the idle time without input, once, and again after new input', () => {
    const time = fakeTime();
    const session = new SigningSession();
    const reasons: string[] = [];
    session.onLock((r) => reasons.push(r));
    const lock = new IdleLock({ idleMs: 5 * 60_000, onIdle: () => session.lock('idle'), ...time });
    lock.start();
    session.hold('jhcb-treasury-1', 'correct horse');

    time.advance(4 * 60_000);
    lock.input(); // the user types: the period restarts
    time.advance(4 * 60_000);
    assert.equal(session.secretFor('jhcb-treasury-1'), 'correct horse');
    assert.ok(lock.remainingMs() > 0 && lock.remainingMs() <= 60_000);

    time.advance(61_000 + 15_000); // past 5 minutes since the input, plus at most one check interval
    assert.equal(session.secretFor('jhcb-treasury-1'), undefined);
    assert.deepEqual(reasons, ['idle']);
    time.advance(60 * 60_000);
    assert.deepEqual(reasons, ['idle'], 'fires once per idle period');

    lock.input();
    session.hold('jhcb-treasury-1', 'correct horse');
    time.advance(6 * 60_000);
    assert.deepEqual(reasons, ['idle', 'idle']);
    assert.equal(session.size, 0);
  });

  it('is late by at most one check interval, a quarter of the idle time capped at 15 s', () => {
    const time = fakeTime();
    let lockedAt: number | undefined;
    const lock = new IdleLock({ idleMs: 60_000, onIdle: () => (lockedAt = time.now()), ...time });
    lock.start();
    time.advance(10 * 60_000);
    assert.ok(lockedAt !== undefined && lockedAt >= 60_000 && lockedAt <= 75_000, String(lockedAt));
  });

  it('with idleLockMinutes 0 never locks for idleness and runs no timer', () => {
    const time = fakeTime();
    let fired = false;
    const lock = new IdleLock({ idleMs: 0, onIdle: () => (fired = true), ...time });
    lock.start();
    assert.equal(time.running, false);
    lock.check();
    assert.equal(fired, false);
    assert.equal(lock.remainingMs(), Infinity);
  });

  it('stop() ends the checks', () => {
    const time = fakeTime();
    let fired = 0;
    const lock = new IdleLock({ idleMs: 1_000, onIdle: () => fired++, ...time });
    lock.start();
    lock.stop();
    time.advance(10_000);
    assert.equal(fired, 0);
  });
});
