import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bytesToHex } from '../../../shared/crypto/index.ts';
import { memberCodec, type LedgerEvent, type Member } from '../../../shared/domain/index.ts';
import type { CommittedBlock } from '../../../main/node/execution/ports.ts';
import { SqliteBlockStore } from '../../../main/node/storage/block-store.ts';
import { openDatabase, type Database } from '../../../main/node/storage/db.ts';
import { StorageErrorCode } from '../../../main/node/storage/errors.ts';
import {
  accountHistory,
  balances,
  billChain,
  block,
  entities,
  entity,
  listProposals,
  proposalTrail,
  recentBlocks,
  tx,
  type HistoryEntry,
} from '../../../main/node/storage/queries/index.ts';
import {
  amountValue,
  blockTime,
  ChainBuilder,
  ok,
  proposalWrite,
  signedTx,
  tempDb,
  type FixtureTx,
  transferCycle,
} from '../../helpers/storage-fixtures.ts';

const ACCOUNTS = ['acme', 'beta', 'gamma'] as const;
const ASSETS = ['CNY', 'USD'] as const;
const P = 'aa'.repeat(32);
const Q = 'bb'.repeat(32);
const ev = (e: Record<string, unknown>) => e as unknown as LedgerEvent;

/** What the history of an account should hold, in commit order, as (asset, height, txId, delta). */
interface Expected {
  account: string;
  asset: string;
  height: number;
  txId: string;
  delta: bigint;
}

