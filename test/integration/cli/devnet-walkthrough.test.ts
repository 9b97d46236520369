import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI_PATH as CLI, countersign as cli, countersignFails as cliFails } from '../../helpers/cli.ts';

const countersign = (...args: string[]) => cli(args);
const countersignFails = (...args: string[]) => cliFails(args);

describe('the README walkthrough: a devnet, a 2-of-3 transfer proposed and co-signed from the CLI', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-walkthrough-'));
  const devnet = spawn(process.execPath, [CLI, 'devnet', '--home', dir, '--api-port', '0', '--block-interval', '50'], {
    env: { ...process.env, COUNTERSIGN_LOG: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  before(async () => {
    // The devnet prints its banner once it serves and has seeded the demo bill.
    await new Promise<void>((resolve, reject) => {
      devnet.stdout.on('data', (d: Buffer) => d.toString().includes('Ctrl-C stops') && resolve());
      devnet.once('exit', (code) => reject(new Error(`devnet exited with ${code}`)));
    });
  });
  after(async () => {
    const exited = new Promise((r) => devnet.once('exit', r));
    devnet.kill('SIGINT');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('status reports the chain, height and hashes', async () => {
    const s = (await countersign('status', '--home', dir)) as Record<string, unknown>;
    assert.equal(s['running'], true);
    assert.equal(s['chainId'], 'countersign-devnet');
    assert.ok((s['height'] as number) >= 1, 'the demo bill was committed in block 1');
    assert.match(s['lastBlockHash'] as string, /^[0-9a-f]{64}$/);
    assert.match(s['appHash'] as string, /^[0-9a-f]{64}$/);
    assert.equal(s['role'], 'validator');
    assert.deepEqual(s['peers'], []);
  });

  it('a transfer proposed by one treasury officer executes when a second approves', async () => {
    const before = (await countersign('balance', 'hbsec.treasury', '--home', dir)) as {
      balances: { asset: string; amount: string }[];
    };
    const cnyBefore = BigInt(before.balances.find((b) => b.asset === 'CNY')!.amount);

    const proposed = (await countersign(
      'propose',
      'transfer',
      '--home',
      dir,
      '--from',
      'jhcb.treasury',
      '--to',
      'hbsec.treasury',
      '--asset',
      'CNY',
      '--amount',
      '1250.00',
      '--signer',
      'jhcb-treasury-1',
    )) as { proposal: string; status: string };
    assert.equal(proposed.status, 'pending');

    const approved = (await countersign(
      'approve',
      proposed.proposal,
      '--home',
      dir,
      '--signer',
      'jhcb-treasury-2',
    )) as { status: string };
    assert.equal(approved.status, 'executed');

    const after = (await countersign('balance', 'hbsec.treasury', '--home', dir)) as {
      balances: { asset: string; amount: string }[];
    };
    assert.equal(BigInt(after.balances.find((b) => b.asset === 'CNY')!.amount), cnyBefore + 125_000n);

    const shown = (await countersign('proposal', 'show', proposed.proposal, '--home', dir)) as {
      proposal: { status: string; approvals: unknown[] };
      trail: { event: { type: string } }[];
    };
    assert.equal(shown.proposal.status, 'executed');
    assert.equal(shown.proposal.approvals.length, 2);
    assert.deepEqual(
      shown.trail.map((t) => t.event.type),
      ['proposal.created', 'proposal.approved', 'proposal.approved', 'proposal.executed'],
    );

    // A third approval is refused with the reason, and a non-zero exit.
    const late = await countersignFails('approve', proposed.proposal, '--home', dir, '--signer', 'jhcb-operations-1');
    assert.equal(late.code, 1);
    assert.match(late.stderr, /PROPOSAL_NOT_PENDING/);
  });

  it('block HEIGHT prints the block with its hashes and transaction count', async () => {
    const b = (await countersign('block', '1', '--home', dir)) as Record<string, unknown>;
    assert.equal(b['height'], 1);
    assert.match(b['hash'] as string, /^[0-9a-f]{64}$/);
    assert.match(b['appHash'] as string, /^[0-9a-f]{64}$/);
    assert.equal(b['txCount'], 1);
  });

  it('errors are one clear line and a non-zero exit', async () => {
    const unknownSigner = await countersignFails('approve', 'ab'.repeat(32), '--home', dir, '--signer', 'nobody');
    assert.match(unknownSigner.stderr, /no key "nobody".*known: /);
    const badAmount = await countersignFails(
      'propose',
      'transfer',
      '--home',
      dir,
      '--from',
      'jhcb.treasury',
      '--to',
      'hbsec.treasury',
      '--asset',
      'CNY',
      '--amount',
      '1.005',
      '--signer',
      'jhcb-treasury-1',
    );
    assert.match(badAmount.stderr, /--amount: "1.005" has 3 decimal places; this asset has 2 \[AMOUNT_TOO_PRECISE\]/);
    const noHome = await countersignFails('status', '--home', path.join(dir, 'missing'));
    assert.match(noHome.stderr, /no node home/);
    assert.ok(existsSync(path.join(dir, 'node0', 'api-token')));
  });
});
