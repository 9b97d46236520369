import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { DEFAULT_PROPOSAL_LIFETIME_MS, effectiveStatus } from '../../../../../main/node/ledger/proposals.ts';
import {
  ACCOUNT,
  approveOp,
  ASSET,
  DAY,
  draftProposal,
  eventsOf,
  id,
  LedgerHarness,
  POLICY,
  type ActionInput,
  type OpInput,
} from '../../../../helpers/ledger-harness.ts';

const { alphaTreasury: ALPHA, betaTreasury: BETA } = ACCOUNT;
const pay = (amount: bigint, from: string = ALPHA, to: string = BETA): Extract<ActionInput, { type: 'transfer' }> => ({
  type: 'transfer',
  from,
  to,
  asset: ASSET.CNY,
  amount,
});

describe('proposal.create', () => {
  it('records the proposal with the proposer and their approval, and indexes it as pending', () => {
    const h = new LedgerHarness();
    const { draft, outcome } = h.propose('alice', pay(100_00n), { account: ALPHA });
    assert.equal(outcome.code, 'OK', outcome.message);
    assert.deepEqual(outcome.events, [
      { type: 'proposal.created', proposal: draft.id, proposer: id('alice'), action: 'transfer', account: ALPHA },
      { type: 'proposal.approved', proposal: draft.id, signatory: id('alice') },
    ]);
    const p = h.proposal(draft.id)!;
    assert.equal(p.status, 'pending');
    assert.equal(p.proposer, id('alice'));
    assert.equal(p.account, ALPHA);
    assert.deepEqual(p.guards, [ALPHA]);
    assert.deepEqual(p.created, { height: h.height, time: h.time });
    assert.equal(p.expiresAt, draft.content.expiresAt);
    assert.deepEqual(
      p.approvals.map((a) => [a.signatory, a.height]),
      [[id('alice'), h.height]],
    );
    assert.deepEqual(
      p.approvals[0]!.signature,
      (draft.op as Extract<OpInput, { type: 'proposal.create' }>).approval!.signature,
    );
    assert.deepEqual(p.rejections, []);
    assert.deepEqual(p.dropped, []);
    assert.equal(p.closed, undefined);
    assert.deepEqual(h.pendingIndex(), [[ALPHA, draft.id]]);
    // Nothing moved yet.
    assert.equal(h.balance(BETA, ASSET.CNY), 2_000_000_00n);
  });

  it('may come without the proposer approving', () => {
    const h = new LedgerHarness();
    const { draft, outcome } = h.propose('carol', pay(1n), { approve: false });
    assert.equal(outcome.code, 'OK', outcome.message);
    assert.deepEqual(eventsOf(outcome.events, 'proposal.approved'), []);
    assert.deepEqual(h.proposal(draft.id)!.approvals, []);
    assert.equal(h.proposal(draft.id)!.account, undefined);
  });

  it('executes at once when the proposer alone satisfies the policy (1-of-1)', () => {
    const h = new LedgerHarness();
    const { draft, outcome } = h.propose('grace', { ...pay(1_00n, ACCOUNT.gammaOps, BETA), asset: ASSET.USD });
    assert.equal(outcome.code, 'OK', outcome.message);
    assert.deepEqual(
      outcome.events.map((e) => e.type),
      ['proposal.created', 'proposal.approved', 'balance', 'balance', 'transfer', 'proposal.executed'],
    );
    assert.equal(h.proposal(draft.id)!.status, 'executed');
    assert.equal(h.balance(BETA, ASSET.USD), 1_00n);
    assert.deepEqual(h.pendingIndex(), []);
  });

  it('NOT_IN_POLICY: a proposer outside every guarding policy, or an account that does not guard the action', () => {
    const h = new LedgerHarness();
    const a = draftProposal(pay(1n), { expiresAt: h.nextTime + DAY });
    h.fails(E.NOT_IN_POLICY, [a.op], ['mallory']);
    h.fails(E.NOT_IN_POLICY, [a.op], ['dave']);
    const b = draftProposal(pay(1n), { expiresAt: h.nextTime + DAY, account: BETA, approver: 'alice' });
    h.fails(E.NOT_IN_POLICY, [b.op], ['alice']);
    // An approval carried by the proposal is checked like any other.
    const c = draftProposal(pay(1n), { expiresAt: h.nextTime + DAY, approver: 'dave' });
    h.fails(E.NOT_IN_POLICY, [c.op], ['alice']);
  });

  it('EXPIRY_INVALID: expiresAt not after the block time, or beyond the proposal lifetime', () => {
    const h = new LedgerHarness();
    const t = h.nextTime;
    for (const expiresAt of [t - 1n, t, t + DEFAULT_PROPOSAL_LIFETIME_MS + 1n]) {
      const d = draftProposal(pay(1n), { expiresAt, approver: 'alice' });
      h.fails(E.EXPIRY_INVALID, [d.op], ['alice'], { at: t });
    }
    const edge = draftProposal(pay(1n), { expiresAt: t + DEFAULT_PROPOSAL_LIFETIME_MS, approver: 'alice' });
    h.ok([edge.op], ['alice'], { at: t });
  });

  it('EXPIRY_INVALID: a policy lifetime bounds expiresAt, shorter or longer than the default', () => {
    const h = new LedgerHarness();
    const lifetime = (ms: number) => ({ ...POLICY.alphaTreasury, proposalLifetimeMs: ms });
    h.ok([{ type: 'policy.set', account: ALPHA, policy: lifetime(3_600_000) }], ['alice', 'dave']);
    const t = h.nextTime;
    h.fails(E.EXPIRY_INVALID, [draftProposal(pay(1n), { expiresAt: t + 3_600_001n }).op], ['alice'], { at: t });
    h.ok([draftProposal(pay(1n), { expiresAt: t + 3_600_000n }).op], ['alice'], { at: t });

    const sixtyDays = 60 * 24 * 3_600_000;
    h.ok([{ type: 'policy.set', account: ALPHA, policy: lifetime(sixtyDays) }], ['alice', 'dave']);
    const u = h.nextTime;
    h.ok([draftProposal(pay(1n), { expiresAt: u + BigInt(sixtyDays) }).op], ['alice'], { at: u });
    h.fails(E.EXPIRY_INVALID, [draftProposal(pay(1n), { expiresAt: u + BigInt(sixtyDays) + 1n }).op], ['alice'], {
      at: u,
    });
  });

  it('ALREADY_EXISTS: the same proposal twice (same salt); another salt makes another proposal', () => {
    const h = new LedgerHarness();
    const salt = new Uint8Array(16).fill(7);
    const expiresAt = h.nextTime + DAY;
    const first = h.propose('alice', pay(5n), { salt, expiresAt });
    assert.equal(first.outcome.code, 'OK');
    h.fails(E.ALREADY_EXISTS, [draftProposal(pay(5n), { salt, expiresAt }).op], ['bob']);
    const other = h.propose('alice', pay(5n), { salt: new Uint8Array(16).fill(8), expiresAt });
    assert.equal(other.outcome.code, 'OK');
    assert.notEqual(other.draft.id, first.draft.id);
    // Even once executed, the proposal's id stays taken: an approval set cannot be replayed into a new proposal.
    h.approve(first.draft, 'bob');
    assert.equal(h.proposal(first.draft.id)!.status, 'executed');
    h.fails(E.ALREADY_EXISTS, [draftProposal(pay(5n), { salt, expiresAt }).op], ['bob']);
  });

  it('UNKNOWN_ACCOUNT, UNKNOWN_ASSET, UNKNOWN_BILL: what guards the action and selects its tier must exist', () => {
    const h = new LedgerHarness();
    const expiresAt = h.nextTime + DAY;
    h.fails(E.UNKNOWN_ACCOUNT, [draftProposal(pay(1n, 'nobody'), { expiresAt }).op], ['alice']);
    h.fails(
      E.UNKNOWN_ASSET,
      [draftProposal({ type: 'asset.issue', asset: 'EUR', to: ALPHA, amount: 1n }, { expiresAt }).op],
      ['alice'],
    );
    // A proposal about a bill that does not exist could never be evaluated; it is refused at once.
    for (const approve of [false, true]) {
      const ghost = draftProposal(
        { type: 'bill.endorse', serial: 'GHOST-1', from: BETA, to: ALPHA },
        { expiresAt, ...(approve && { approver: 'dave' as const }) },
      );
      h.fails(E.UNKNOWN_BILL, [ghost.op], ['dave']);
    }
    h.fails(E.UNKNOWN_BILL, [draftProposal({ type: 'bill.pay', serial: 'GHOST-1' }, { expiresAt }).op], ['dave']);
  });
});