describe('storage queries over a read handle', () => {
  const { file, cleanup } = tempDb();
  const store = SqliteBlockStore.open(file);
  const chain = new ChainBuilder();
  const expected: Expected[] = [];
  const blocks: CommittedBlock[] = [];
  let db: Database;

  const transfers = transferCycle(ACCOUNTS, ASSETS);

  function commit(txs: FixtureTx[], writes: CommittedBlock['writes'] = []): CommittedBlock {
    const b = chain.next(txs, writes);
    store.commitBlock(b);
    blocks.push(b);
    b.results.forEach((r, i) => {
      for (const e of r.events) {
        if (e.type === 'balance') {
          expected.push({
            account: e.account,
            asset: e.asset,
            height: b.block.header.height,
            txId: bytesToHex(b.txIds[i]!),
            delta: e.delta,
          });
        }
      }
    });
    return b;
  }

  const proposalTx = (events: LedgerEvent[]): FixtureTx => ({
    tx: signedTx([{ type: 'proposal.cancel', proposal: P }]),
    result: ok(events),
  });

  before(() => {
    // Opened before any block: a WAL reader sees each commit as it lands.
    db = openDatabase(file, { readonly: true });
    const member: Member = memberCodec.parse({ id: '529900T8BM49AURSDO55', name: 'Acme Bank' });
    commit(
      [
        ...transfers(30),
        proposalTx([ev({ type: 'proposal.created', proposal: P, proposer: 'f'.repeat(40), action: 'transfer' })]),
        proposalTx([ev({ type: 'bill.issued', serial: 'B-1', drawer: 'acme', payee: 'beta', faceValue: 500n })]),
        proposalTx([ev({ type: 'proposal.created', proposal: Q, proposer: 'f'.repeat(40), action: 'transfer' })]),
      ],
      [
        { key: 'balance/acme/CNY', value: amountValue(970n) },
        { key: 'balance/acme/USD', value: amountValue(12n) },
        { key: 'balance/acme.x/CNY', value: amountValue(1n) },
        { key: 'balance/acmf/CNY', value: amountValue(2n) },
        { key: `member/${member.id}`, value: memberCodec.encode(member) },
        proposalWrite(P, { account: 'acme', createdHeight: 1 }),
        proposalWrite(Q, { createdHeight: 1, status: 'rejected' }),
      ],
    );
    commit(
      [
        proposalTx([ev({ type: 'bill.endorsed', serial: 'B-1', from: 'beta', to: 'gamma' })]),
        ...transfers(25),
        proposalTx([
          ev({ type: 'proposal.approved', proposal: P, signatory: 'e'.repeat(40) }),
          ev({ type: 'proposal.approved', proposal: Q, signatory: 'e'.repeat(40) }),
          ev({ type: 'proposal.executed', proposal: P }),
        ]),
        proposalTx([ev({ type: 'bill.discounted', serial: 'B-1', from: 'gamma', to: 'acme', price: 480n })]),
        proposalTx([ev({ type: 'bill.issued', serial: 'B-2', drawer: 'beta', payee: 'acme', faceValue: 9n })]),
      ],
      [proposalWrite(P, { account: 'acme', createdHeight: 1, status: 'executed' })],
    );
    commit([]);
    commit(
      [
        ...transfers(20),
        proposalTx([ev({ type: 'bill.paid', serial: 'B-1', drawer: 'acme', holder: 'acme', amount: 500n })]),
      ],
      [proposalWrite('cc'.repeat(32), { account: 'beta', createdHeight: 4 })],
    );
  });
  after(() => {
    db.close();
    store.close();
    cleanup();
  });

  /** Walks every page of a history query. */
  function allPages(account: string, asset: string | undefined, limit: number): HistoryEntry[] {
    const out: HistoryEntry[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = accountHistory(db, { account, asset, cursor, limit });
      assert.ok(page.entries.length <= limit);
      out.push(...page.entries);
      if (page.nextCursor === null) return out;
      assert.equal(page.entries.length, limit, 'only the last page is short');
      cursor = page.nextCursor;
    }
  }

  const want = (account: string, asset?: string) =>
    expected
      .filter((e) => e.account === account && (asset === undefined || e.asset === asset))
      .reverse()
      .map(({ asset: a, height, txId, delta }) => ({ asset: a, height, txId, delta }));
  const got = (entries: HistoryEntry[]) =>
    entries.map(({ asset, height, txId, delta }) => ({ asset, height, txId, delta }));

  it('pages through an account history newest first, every row exactly once', () => {
    for (const account of ACCOUNTS) {
      for (const limit of [1, 7, 50, 500]) {
        assert.deepEqual(got(allPages(account, undefined, limit)), want(account));
      }
    }
    assert.ok(want('acme').length > 40, 'the fixture spans several pages');
  });

  it('pages through one asset of an account', () => {
    for (const asset of ASSETS) {
      assert.deepEqual(got(allPages('beta', asset, 6)), want('beta', asset));
    }
    assert.deepEqual(allPages('beta', 'EUR', 5), []);
    assert.deepEqual(allPages('nobody', undefined, 5), []);
  });

  it('says there is no next page exactly when the rows run out', () => {
    const n = want('gamma').length;
    assert.equal(accountHistory(db, { account: 'gamma', limit: n }).nextCursor, null);
    const first = accountHistory(db, { account: 'gamma', limit: n - 1 });
    assert.notEqual(first.nextCursor, null);
    const rest = accountHistory(db, { account: 'gamma', limit: n, cursor: first.nextCursor! });
    assert.equal(rest.entries.length, 1);
    assert.equal(rest.nextCursor, null);
  });

  it('carries time, counterparty and kind on each entry', () => {
    const [latest] = accountHistory(db, { account: 'acme', limit: 1 }).entries;
    const last = want('acme')[0]!;
    assert.equal(latest!.time, blockTime(last.height));
    assert.equal(latest!.kind, 'transfer');
    assert.ok(latest!.counterparty === 'beta' || latest!.counterparty === 'gamma');
  });

  it('refuses a cursor it did not produce, and a page size out of range', () => {
    for (const cursor of ['', 'abc', '0', '-1', '1.5', '01', '99999999999999999999', '9223372036854775808']) {
      assert.throws(() => accountHistory(db, { account: 'acme', cursor, limit: 5 }), {
        code: StorageErrorCode.BAD_CURSOR,
      });
    }
    for (const limit of [0, -1, 1.5, 1001]) {
      assert.throws(() => accountHistory(db, { account: 'acme', limit }), { code: StorageErrorCode.BAD_LIMIT });
    }
  });

  it('reads balances of one account only, by asset', () => {
    assert.deepEqual(balances(db, 'acme'), [
      { asset: 'CNY', amount: 970n },
      { asset: 'USD', amount: 12n },
    ]);
    assert.deepEqual(balances(db, 'nobody'), []);
  });

  it('returns a block by height and by hash, with decoded transactions and events', () => {
    const b2 = blocks[1]!;
    const byHeight = block(db, { height: 2 })!;
    assert.deepEqual(block(db, { hash: bytesToHex(b2.hash) }), byHeight);
    assert.equal(byHeight.hash, bytesToHex(b2.hash));
    assert.deepEqual(byHeight.header, b2.block.header);
    assert.deepEqual(byHeight.commit, b2.commit);
    assert.deepEqual(
      byHeight.txs.map((t) => t.id),
      b2.txIds.map((id) => bytesToHex(id)),
    );
    assert.deepEqual(
      byHeight.txs.map((t) => t.tx),
      b2.block.txs,
    );
    // Events come back as the ledger made them, small amounts included (bigint, not number).
    assert.deepEqual(
      byHeight.txs.map((t) => t.events),
      b2.results.map((r) => r.events),
    );
    assert.equal(block(db, { height: 99 }), undefined);
    assert.equal(block(db, { hash: '00'.repeat(32) }), undefined);
    assert.equal(block(db, { hash: 'not hex' }), undefined);
    assert.deepEqual(block(db, { height: 3 })!.txs, []);
  });

  it('lists recent blocks newest first, before a height', () => {
    assert.deepEqual(
      recentBlocks(db, { limit: 10 }).map((b) => [b.height, b.txCount]),
      [
        [4, 21],
        [3, 0],
        [2, 29],
        [1, 33],
      ],
    );
    const [summary] = recentBlocks(db, { before: 3, limit: 1 });
    const header = blocks[1]!.block.header;
    assert.deepEqual(summary, {
      height: 2,
      hash: bytesToHex(blocks[1]!.hash),
      previousHash: bytesToHex(header.previousHash),
      appHash: bytesToHex(header.appHash),
      txRoot: bytesToHex(header.txRoot),
      time: header.time,
      txCount: 29,
      proposer: bytesToHex(header.proposer),
    });
  });

  it('returns a transaction by id with its block, outcome and events', () => {
    const b4 = blocks[3]!;
    const found = tx(db, bytesToHex(b4.txIds[3]!))!;
    assert.equal(found.height, 4);
    assert.equal(found.index, 3);
    assert.equal(found.time, blockTime(4));
    assert.equal(found.code, 'OK');
    assert.deepEqual(found.tx, b4.block.txs[3]);
    assert.deepEqual(found.events, b4.results[3]!.events);
    assert.equal(tx(db, '00'.repeat(32)), undefined);
    assert.equal(tx(db, 'xyz'), undefined);
  });

  it('follows a proposal through its trail in chain order', () => {
    const trail = proposalTrail(db, P);
    assert.deepEqual(
      trail.map((t) => [t.height, t.event.type]),
      [
        [1, 'proposal.created'],
        [2, 'proposal.approved'],
        [2, 'proposal.executed'],
      ],
    );
    assert.equal(trail[0]!.txId, bytesToHex(blocks[0]!.txIds[30]!));
    assert.equal(trail[1]!.time, blockTime(2));
    assert.deepEqual(
      proposalTrail(db, Q).map((t) => t.event.type),
      ['proposal.created', 'proposal.approved'],
    );
    assert.deepEqual(proposalTrail(db, 'dd'.repeat(32)), []);
  });

  it('follows a bill through its chain of title in chain order', () => {
    const chainOfTitle = billChain(db, 'B-1');
    assert.deepEqual(
      chainOfTitle.map((t) => [t.height, t.event]),
      [
        [1, { type: 'bill.issued', serial: 'B-1', drawer: 'acme', payee: 'beta', faceValue: 500n }],
        [2, { type: 'bill.endorsed', serial: 'B-1', from: 'beta', to: 'gamma' }],
        [2, { type: 'bill.discounted', serial: 'B-1', from: 'gamma', to: 'acme', price: 480n }],
        [4, { type: 'bill.paid', serial: 'B-1', drawer: 'acme', holder: 'acme', amount: 500n }],
      ],
    );
    assert.deepEqual(
      billChain(db, 'B-2').map((t) => t.event.type),
      ['bill.issued'],
    );
  });

  it('lists proposals newest first, by status and by account', () => {
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    const C = 'cc'.repeat(32);
    assert.deepEqual(ids(listProposals(db, { limit: 10 })), [C, Q, P]);
    assert.deepEqual(ids(listProposals(db, { limit: 1 })), [C]);
    assert.deepEqual(ids(listProposals(db, { status: 'pending', limit: 10 })), [C]);
    assert.deepEqual(ids(listProposals(db, { status: 'executed', limit: 10 })), [P]);
    assert.deepEqual(ids(listProposals(db, { account: 'acme', limit: 10 })), [P]);
    assert.deepEqual(ids(listProposals(db, { account: 'beta', status: 'pending', limit: 10 })), [C]);
    assert.deepEqual(ids(listProposals(db, { account: 'beta', status: 'executed', limit: 10 })), []);
    const [q] = listProposals(db, { status: 'rejected', limit: 10 });
    assert.equal(q!.account, undefined, 'a governance proposal has no account');
  });

  it('decodes entities of one kind, and one by key', () => {
    const members = entities(db, 'member/', memberCodec);
    assert.deepEqual(members, [{ id: '529900T8BM49AURSDO55', name: 'Acme Bank' }]);
    assert.deepEqual(entity(db, 'member/529900T8BM49AURSDO55', memberCodec), members[0]);
    assert.equal(entity(db, 'member/NOPE', memberCodec), undefined);
  });

  it('sees a block committed after it was opened', () => {
    const b = chain.next(transfers(1));
    store.commitBlock(b);
    assert.equal(recentBlocks(db, { limit: 1 })[0]!.height, 5);
    assert.equal(tx(db, bytesToHex(b.txIds[0]!))?.height, 5);
  });
});
