import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { CommittedBlock } from '../../../main/node/execution/ports.ts';
import { workerTxPreparer, type TxPreparer } from '../../../main/node/execution/tx-preparer.ts';
import { Syncer, type BlockRangeSource, type FetchedBlock } from '../../../main/node/sync/syncer.ts';
import { block as storedBlock, openDatabase } from '../../../main/node/storage/index.ts';
import { chainNode, growChain, timeOf, type ChainNode } from '../../helpers/certified-chain.ts';

/**
 * The syncer against peers that serve a real certified chain (in process, no network): it commits each fetched range
 * in one SQLite transaction, ends with exactly the source's chain, and when a peer sends a bad block it keeps the
 * verified blocks before it and gets the rest from another peer.
 */
const BLOCKS = 130;
const BATCH = 50;

/** A peer serving `chain`, at most `batch` blocks per request, through `tamper` (a bad peer changes what it sends). */
function peer(chain: readonly FetchedBlock[], tamper: (b: FetchedBlock) => FetchedBlock = (b) => b) {
  return async (from: number, to: number) => chain.slice(from - 1, Math.min(to, from + BATCH - 1)).map(tamper);
}

function sourceOf(peers: Record<string, (from: number, to: number) => Promise<FetchedBlock[]>>): BlockRangeSource {
  return {
    bestPeers: () => Object.keys(peers),
    requestBlocks: (id, from, to) => peers[id]!(from, to),
  };
}

describe('Syncer: catch-up in ranges', () => {
  let source: ChainNode;
  let chain: FetchedBlock[];
  let preparer: TxPreparer;
  before(async () => {
    source = chainNode();
    chain = await growChain(source, BLOCKS, 2);
    preparer = workerTxPreparer(2);
  });
  after(async () => {
    await preparer.close();
    source.close();
  });

  function syncer(target: ChainNode, peers: BlockRangeSource, committed: CommittedBlock[]) {
    return new Syncer(
      { batch: BATCH, now: () => timeOf(1_000_000), maxFutureMs: 0n },
      {
        executor: target.executor,
        preparer,
        source: peers,
        log: pino({ level: 'silent' }),
        onCommitted: (b) => committed.push(b),
      },
    );
  }

  /** Counts the SQLite transactions the target's store commits blocks in. */
  function countCommits(target: ChainNode): number[] {
    const sizes: number[] = [];
    const store = target.store;
    const commitBlocks = store.commitBlocks.bind(store);
    store.commitBlocks = (blocks) => {
      commitBlocks(blocks);
      sizes.push(blocks.length);
    };
    return sizes;
  }

  it('fetches, verifies and commits every block, one SQLite transaction per range', async () => {
    const target = chainNode();
    try {
      const committed: CommittedBlock[] = [];
      const sizes = countCommits(target);
      const applied = await syncer(target, sourceOf({ good: peer(chain) }), committed).catchUp(BLOCKS);
      assert.equal(applied, BLOCKS);
      assert.deepEqual(target.store.tip(), source.store.tip());
      assert.deepEqual(sizes, [50, 50, 30]);
      // Notified once per block, in order, after the commit.
      assert.deepEqual(
        committed.map((b) => b.block.header.height),
        chain.map((b) => b.block.header.height),
      );
      // The stored blocks are the source's, certificates included.
      const a = openDatabase(source.db.file, { readonly: true });
      const b = openDatabase(target.db.file, { readonly: true });
      try {
        for (const h of [1, 77, BLOCKS]) assert.deepEqual(storedBlock(b, { height: h }), storedBlock(a, { height: h }));
      } finally {
        a.close();
        b.close();
      }
    } finally {
      target.close();
    }
  });

  const corruptions: [string, (b: FetchedBlock) => FetchedBlock][] = [
    [
      'a certificate whose precommit does not verify',
      (b) => {
        const [p] = b.commit.precommits;
        const signature = p!.signature.slice();
        signature[5]! ^= 1;
        return { ...b, commit: { ...b.commit, precommits: [{ validator: p!.validator, signature }] } };
      },
    ],
    [
      'a transaction whose signature does not verify',
      (b) => {
        const tx = b.block.txs[0]!;
        const signature = tx.signatures[0]!.signature.slice();
        signature[9]! ^= 1;
        const txs = [{ ...tx, signatures: [{ ...tx.signatures[0]!, signature }] }, ...b.block.txs.slice(1)];
        return { block: { ...b.block, txs }, commit: b.commit }; // re-encoded by the syncer: no bytes
      },
    ],
  ];
  for (const [what, corrupt] of corruptions) {
    it(`keeps the verified blocks before ${what}, and gets the rest from another peer`, async () => {
      const target = chainNode();
      try {
        const bad = peer(chain, (b) => (b.block.header.height === 70 ? corrupt(b) : b));
        const sizes = countCommits(target);
        const applied = await syncer(target, sourceOf({ bad, good: peer(chain) }), []).catchUp(BLOCKS);
        assert.equal(applied, BLOCKS);
        assert.deepEqual(target.store.tip(), source.store.tip());
        // 1..50 from the bad peer; 51..69 kept from its second range; 70.. from the good peer, then on.
        assert.deepEqual(sizes.slice(0, 3), [50, 19, 50]);
      } finally {
        target.close();
      }
    });
  }
});
