import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { decodeCanonical } from '../../../shared/encoding/index.ts';
import { homePaths } from '../../../main/node/home/layout.ts';
import { readGenesis } from '../../../main/node/home/config.ts';
import { openDatabase } from '../../../main/node/storage/index.ts';
import { makeDemoNetwork } from '../../helpers/devnet.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'loaded-node.ts');
const KILLS = 20;

/** Starts the loaded node and resolves once it prints "ready" (it has committed a block since starting). */
function startLoaded(home: string) {
  const child = spawn(process.execPath, [FIXTURE, home], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, COUNTERSIGN_LOG: 'silent' },
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`node exited early with ${code}`)));
  });
  return { child, ready };
}

function killHard(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

interface Snapshot {
  height: number;
  hashes: Map<number, { hash: string; appHash: string }>;
  txCount: number;
}

/** Reads the chain as stored, and checks that balances are exactly what the committed history says. */
function inspect(home: string): Snapshot {
  const db = openDatabase(homePaths(home).database, { readonly: true });
  try {
    const rows = db
      .prepare('SELECT height, hex(hash) AS hash, hex(app_hash) AS appHash FROM blocks ORDER BY height')
      .all() as {
      height: number;
      hash: string;
      appHash: string;
    }[];
    rows.forEach((r, i) => assert.equal(r.height, i + 1, 'heights are contiguous from 1'));
    const txCount = (db.prepare('SELECT count(*) AS n FROM txs').get() as { n: number }).n;
    const perBlock = (db.prepare('SELECT coalesce(sum(tx_count), 0) AS n FROM blocks').get() as { n: number }).n;
    assert.equal(txCount, perBlock, 'every stored transaction belongs to a stored block');

    // Applied exactly once: genesis balance + every committed balance change = the balance in state.
    const genesis = readGenesis(home);
    for (const account of ['jhcb.treasury', 'hbsec.treasury']) {
      const opening = genesis.balances.find((b) => b.account === account && b.asset === 'CNY')!.amount;
      const deltas = db.prepare("SELECT delta FROM history WHERE account = ? AND asset = 'CNY'").all(account) as {
        delta: string;
      }[];
      const expected = deltas.reduce((sum, d) => sum + BigInt(d.delta), opening);
      const row = db.prepare('SELECT value FROM state WHERE key = ?').get(`balance/${account}/CNY`) as {
        value: Uint8Array;
      };
      assert.equal(
        BigInt(decodeCanonical(new Uint8Array(row.value)) as number),
        expected,
        `${account} balance matches its history`,
      );
    }
    return {
      height: rows.length,
      hashes: new Map(rows.map((r) => [r.height, { hash: r.hash, appHash: r.appHash }])),
      txCount,
    };
  } finally {
    db.close();
  }
}

describe('crash safety: kill -9 at random instants under load', () => {
  it(`never loses or re-applies a committed block across ${KILLS} SIGKILLs`, { timeout: 240_000 }, async (t) => {
    const net = makeDemoNetwork({ blockIntervalMs: 20 });
    try {
      const seen = new Map<number, { hash: string; appHash: string }>();
      let lastHeight = 0;
      let random = 12345; // a seeded generator: the kill instants are reproducible
      const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let round = 0; round < KILLS; round++) {
        const { child, ready } = startLoaded(net.home);
        await ready;
        await new Promise((r) => setTimeout(r, Math.floor(next() * 600)));
        await killHard(child);
        const snap = inspect(net.home);
        // Each run committed more blocks after the restart ("ready" waits for one): the node resumed production.
        assert.ok(snap.height > lastHeight, `height went from ${lastHeight} to ${snap.height}`);
        for (const [h, ids] of seen) assert.deepEqual(snap.hashes.get(h), ids, `block ${h} changed after a crash`);
        for (const [h, ids] of snap.hashes) seen.set(h, ids);
        lastHeight = snap.height;
      }
      t.diagnostic(`${KILLS} kills; final height ${lastHeight}; ${inspect(net.home).txCount} transactions committed`);
    } finally {
      net.cleanup();
    }
  });
});
