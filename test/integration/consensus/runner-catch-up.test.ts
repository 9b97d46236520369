import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signWithSecretKey } from '../../../shared/crypto/index.ts';
import { voteSignBytes, type ConsensusMessage, type Vote } from '../../../shared/domain/index.ts';
import { ConsensusRunner } from '../../../main/node/consensus-runner/runner.ts';
import { inlineTxPreparer } from '../../../main/node/execution/tx-preparer.ts';
import { createLogger } from '../../../main/node/log.ts';
import { Mempool } from '../../../main/node/mempool/mempool.ts';
import { LastSignedGuard } from '../../../main/node/signer/last-signed-guard.ts';
import { chainNode, timeOf, type ChainNode } from '../../helpers/certified-chain.ts';
import { consortiumGenesis, KEYS, testKey } from '../../helpers/ledger-harness.ts';

/**
 * A validator that falls behind gets the others' votes for the height they work on before its consensus machine is
 * there, and p2p hands each distinct vote over only once (a repeat is dropped by its seen cache, so re-gossip does not
 * bring it again). The runner must keep such votes and give them to the machine when it gets to their height — here
 * by sync, which makes a new machine. Before it did, the votes were lost and the validator waited forever in a round
 * the others had voted in (found by test/integration/network/faults.test.ts, about one run in three).
 *
 * A real runner over a real SQLite chain of four validators, of which this one is KEYS.validator; the three others
 * are signed here. Timeouts are an hour, so only votes can move a round: f + 1 (here two of four) votes of a later
 * round make the machine skip to it, which the test reads from the runner's view.
 */

const OTHERS = [testKey('validator-2', 0xb2), testKey('validator-3', 0xb3), testKey('validator-4', 0xb4)];
const HOUR = { baseMs: 3_600_000, deltaMs: 0 };

describe('consensus runner: messages for heights it has not reached', () => {
  process.env['COUNTERSIGN_LOG'] ??= 'silent';
  let dir: string;
  let node: ChainNode;
  let runner: ConsensusRunner;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-runner-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function startRunner(name: string): void {
    const genesis = {
      ...consortiumGenesis(),
      validators: [
        { name: 'validator-1', publicKey: KEYS.validator.publicKey, power: 1 },
        ...OTHERS.map((k) => ({ name: k.name, publicKey: k.publicKey, power: 1 })),
      ],
    };
    node = chainNode(genesis);
    const preparer = inlineTxPreparer();
    const now = () => BigInt(Date.now());
    const mempool = new Mempool(
      { chainId: node.params.chainId, maxTxLifetimeMs: 3_600_000n, capacity: 100, now },
      { store: node.store, preparer },
    );
    runner = new ConsensusRunner(
      {
        timeouts: { propose: HOUR, prevote: HOUR, precommit: HOUR },
        blockIntervalMs: 10,
        maxBlockTxs: 100,
        maxFutureMs: 30_000n,
        walFile: path.join(dir, `${name}.wal`),
        now,
        regossipMs: 3_600_000,
      },
      {
        key: {
          publicKey: KEYS.validator.publicKey,
          sign: (b) => signWithSecretKey('ed25519', KEYS.validator.secretKey, b),
        },
        guard: LastSignedGuard.open(path.join(dir, `${name}.signer.json`)),
        executor: node.executor,
        mempool,
        preparer,
        network: { broadcastConsensus: () => {} },
        log: createLogger('runner-test'),
        onCommitted: () => {},
        onEvidence: () => {},
        onMissingBlock: () => {},
      },
    );
    runner.start();
  }

  /** A prevote for nil by one of the other validators, as p2p hands it over. */
  function prevote(key: (typeof OTHERS)[number], height: number, round: number): ConsensusMessage {
    const vote: Vote = {
      chainId: node.params.chainId as Vote['chainId'],
      type: 'prevote',
      height,
      round,
      blockHash: null,
      validator: key.publicKey,
    };
    return {
      kind: 'vote',
      vote: { vote, signature: signWithSecretKey('ed25519', key.secretKey, voteSignBytes(vote)) },
    };
  }

  /** Commits `n` empty blocks the way sync does (outside consensus), then tells the runner. */
  function syncBlocks(n: number): void {
    for (let i = 0; i < n; i++) {
      const height = (node.store.tip()?.height ?? 0) + 1;
      const built = node.executor.build([], timeOf(height), OTHERS[0]!.publicKey);
      node.executor.commit(built, null);
    }
    runner.resetAfterSync();
  }

  async function viewBecomes(check: (v: ReturnType<ConsensusRunner['view']>) => boolean, what: string) {
    const deadline = Date.now() + 5_000;
    while (!check(runner.view())) {
      if (Date.now() > deadline) assert.fail(`${what}; the runner is at ${JSON.stringify(runner.view())}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Runs `body` with a fresh runner that has started at height 1; stops it and removes its chain after. */
  async function withRunner(name: string, body: () => Promise<void>): Promise<void> {
    startRunner(name);
    try {
      await viewBecomes((v) => v.height === 1 && v.phase === 'running', 'started at height 1');
      await body();
    } finally {
      runner.stop();
      node.close();
    }
  }

  it('counts the next height’s votes received before a sync once the sync brings it there', () =>
    withRunner('next', async () => {
      // Two of the others have moved on to round 5 of height 2 while this validator is still at height 1.
      for (const key of OTHERS.slice(0, 2)) runner.receive(prevote(key, 2, 5));
      syncBlocks(1);
      await viewBecomes((v) => v.height === 2 && v.round === 5, 'at height 2, skipped to round 5 by the kept votes');
    }));

  it('keeps votes several heights ahead, for when sync brings it there', () =>
    withRunner('ahead', async () => {
      for (const key of OTHERS.slice(1)) runner.receive(prevote(key, 4, 3));
      syncBlocks(3);
      await viewBecomes((v) => v.height === 4 && v.round === 3, 'at height 4, skipped to round 3 by the kept votes');
    }));

  it('does not let votes of a height it is past, or too far ahead, move it', () =>
    withRunner('stale', async () => {
      for (const key of OTHERS.slice(0, 2)) runner.receive(prevote(key, 1 + 17, 2)); // beyond what is kept
      syncBlocks(1);
      for (const key of OTHERS.slice(0, 2)) runner.receive(prevote(key, 1, 7)); // a height now behind
      await viewBecomes((v) => v.height === 2, 'at height 2');
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(runner.view().round, 0);
    }));
});