describe('proposal.approve', () => {
  it('a second approval satisfies 2-of-3 and executes the action in that transaction', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', pay(300_00n), { account: ALPHA });
    const alpha = h.balance(ALPHA, ASSET.CNY);
    const out = h.approve(draft, 'bob');
    assert.equal(out.code, 'OK', out.message);
    assert.equal(h.balance(ALPHA, ASSET.CNY), alpha - 300_00n);
    assert.deepEqual(
      out.events.map((e) => e.type),
      ['proposal.approved', 'balance', 'balance', 'transfer', 'proposal.executed'],
    );
    assert.deepEqual(eventsOf(out.events, 'proposal.executed'), [{ type: 'proposal.executed', proposal: draft.id }]);
    const p = h.proposal(draft.id)!;
    assert.equal(p.status, 'executed');
    assert.deepEqual(p.closed, { height: h.height, time: h.time, code: 'OK' });
    assert.deepEqual(
      p.approvals.map((a) => a.signatory),
      [id('alice'), id('bob')],
    );
    assert.deepEqual(h.pendingIndex(), []);
  });

  it('an approval is the approver’s signature: anyone may carry it to the ledger (signing offline)', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', pay(1n));
    const out = h.approve(draft, 'bob', { by: 'mallory' });
    assert.equal(out.code, 'OK', out.message);
    assert.equal(h.proposal(draft.id)!.status, 'executed');
    assert.deepEqual(
      h.proposal(draft.id)!.approvals.map((a) => a.signatory),
      [id('alice'), id('bob')],
    );
  });

  it('NOT_IN_POLICY: an approver outside the policy', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', pay(1n));
    h.fails(E.NOT_IN_POLICY, [approveOp(draft, 'dave')], ['dave']);
    h.fails(E.NOT_IN_POLICY, [approveOp(draft, 'mallory')], ['mallory']);
  });

  it('UNKNOWN_SIGNATORY / SIGNER_INACTIVE: the approving key is not a signatory, or was removed', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', pay(1n));
    h.fails(E.UNKNOWN_SIGNATORY, [approveOp(draft, 'outsider')], ['carol']);
    h.ok([{ type: 'signatory.remove', signatory: id('bob') }], ['alice', 'dave']);
    h.fails(E.SIGNER_INACTIVE, [approveOp(draft, 'bob')], ['carol']);
  });

  it('ALREADY_APPROVED: the same signatory twice', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', pay(1n));
    h.fails(E.ALREADY_APPROVED, [approveOp(draft, 'alice')], ['alice']);
  });

  it('PROPOSAL_NOT_PENDING: approving, rejecting or cancelling after execution', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', pay(1n));
    h.approve(draft, 'bob');
    h.fails(E.PROPOSAL_NOT_PENDING, [approveOp(draft, 'carol')], ['carol']);
    h.fails(E.PROPOSAL_NOT_PENDING, [{ type: 'proposal.reject', proposal: draft.id, reason: 'late' }], ['carol']);
    h.fails(E.PROPOSAL_NOT_PENDING, [{ type: 'proposal.cancel', proposal: draft.id }], ['alice']);
  });

  it('PROPOSAL_EXPIRED: approving after expiresAt; queries report the proposal as expired', () => {
    const h = new LedgerHarness();
    const expiresAt = h.nextTime + DAY;
    const { draft } = h.propose('alice', pay(1n), { expiresAt });
    // At expiresAt exactly it is still open.
    const p = h.proposal(draft.id)!;
    assert.equal(effectiveStatus(p, expiresAt), 'pending');
    assert.equal(effectiveStatus(p, expiresAt + 1n), 'expired');
    h.fails(E.PROPOSAL_EXPIRED, [approveOp(draft, 'bob')], ['bob'], { at: expiresAt + 1n });
    h.fails(E.PROPOSAL_EXPIRED, [{ type: 'proposal.reject', proposal: draft.id, reason: 'no' }], ['bob']);
    h.fails(E.PROPOSAL_EXPIRED, [{ type: 'proposal.cancel', proposal: draft.id }], ['alice']);
    assert.equal(h.proposal(draft.id)!.status, 'pending', 'stored status changes lazily');
    assert.equal(effectiveStatus(h.proposal(draft.id)!, h.time), 'expired');
    assert.equal(effectiveStatus({ ...p, status: 'executed' }, expiresAt + 1n), 'executed');
  });

  it('approval at expiresAt exactly still executes', () => {
    const h = new LedgerHarness();
    const expiresAt = h.nextTime + DAY;
    const { draft } = h.propose('alice', pay(1n), { expiresAt });
    h.ok([approveOp(draft, 'bob')], ['bob'], { at: expiresAt });
    assert.equal(h.proposal(draft.id)!.status, 'executed');
  });

  it('UNKNOWN_PROPOSAL: approve, reject and cancel of an id that does not exist', () => {
    const h = new LedgerHarness();
    const missing = 'ab'.repeat(32);
    h.fails(E.UNKNOWN_PROPOSAL, [approveOp(missing, 'alice')], ['alice']);
    h.fails(E.UNKNOWN_PROPOSAL, [{ type: 'proposal.reject', proposal: missing, reason: '' }], ['alice']);
    h.fails(E.UNKNOWN_PROPOSAL, [{ type: 'proposal.cancel', proposal: missing }], ['alice']);
  });

  it('a satisfied proposal whose action fails: the approval is recorded, the proposal fails with the action’s code', () => {
    const h = new LedgerHarness();
    const balance = h.balance(ALPHA, ASSET.CNY);
    const { draft } = h.propose('alice', pay(balance - 10n));
    // Meanwhile most of the funds leave by another route.
    h.ok([{ type: 'transfer', from: ALPHA, to: ACCOUNT.gammaOps, asset: ASSET.CNY, amount: 20n }], ['bob', 'carol']);
    const before = h.balance(ALPHA, ASSET.CNY);
    const out = h.approve(draft, 'carol');
    assert.equal(out.code, 'OK', out.message);
    assert.equal(h.balance(ALPHA, ASSET.CNY), before);
    assert.deepEqual(
      out.events.map((e) => e.type),
      ['proposal.approved', 'proposal.failed'],
    );
    const [failed] = eventsOf(out.events, 'proposal.failed');
    assert.equal(failed!.code, E.INSUFFICIENT_FUNDS);
    const p = h.proposal(draft.id)!;
    assert.equal(p.status, 'failed');
    assert.equal(p.closed?.code, E.INSUFFICIENT_FUNDS);
    assert.equal(p.closed?.height, h.height);
    assert.ok(p.closed?.message);
    assert.equal(p.approvals.length, 2);
    assert.deepEqual(h.pendingIndex(), []);
    h.fails(E.PROPOSAL_NOT_PENDING, [approveOp(draft, 'bob')], ['bob']);
  });

  it('an approval that executes the proposal is rolled back with its transaction', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', pay(1n));
    h.fails(
      E.AMOUNT_ZERO,
      [approveOp(draft, 'bob'), { type: 'transfer', from: BETA, to: ALPHA, asset: ASSET.CNY, amount: 0n }],
      ['bob', 'dave', 'erin'],
    );
    assert.equal(h.proposal(draft.id)!.status, 'pending');
    assert.equal(h.proposal(draft.id)!.approvals.length, 1);
  });

  it('approvals accumulate over several blocks until the policy is met', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('carol', pay(1n, ACCOUNT.alphaTrading, BETA), { approve: false });
    // alpha.trading: weight 3 with 1 trader and 2 treasury.
    for (const name of ['carol', 'alice'] as const) {
      h.approve(draft, name);
      assert.equal(h.proposal(draft.id)!.status, 'pending');
    }
    h.fails(E.POLICY_NOT_SATISFIED, [{ ...pay(1n, ACCOUNT.alphaTrading), asset: ASSET.USD }], ['carol', 'alice']);
    const out = h.approve(draft, 'bob');
    assert.equal(out.code, 'OK');
    assert.equal(h.proposal(draft.id)!.status, 'failed', 'alpha.trading holds no CNY');
    assert.equal(h.proposal(draft.id)!.closed?.code, E.INSUFFICIENT_FUNDS);
  });
});

