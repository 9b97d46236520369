import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesToHex, hexToBytesStrict, verifySignature } from '../../../../../shared/crypto/index.ts';
import { genesisSchema, proposalHash, txHash } from '../../../../../shared/domain/index.ts';
import { LedgerError, LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { buildGenesisState } from '../../../../../main/node/ledger/genesis.ts';
import {
  ACCOUNT,
  appHashChain,
  approveOp,
  ASSET,
  CHAIN_ID,
  consortiumGenesis,
  DAY,
  draftProposal,
  id,
  LEI,
  LedgerHarness,
  type BlockOutcome,
  type OpInput,
} from '../../../../helpers/ledger-harness.ts';

const { alphaTreasury: ALPHA, betaTreasury: BETA, gammaOps: GAMMA } = ACCOUNT;
const transfer = (amount: bigint, from: string = ALPHA, to: string = BETA): OpInput => ({
  type: 'transfer',
  from,
  to,
  asset: ASSET.CNY,
  amount,
});
const SIGNERS = { [ALPHA]: ['alice', 'bob'], [BETA]: ['dave', 'erin'] } as const;

describe('a block of transactions', () => {
  it('a failed transaction changes nothing and the block goes on', () => {
    const h = new LedgerHarness();
    const ok1 = h.tx([transfer(100n)], SIGNERS[ALPHA]);
    const bad = h.tx([transfer(50n, BETA, ALPHA), transfer(10n ** 15n)], [...SIGNERS[ALPHA], ...SIGNERS[BETA]]);
    const ok2 = h.tx([transfer(30n, BETA, ALPHA)], SIGNERS[BETA]);
    const withFailure = h.block([ok1, bad, ok2]);
    assert.deepEqual(
      withFailure.results.map((r) => r.code),
      ['OK', E.INSUFFICIENT_FUNDS, 'OK'],
    );
    assert.deepEqual(withFailure.results[1]!.events, []);
    assert.ok(withFailure.results[1]!.message);

    const g = new LedgerHarness();
    const without = g.block([ok1, ok2]);
    assert.deepEqual(withFailure.writes, without.writes);
    assert.deepEqual(h.store.snapshot(), g.store.snapshot());
    assert.deepEqual(withFailure.results[0]!.events, without.results[0]!.events);
    assert.deepEqual(withFailure.results[2]!.events, without.results[1]!.events);
    // The app hash commits to result codes: the two blocks differ although their writes are the same.
    assert.notDeepEqual(withFailure.appHash, without.appHash);
  });

  it('later transactions see earlier ones: funds received can be spent, funds spent cannot be spent twice', () => {
    const h = new LedgerHarness();
    const all = h.balance(GAMMA, ASSET.USD);
    const usd = (from: string, to: string, amount: bigint): OpInput => ({
      type: 'transfer',
      from,
      to,
      asset: ASSET.USD,
      amount,
    });
    const block = h.block([
      h.tx([usd(GAMMA, BETA, all)], ['grace']),
      h.tx([usd(GAMMA, ALPHA, 1n)], ['grace']),
      h.tx([usd(BETA, ALPHA, all)], ['dave', 'heidi']),
    ]);
    assert.deepEqual(
      block.results.map((r) => r.code),
      ['OK', E.INSUFFICIENT_FUNDS, 'OK'],
    );
    assert.equal(h.balance(BETA, ASSET.USD), 0n);
  });

  it('one bill can never be sold twice, even within one block', () => {
    const h = new LedgerHarness();
    h.ok(
      [
        {
          type: 'bill.issue',
          serial: 'B-1',
          drawer: ALPHA,
          payee: BETA,
          currency: ASSET.CNY,
          faceValue: 1_000n,
          maturity: h.nextTime + DAY,
        },
      ],
      ['alice', 'bob'],
    );
    const block = h.block([
      h.tx([{ type: 'bill.discount', serial: 'B-1', from: BETA, to: GAMMA, price: 900n }], ['dave', 'erin', 'grace']),
      h.tx([{ type: 'bill.endorse', serial: 'B-1', from: BETA, to: ALPHA }], ['dave', 'erin']),
      h.tx(
        [{ type: 'bill.discount', serial: 'B-1', from: BETA, to: ALPHA, price: 950n }],
        ['dave', 'erin', 'alice', 'bob'],
      ),
    ]);
    assert.deepEqual(
      block.results.map((r) => r.code),
      [E.INSUFFICIENT_FUNDS, 'OK', E.NOT_HOLDER],
    );
    assert.equal(h.bill('B-1')!.holder, ALPHA);
  });

  it('UNKNOWN_SIGNER and SIGNER_INACTIVE are checked before any operation runs', () => {
    const h = new LedgerHarness();
    h.fails(E.UNKNOWN_SIGNER, [{ type: 'proposal.cancel', proposal: '00'.repeat(32) }], ['outsider']);
    h.ok([{ type: 'signatory.remove', signatory: id('mallory') }], ['alice', 'dave']);
    h.fails(E.SIGNER_INACTIVE, [{ type: 'proposal.cancel', proposal: '00'.repeat(32) }], ['mallory']);
  });

  it('an empty block writes nothing and still extends the app hash chain', () => {
    const h = new LedgerHarness();
    const before = h.appHash;
    const out = h.block([]);
    assert.deepEqual(out.writes, []);
    assert.deepEqual(out.results, []);
    assert.notDeepEqual(out.appHash, before);
  });
});

describe('the app hash chain', () => {
  function play(h: LedgerHarness): BlockOutcome[] {
    const blocks: BlockOutcome[] = [];
    blocks.push(h.block([h.tx([transfer(1n)], SIGNERS[ALPHA], { sign: false })]));
    blocks.push(h.block([]));
    blocks.push(h.block([h.tx([transfer(10n ** 15n)], SIGNERS[ALPHA], { sign: false })]));
    blocks.push(
      h.block([
        h.tx([transfer(5n, BETA, ALPHA)], SIGNERS[BETA], { sign: false }),
        h.tx([{ type: 'member.add', member: LEI.delta, name: 'Delta' }], ['alice', 'frank'], { sign: false }),
      ]),
    );
    return blocks;
  }

  it('is what execution computes: nextAppHash over each block’s writes and results', () => {
    const h = new LedgerHarness();
    const blocks = play(h);
    assert.deepEqual(appHashChain(h.appHashes[0]!, blocks), h.appHashes);
    assert.equal(new Set(h.appHashes.map(bytesToHex)).size, h.appHashes.length);
  });

  it('two nodes that execute the same blocks agree on it, whatever order their stores were filled in', () => {
    const a = new LedgerHarness();
    const b = new LedgerHarness(consortiumGenesis(), { reverseGenesisWrites: true });
    play(a);
    play(b);
    assert.deepEqual(a.appHashes, b.appHashes);
    assert.deepEqual(a.store.snapshot(), b.store.snapshot());
  });
});

describe('genesis', () => {
  it('is deterministic and starts the chain', () => {
    const a = buildGenesisState(consortiumGenesis());
    const b = buildGenesisState(consortiumGenesis());
    assert.deepEqual(a, b);
    assert.equal(a.hash.length, 32);
    assert.equal(a.appHash.length, 32);
    // Sorted, as storage persists them.
    const keys = a.writes.map((w) => w.key);
    assert.deepEqual(keys, [...keys].sort());
  });

  it('obeys the ledger’s rules: a bad LEI or an unsatisfiable governance policy is refused', () => {
    const g = consortiumGenesis();
    const badLei = genesisSchema.parse({ ...g, members: [...g.members, { id: LEI.bad, name: 'Typo' }] });
    assert.throws(
      () => buildGenesisState(badLei),
      (err) => err instanceof LedgerError && err.code === E.BAD_IDENTIFIER,
    );
    const badGov = genesisSchema.parse({ ...g, governance: { ...g.governance, threshold: 4 } });
    assert.throws(
      () => buildGenesisState(badGov),
      (err) => err instanceof LedgerError && err.code === E.BAD_POLICY,
    );
  });
});

describe('the ledger test harness', () => {
  it('carries real signatures: approvals over the proposal hash, envelopes over the transaction hash', () => {
    const h = new LedgerHarness();
    const draft = draftProposal(transfer(1n) as Parameters<typeof draftProposal>[0], {
      expiresAt: h.nextTime + DAY,
      approver: 'alice',
    });
    assert.equal(draft.op.type, 'proposal.create');
    if (draft.op.type !== 'proposal.create') return;
    const carried = draft.op.approval!;
    assert.deepEqual(proposalHash(CHAIN_ID, draft.op), draft.hash);
    assert.ok(verifySignature(carried.publicKey, draft.hash, carried.signature));
    const approve = approveOp(draft, 'bob');
    assert.equal(approve.type, 'proposal.approve');
    if (approve.type !== 'proposal.approve') return;
    assert.ok(verifySignature(approve.approval.publicKey, hexToBytesStrict(draft.id), approve.approval.signature));
    const vtx = h.tx([draft.op], ['alice']);
    assert.equal(vtx.id, bytesToHex(txHash(vtx.tx.body)));
    assert.ok(verifySignature(vtx.tx.signatures[0]!.publicKey, txHash(vtx.tx.body), vtx.tx.signatures[0]!.signature));
    assert.deepEqual(vtx.signers, [id('alice')]);
  });
});
