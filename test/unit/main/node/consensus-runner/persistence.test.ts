import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Block } from '../../../../../shared/domain/index.ts';
import { LockedBlocks } from '../../../../../main/node/consensus-runner/locked-blocks.ts';
import { readWal, writeWal } from '../../../../../main/node/consensus-runner/wal.ts';

function block(height: number): Block {
  return {
    header: {
      chainId: 'countersign-test' as Block['header']['chainId'],
      height,
      time: 1_750_000_000_000n,
      previousHash: new Uint8Array(32),
      txRoot: new Uint8Array(32).fill(1),
      appHash: new Uint8Array(32).fill(2),
      validatorsHash: new Uint8Array(32).fill(3),
      proposer: new Uint8Array(33).fill(4),
    },
    txs: [],
  };
}

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'countersign-runner-'));
}

describe('what a validator keeps on disk for the current height', () => {
  it('locked and valid blocks survive a restart, for their height only, until cleared', async () => {
    const dir = tempDir();
    try {
      await new LockedBlocks(dir).keep('aa'.repeat(32), block(7));
      const restarted = new LockedBlocks(dir);
      assert.deepEqual(restarted.load('aa'.repeat(32), 7), block(7));
      assert.equal(restarted.load('aa'.repeat(32), 8), undefined, 'a block of another height is not used');
      assert.equal(restarted.load('bb'.repeat(32), 7), undefined);
      restarted.clear();
      assert.equal(new LockedBlocks(dir).load('aa'.repeat(32), 7), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the consensus WAL round-trips the machine state and the signed messages, and refuses a damaged file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'consensus-wal.json');
    try {
      assert.equal(readWal(file), undefined);
      const wal = {
        state: {
          height: 7,
          round: 2,
          lockedValue: 'aa'.repeat(32),
          lockedRound: 1,
          validValue: 'aa'.repeat(32),
          validRound: 1,
          ownVotes: [{ type: 'prevote' as const, height: 7, round: 1, value: 'aa'.repeat(32), validator: '01ff' }],
          ownProposals: [],
        },
        signedVotes: [],
        signedProposals: [],
      };
      await writeWal(file, wal);
      assert.deepEqual(readWal(file), wal);
      writeFileSync(file, '{"state": {');
      assert.throws(() => readWal(file), { code: 'CONSENSUS_WAL_CORRUPT' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