describe('proposal.reject', () => {
  it('records rejections; once the policy cannot be met any more the proposal is rejected', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', pay(1n));
    const first = h.ok([{ type: 'proposal.reject', proposal: draft.id, reason: 'wrong amount' }], ['bob']);
    assert.deepEqual(first.events, [
      { type: 'proposal.rejected', proposal: draft.id, signatory: id('bob'), reason: 'wrong amount', final: false },
    ]);
    assert.equal(h.proposal(draft.id)!.status, 'pending');
    const second = h.ok([{ type: 'proposal.reject', proposal: draft.id, reason: 'agree' }], ['carol']);
    assert.deepEqual(eventsOf(second.events, 'proposal.rejected')[0]?.final, true);
    const p = h.proposal(draft.id)!;
    assert.equal(p.status, 'rejected');
    assert.equal(p.closed?.code, 'REJECTED');
    assert.deepEqual(
      p.rejections.map((r) => [r.signatory, r.reason]),
      [
        [id('bob'), 'wrong amount'],
        [id('carol'), 'agree'],
      ],
    );
    assert.deepEqual(h.pendingIndex(), []);
    h.fails(E.PROPOSAL_NOT_PENDING, [approveOp(draft, 'bob')], ['bob']);
  });

  it('ALREADY_APPROVED, ALREADY_EXISTS and NOT_IN_POLICY for rejections; a rejecter cannot approve', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', pay(1n));
    const reject = (reason: string): OpInput => ({ type: 'proposal.reject', proposal: draft.id, reason });
    h.fails(E.ALREADY_APPROVED, [reject('changed my mind')], ['alice']);
    h.fails(E.NOT_IN_POLICY, [reject('not mine')], ['dave']);
    h.ok([reject('no')], ['bob']);
    h.fails(E.ALREADY_EXISTS, [reject('still no')], ['bob']);
    h.fails(E.ALREADY_EXISTS, [approveOp(draft, 'bob')], ['bob']);
    // carol can still make it.
    h.approve(draft, 'carol');
    assert.equal(h.proposal(draft.id)!.status, 'executed');
  });
});

