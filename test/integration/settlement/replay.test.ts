import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { bytesToHex, signWithSecretKey } from '../../../shared/crypto/index.ts';
import { type Genesis, type Operation } from '../../../shared/domain/index.ts';
import { buildTx } from '../../../main/node/client/build-tx.ts';
import { BlockExecutor } from '../../../main/node/execution/block-executor.ts';
import { chainParamsOf } from '../../../main/node/execution/build-block.ts';
import { inlineTxPreparer } from '../../../main/node/execution/tx-preparer.ts';
import type { PreparedTx } from '../../../main/node/execution/tx-checks.ts';
import { buildGenesisState } from '../../../main/node/ledger/genesis.ts';
import type { Signer } from '../../../main/node/signer/interface.ts';
import {
  block as storedBlock,
  instructionTrail,
  openDatabase,
  SqliteBlockStore,
} from '../../../main/node/storage/index.ts';
import { accountHistory } from '../../../main/node/storage/queries/history.ts';
import { tempDb } from '../../helpers/storage-fixtures.ts';
import { KEYS, type SignerName } from '../../helpers/ledger-harness.ts';
import {
  ALPHA,
  BETA,
  EUR,
  GAMMA,
  GENESIS_TIME,
  HOUR,
  instructOp,
  pay,
  settlementGenesis,
} from '../../helpers/settlement.ts';
import { op } from '../../helpers/ledger-harness.ts';

const MIN = 60_000n;
const CUTOFF = GENESIS_TIME + 30n * MIN;

function signer(name: SignerName): Signer {
  const k = KEYS[name];
  return {
    label: name,
    scheme: 'ed25519',
    publicKey: k.publicKey,
    id: k.id,
    sign: (m) => signWithSecretKey('ed25519', k.secretKey, m),
  };
}

/** A node: a SQLite store with the genesis state, and the executor every producer and syncing node uses. */
function node(genesis: Genesis) {
  const db = tempDb();
  const store = SqliteBlockStore.open(db.file);
  const g = buildGenesisState(genesis);
  store.commitGenesis(g.writes, g.hash, g.appHash);
  const params = chainParamsOf(genesis, g.appHash);
  return { db, store, executor: new BlockExecutor(store, params) };
}

describe('scheduled settlement and cut-offs replayed by two nodes', () => {
  const genesis = settlementGenesis({
    eur: { [ALPHA]: 50n },
    cycles: [{ asset: EUR, firstCutoff: CUTOFF, intervalMs: HOUR, onShortfall: 'exclude' }],
  });
  const a = node(genesis);
  const b = node(genesis);
  after(() => {
    for (const n of [a, b]) {
      n.store.close();
      n.db.cleanup();
    }
  });
  const proposer = KEYS.validator.publicKey;

  it('reach the same app hash at every block, empty timed blocks included, and store the block events', async () => {
    const txAt = async (time: bigint, ops: Operation[], names: SignerName[]): Promise<PreparedTx> => {
      const built = await buildTx(genesis.chainId, ops, names.map(signer), { now: time });
      const [prepared] = await inlineTxPreparer().prepareBatch([built.encoded]);
      assert.ok(prepared?.ok);
      return prepared.tx;
    };
    const t1 = GENESIS_TIME + MIN;
    const plan: { time: bigint; txs: PreparedTx[] }[] = [
      {
        time: t1,
        txs: [
          await txAt(t1, [op(instructOp(pay('ring-ab', ALPHA, BETA, 100n)))], ['alice', 'bob']),
          await txAt(t1, [op(instructOp(pay('ring-bc', BETA, GAMMA, 100n)))], ['dave', 'erin']),
          await txAt(
            t1,
            [op(instructOp(pay('sched', ALPHA, GAMMA, 20n, { mode: 'scheduled', settleAt: t1 + 10n * MIN })))],
            ['alice', 'bob'],
          ),
          await txAt(t1, [op(instructOp(pay('net-1', GAMMA, BETA, 5n, { mode: 'deferred-net' })))], ['grace']),
          await txAt(t1, [op(instructOp(pay('net-2', BETA, ALPHA, 5n, { mode: 'deferred-net' })))], ['dave', 'erin']),
        ],
      },
      // The ring's third payment: the set offsets (gridlock resolution).
      { time: t1 + MIN, txs: [await txAt(t1 + MIN, [op(instructOp(pay('ring-ca', GAMMA, ALPHA, 100n)))], ['grace'])] },
      // Empty blocks a producer makes because timed work is due: the scheduled payment, then the cut-off.
      { time: t1 + 10n * MIN, txs: [] },
      { time: CUTOFF, txs: [] },
    ];
    for (const step of plan) {
      assert.ok(a.executor.hasDueWork(step.time) || step.txs.length > 0, 'a producer would make this block');
      const built = a.executor.build(step.txs, step.time, proposer);
      const committed = a.executor.commit(built, null);
      // The second node re-executes the same block (as sync and BFT validation do) and must agree exactly.
      const replayed = b.executor.build(step.txs, step.time, proposer);
      assert.equal(bytesToHex(replayed.block.block.header.appHash), bytesToHex(committed.block.header.appHash));
      assert.equal(bytesToHex(replayed.block.hash), bytesToHex(committed.hash));
      b.executor.commit(replayed, null);
    }
    assert.equal(a.executor.hasDueWork(CUTOFF + 1n), false, 'nothing due until the next cut-off');
    assert.equal(a.executor.hasDueWork(CUTOFF + HOUR), true);

    const db = openDatabase(a.db.file, { readonly: true });
    try {
      // block.get returns the end-of-block events; the scheduled block has no transactions, only them.
      const scheduled = storedBlock(db, { height: 3 })!;
      assert.equal(scheduled.txs.length, 0);
      assert.deepEqual(
        scheduled.events.filter((e) => e.type === 'settlement.settled'),
        [{ type: 'settlement.settled', instruction: 'sched', via: 'rtgs' }],
      );
      const cut = storedBlock(db, { height: 4 })!;
      assert.deepEqual(
        cut.events
          .filter((e) => e.type === 'settlement.cutoff')
          .map((e) => [e.type === 'settlement.cutoff' && e.outcome]),
        [['settled']],
      );
      // The instruction trail: submitted by its transaction, settled by the block (txId "").
      const trail = instructionTrail(db, 'ring-ab');
      assert.deepEqual(
        trail.map((t) => [t.height, t.event.type, t.txId === '' ? 'block' : 'tx']),
        [
          [1, 'settlement.instructed', 'tx'],
          [1, 'settlement.waiting', 'block'],
          [2, 'settlement.settled', 'block'],
        ],
      );
      // Balance changes made by the end-of-block phase are in the account history too, with no transaction.
      const history = accountHistory(db, { account: GAMMA, limit: 10 }).entries;
      assert.ok(history.some((e) => e.txId === '' && e.kind === 'settlement.instruct'));
    } finally {
      db.close();
    }
  });
});
