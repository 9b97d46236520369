import { randomBytes } from 'node:crypto';
import { blockHash, txRoot, type Block, type LedgerEvent } from '../../shared/domain/index.ts';
import { SqliteBlockStore } from '../../main/node/storage/index.ts';

/**
 * A large ledger for query benchmarks, written through the real storage path (SqliteBlockStore.commitBlock: the
 * same tables, indexes and transactions as a node's) but without signing or executing: blocks of synthetic
 * transfers among 100 accounts, a quarter of them touching one hot account.
 */
export function generateHistory(file: string, txs: number): { hotAccount: string; txs: number } {
  const store = SqliteBlockStore.open(file);
  const PER_BLOCK = 5000;
  const body = Uint8Array.of(0xa0); // stored as the transaction's bytes; queries never decode it
  const chainId = 'countersign-bench';
  store.commitGenesis([], new Uint8Array(32), new Uint8Array(32));
  let balance = 0n;
  let previous: Uint8Array = new Uint8Array(32);
  for (let height = 1, done = 0; done < txs; height++) {
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
      return { code: 'OK', events };
    });
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
  return { hotAccount: 'hot.account', txs };
}
