import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LastSignedGuard } from '../../../main/node/signer/last-signed-guard.ts';

/**
 * Crash-point test of the double-sign guard: a real process signs through the guard and is SIGKILLed at each point
 * around signing (after the signature is computed but before it is persisted; after it is persisted but before it is
 * sent), then restarted to sign again at the same height, round and step. Whatever the crash point, the signatures
 * that left the process never cover two different messages at one (height, round, step).
 */

const CHILD = path.join(import.meta.dirname, 'guard-child.ts');
const CRASH_POINTS = ['after-sign', 'after-persist', 'none'] as const;
const STEPS = ['proposal', 'prevote', 'precommit'] as const;

function attempt(file: string, pos: [number, number, string], message: string, crashAt = 'none') {
  const out = spawnSync(process.execPath, [CHILD, file, String(pos[0]), String(pos[1]), pos[2], message, crashAt], {
    encoding: 'utf8',
  });
  return { killed: out.signal === 'SIGKILL', stdout: out.stdout, stderr: out.stderr };
}

const A = 'aa'.repeat(32);
const B = 'bb'.repeat(32);

describe('crash-point test: a validator restarted after a crash around signing never signs two different votes', () => {
  for (const step of STEPS) {
    for (const crashAt of CRASH_POINTS) {
      it(`${step}, crash ${crashAt}`, () => {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-guard-'));
        const file = path.join(dir, 'signer-state.json');
        try {
          const released = new Map<string, string>(); // message → signature, for what left a process
          const first = attempt(file, [5, 1, step], A, crashAt);
          assert.equal(first.killed, crashAt !== 'none', first.stderr);
          if (!first.killed) released.set(A, first.stdout);

          // Restarted: try a conflicting message, then the original again.
          const conflicting = attempt(file, [5, 1, step], B);
          if (!conflicting.stdout.startsWith('refused:')) released.set(B, conflicting.stdout);
          const again = attempt(file, [5, 1, step], A);
          if (!again.stdout.startsWith('refused:')) released.set(A, again.stdout);

          assert.equal(released.size, 1, `one message signed at (5, 1, ${step}), got ${[...released.keys()]}`);
          if (crashAt === 'after-sign') {
            // The first signature never left: the restarted validator may sign either, but only one of them.
            assert.ok(released.has(B), 'the first message was never persisted nor sent');
          } else {
            assert.equal(conflicting.stdout, 'refused:DOUBLE_SIGN_CONFLICT');
            if (crashAt === 'after-persist') assert.match(again.stdout, /^[0-9a-f]{128,}$/, 're-sending is allowed');
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }

  it('refuses to sign an earlier step, round or height once a later one is signed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-guard-'));
    const file = path.join(dir, 'signer-state.json');
    try {
      assert.match(attempt(file, [5, 1, 'precommit'], A).stdout, /^[0-9a-f]{128,}$/);
      for (const pos of [
        [5, 1, 'prevote'],
        [5, 1, 'proposal'],
        [5, 0, 'precommit'],
        [4, 9, 'precommit'],
      ] as [number, number, string][]) {
        assert.equal(attempt(file, pos, B).stdout, 'refused:DOUBLE_SIGN_REGRESSION', `${pos}`);
      }
      assert.match(attempt(file, [5, 2, 'proposal'], B).stdout, /^[0-9a-f]{128,}$/, 'the next round is fine');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to sign at all when its state file is damaged (rather than forget what it signed)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-guard-'));
    const file = path.join(dir, 'signer-state.json');
    try {
      attempt(file, [5, 1, 'prevote'], A);
      writeFileSync(file, readFileSync(file, 'utf8').slice(0, 20));
      assert.throws(() => LastSignedGuard.open(file), { code: 'SIGNER_STATE_CORRUPT' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