describe('proposal.cancel', () => {
  it('the proposer can cancel; anyone else gets NOT_PROPOSER', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', pay(1n));
    h.fails(E.NOT_PROPOSER, [{ type: 'proposal.cancel', proposal: draft.id }], ['bob']);
    const out = h.ok([{ type: 'proposal.cancel', proposal: draft.id }], ['alice']);
    assert.deepEqual(out.events, [{ type: 'proposal.cancelled', proposal: draft.id, signatory: id('alice') }]);
    const p = h.proposal(draft.id)!;
    assert.equal(p.status, 'cancelled');
    assert.equal(p.closed?.code, 'CANCELLED');
    assert.deepEqual(h.pendingIndex(), []);
    h.fails(E.PROPOSAL_NOT_PENDING, [approveOp(draft, 'bob')], ['bob']);
  });
});

describe('proposals guarded by two accounts', () => {
  it('a bill discount needs both the seller’s and the buyer’s policy', () => {
    const h = new LedgerHarness();
    h.ok(
      [
        {
          type: 'bill.issue',
          serial: 'BILL-2P',
          drawer: ACCOUNT.gammaIssuer,
          payee: BETA,
          currency: ASSET.CNY,
          faceValue: 1_000_00n,
          maturity: h.nextTime + 30n * DAY,
        },
      ],
      ['frank'],
    );
    const action: ActionInput = { type: 'bill.discount', serial: 'BILL-2P', from: BETA, to: ALPHA, price: 990_00n };
    const { draft, outcome } = h.propose('dave', action, { account: BETA });
    assert.equal(outcome.code, 'OK', outcome.message);
    assert.deepEqual(h.proposal(draft.id)!.guards, [BETA, ALPHA]);
    assert.deepEqual(
      h.pendingIndex().sort(),
      [
        [ALPHA, draft.id],
        [BETA, draft.id],
      ].sort(),
    );
    h.approve(draft, 'erin');
    assert.equal(h.proposal(draft.id)!.status, 'pending', 'the buyer has not approved');
    h.approve(draft, 'alice');
    assert.equal(h.proposal(draft.id)!.status, 'pending');
    const out = h.approve(draft, 'bob');
    assert.equal(out.code, 'OK', out.message);
    assert.equal(h.proposal(draft.id)!.status, 'executed');
    assert.equal(h.bill('BILL-2P')!.holder, ALPHA);
    assert.deepEqual(h.pendingIndex(), []);
  });
});
