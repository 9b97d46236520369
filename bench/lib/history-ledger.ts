import { createHash, randomBytes } from 'node:crypto';
import { blockHash, txRoot, type Block, type LedgerEvent } from '../../shared/domain/index.ts';
import { SqliteBlockStore } from '../../main/node/storage/index.ts';

/** The id of synthetic proposal j: 64 hex digits, like a real proposal hash. */
const proposalId = (j: number) => createHash('sha256').update(`bench-proposal-${j}`).digest('hex');

/**
 * A large ledger for query benchmarks, written through the real storage path (SqliteBlockStore.commitBlock: the
 * same tables, indexes and transactions as a node's) but without signing or executing: blocks of synthetic
 * transfers among 100 accounts, a quarter of them touching one hot account. With `proposals`, one transaction in
 * ten also carries the life of proposals: it creates one (created + the proposer's approval) and, one block later,
 * the transaction at the same place approves and executes it — a 4-event trail over two blocks, as a 2-of-3
 * transfer proposal has.
 */
export function generateHistory(
  file: string,
  txs: number,
  opts: { proposals?: boolean } = {},
): { hotAccount: string; txs: number; proposalIds: string[] } {
  const store = SqliteBlockStore.open(file);
  const PER_BLOCK = 5000;
  const body = Uint8Array.of(0xa0); // stored as the transaction's bytes; queries never decode it
  const chainId = 'countersign-bench';
  store.commitGenesis([], new Uint8Array(32), new Uint8Array(32));
  let balance = 0n;
  let previous: Uint8Array = new Uint8Array(32);
  const proposalIds: string[] = [];
  let nextProposal = 0;
  let openedInLastBlock = new Map<number, string>(); // position in block → proposal created there
  for (let height = 1, done = 0; done < txs; height++) {
    const opened = new Map<number, string>();
    const n = Math.min(PER_BLOCK, txs - done);
    const txIds = Array.from({ length: n }, () => new Uint8Array(randomBytes(32)));
    const results = txIds.map((_, i) => {
      const k = done + i;
      const from = k % 4 === 0 ? 'hot.account' : `acct-${k % 97}`;
      const to = `acct-${(k + 13) % 97}`;
      balance += 1n;
      const events: LedgerEvent[] = [
        {
          type: 'balance',
          account: from as never,
          asset: 'CNY' as never,
          delta: -1n,
          balance,
          counterparty: to as never,
          kind: 'transfer',
        },
        {
          type: 'balance',
          account: to as never,
          asset: 'CNY' as never,
          delta: 1n,
          balance,
          counterparty: from as never,
          kind: 'transfer',
        },
      ];
      if (opts.proposals && i % 10 === 5) {
        const pending = openedInLastBlock.get(i);
        if (pending !== undefined) {
          events.push({ type: 'proposal.approved', proposal: pending as never, signatory: 'bench-2' as never });
          events.push({ type: 'proposal.executed', proposal: pending as never });
        }
        const id = proposalId(nextProposal++);
        opened.set(i, id);
        proposalIds.push(id);
        events.push({
          type: 'proposal.created',
          proposal: id as never,
          proposer: 'bench-1' as never,
          action: 'transfer',
        });
        events.push({ type: 'proposal.approved', proposal: id as never, signatory: 'bench-1' as never });
      }
      return { code: 'OK', events };
    });
    openedInLastBlock = opened;
    const header = {
      chainId: chainId as never,
      height,
      time: 1_700_000_000_000n + BigInt(height),
      previousHash: previous,
      txRoot: txRoot(chainId, txIds),
      appHash: new Uint8Array(32),
      validatorsHash: new Uint8Array(32),
      proposer: new Uint8Array(33),
    };
    const hash = blockHash(header);
    store.commitBlock({
      block: { header, txs: txIds.map(() => ({})) } as unknown as Block,
      hash,
      encodedTxs: txIds.map(() => body),
      txIds,
      results,
      writes: [],
      commit: null,
    });
    previous = hash;
    done += n;
  }
  store.close();
  // The last block's proposals were never executed: keep only complete trails.
  const complete = proposalIds.slice(0, proposalIds.length - openedInLastBlock.size);
  return { hotAccount: 'hot.account', txs, proposalIds: complete };
}
