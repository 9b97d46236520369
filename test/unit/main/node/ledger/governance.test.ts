import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSecretKey, publicKeyOf } from '../../../../../shared/crypto/index.ts';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { GOVERNANCE_GUARD } from '../../../../../main/node/ledger/keys.ts';
import {
  ACCOUNT,
  approveOp,
  ASSET,
  DAY,
  eventsOf,
  id,
  KEYS,
  LEI,
  LedgerHarness,
  POLICY,
  type ActionInput,
  type OpInput,
  type SignerName,
} from '../../../../helpers/ledger-harness.ts';

const GOV: SignerName[] = ['alice', 'dave'];
const { alphaTreasury: ALPHA, betaTreasury: BETA } = ACCOUNT;
const weighted = (names: SignerName[]) => names.map((n) => ({ signatory: id(n), weight: 1 }));
const pay = (amount: bigint, from: string = ALPHA): ActionInput => ({
  type: 'transfer',
  from,
  to: BETA,
  asset: from === ACCOUNT.alphaTrading ? ASSET.USD : ASSET.CNY,
  amount,
});

/** Passes a governance action through a proposal (alice proposes, dave approves) and checks that it executed. */
function throughProposal(h: LedgerHarness, action: ActionInput) {
  const { draft, outcome } = h.propose('alice', action);
  assert.equal(outcome.code, 'OK', outcome.message);
  assert.deepEqual(h.proposal(draft.id)!.guards, [GOVERNANCE_GUARD]);
  assert.equal(h.proposal(draft.id)!.status, 'pending');
  const out = h.approve(draft, 'dave');
  assert.equal(out.code, 'OK', out.message);
  const p = h.proposal(draft.id)!;
  assert.equal(p.status, 'executed', p.closed?.message);
  return out;
}

describe('governance actions need the governance policy', () => {
  it('POLICY_NOT_SATISFIED with one governance signer, or with signers outside the governance policy', () => {
    const h = new LedgerHarness();
    const add: OpInput = { type: 'member.add', member: LEI.delta, name: 'Delta Securities' };
    h.fails(E.POLICY_NOT_SATISFIED, [add], ['alice']);
    h.fails(E.POLICY_NOT_SATISFIED, [add], ['alice', 'bob', 'carol']);
    h.ok([add], ['dave', 'frank']);
  });
});

describe('member.add', () => {
  it('adds a member, directly and through a proposal', () => {
    const h = new LedgerHarness();
    const out = h.ok([{ type: 'member.add', member: LEI.delta, name: 'Delta Securities' }], GOV);
    assert.deepEqual(out.events, [{ type: 'member.added', member: LEI.delta }]);
    const g = new LedgerHarness();
    const via = throughProposal(g, { type: 'member.add', member: LEI.delta, name: 'Delta Securities' });
    assert.deepEqual(eventsOf(via.events, 'member.added'), [{ type: 'member.added', member: LEI.delta }]);
  });

  it('BAD_IDENTIFIER for an LEI whose check digits are wrong; ALREADY_EXISTS for a member', () => {
    const h = new LedgerHarness();
    const out = h.fails(E.BAD_IDENTIFIER, [{ type: 'member.add', member: LEI.bad, name: 'Typo Bank' }], GOV);
    assert.match(out.message!, /check digits/);
    h.fails(E.ALREADY_EXISTS, [{ type: 'member.add', member: LEI.alpha, name: 'Alpha again' }], GOV);
  });

  it('a governance proposal whose action fails when it executes is closed as failed', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', { type: 'member.add', member: LEI.delta, name: 'Delta' });
    h.ok([{ type: 'member.add', member: LEI.delta, name: 'Delta (direct)' }], GOV);
    const out = h.approve(draft, 'frank');
    assert.equal(out.code, 'OK');
    assert.equal(h.proposal(draft.id)!.status, 'failed');
    assert.equal(h.proposal(draft.id)!.closed?.code, E.ALREADY_EXISTS);
    assert.equal(eventsOf(out.events, 'proposal.failed')[0]?.code, E.ALREADY_EXISTS);
  });
});

describe('signatory.add', () => {
  const add = (publicKey: Uint8Array, member: string = LEI.alpha): OpInput => ({
    type: 'signatory.add',
    publicKey,
    member,
    name: 'Nadia Newcomer',
    roles: ['treasury', 'operations'],
  });

  it('registers the key under its key id, with sorted roles, directly and through a proposal', () => {
    const h = new LedgerHarness();
    const out = h.ok([add(KEYS.newcomer.publicKey)], GOV);
    assert.deepEqual(out.events, [{ type: 'signatory.added', signatory: id('newcomer'), member: LEI.alpha }]);
    assert.deepEqual(h.signatory(id('newcomer')), {
      id: id('newcomer'),
      publicKey: KEYS.newcomer.publicKey,
      member: LEI.alpha,
      name: 'Nadia Newcomer',
      roles: ['operations', 'treasury'],
      active: true,
    });
    // Once in a policy, the new signatory's signature counts.
    h.fails(E.POLICY_NOT_SATISFIED, [pay(1n)], ['alice', 'newcomer']);
    h.ok(
      [{ type: 'policy.set', account: ALPHA, policy: { signatories: weighted(['alice', 'newcomer']), threshold: 2 } }],
      GOV,
    );
    h.ok([pay(1n)], ['alice', 'newcomer']);
  });

  it('registers a P-256 key through a proposal', () => {
    const h = new LedgerHarness();
    const p256 = publicKeyOf('p256', generateSecretKey('p256', new Uint8Array(48).fill(5)));
    const out = throughProposal(h, add(p256) as ActionInput);
    assert.equal(eventsOf(out.events, 'signatory.added').length, 1);
  });

  it('BAD_KEY for malformed keys', () => {
    const h = new LedgerHarness();
    const smallOrder = new Uint8Array(33);
    smallOrder[0] = 0x01; // Ed25519 tag; y = 0 is a point of order 4.
    const notOnCurve = new Uint8Array(33).fill(0xff);
    notOnCurve[0] = 0x02;
    notOnCurve[1] = 0x02;
    for (const key of [
      Uint8Array.of(0x01, 1, 2, 3),
      Uint8Array.of(0x09, ...KEYS.newcomer.publicKey.subarray(1)),
      new Uint8Array(0),
      smallOrder,
      notOnCurve,
    ]) {
      h.fails(E.BAD_KEY, [add(key)], GOV);
    }
  });

  it('UNKNOWN_MEMBER; ALREADY_EXISTS for a registered key, removed or not', () => {
    const h = new LedgerHarness();
    h.fails(E.UNKNOWN_MEMBER, [add(KEYS.newcomer.publicKey, LEI.delta)], GOV);
    h.fails(E.ALREADY_EXISTS, [add(KEYS.bob.publicKey)], GOV);
    h.ok([{ type: 'signatory.remove', signatory: id('bob') }], GOV);
    h.fails(E.ALREADY_EXISTS, [add(KEYS.bob.publicKey)], GOV);
  });
});

describe('signatory.remove', () => {
  it('deactivates the signatory, keeping its record; directly and through a proposal', () => {
    const h = new LedgerHarness();
    const out = h.ok([{ type: 'signatory.remove', signatory: id('bob') }], GOV);
    assert.deepEqual(out.events, [{ type: 'signatory.removed', signatory: id('bob') }]);
    assert.equal(h.signatory(id('bob'))!.active, false);
    assert.equal(h.signatory(id('bob'))!.name, 'bob');
    const g = new LedgerHarness();
    throughProposal(g, { type: 'signatory.remove', signatory: id('carol') });
    assert.equal(g.signatory(id('carol'))!.active, false);
  });

  it('UNKNOWN_SIGNATORY; SIGNER_INACTIVE when already removed', () => {
    const h = new LedgerHarness();
    h.fails(E.UNKNOWN_SIGNATORY, [{ type: 'signatory.remove', signatory: id('outsider') }], GOV);
    h.ok([{ type: 'signatory.remove', signatory: id('bob') }], GOV);
    h.fails(E.SIGNER_INACTIVE, [{ type: 'signatory.remove', signatory: id('bob') }], GOV);
  });

  it('BAD_POLICY: a removal that would leave the governance policy impossible to meet is refused', () => {
    const h = new LedgerHarness();
    // Governance is 2-of-3 (alice, dave, frank): losing one still leaves two.
    h.ok([{ type: 'signatory.remove', signatory: id('dave') }], ['alice', 'frank']);
    const out = h.fails(E.BAD_POLICY, [{ type: 'signatory.remove', signatory: id('frank') }], ['alice', 'frank']);
    assert.match(out.message!, /governance/);
    // Governance can still act, and can change its policy first, after which the removal is fine.
    h.ok(
      [{ type: 'policy.set', policy: { signatories: weighted(['alice', 'grace']), threshold: 1 } }],
      ['alice', 'frank'],
    );
    h.ok([{ type: 'signatory.remove', signatory: id('frank') }], ['alice']);
    // An account policy may be left unmeetable: governance can still replace it.
    h.ok([{ type: 'signatory.remove', signatory: id('grace') }], ['alice']);
    const out2: OpInput = { type: 'transfer', from: ACCOUNT.gammaOps, to: BETA, asset: ASSET.USD, amount: 1n };
    h.fails(E.POLICY_NOT_SATISFIED, [out2], ['alice']);
    h.ok(
      [{ type: 'policy.set', account: ACCOUNT.gammaOps, policy: { signatories: weighted(['alice']), threshold: 1 } }],
      ['alice'],
    );
    h.ok([out2], ['alice']);
  });

  it('drops the removed signatory’s approvals on every pending proposal', () => {
    const h = new LedgerHarness();
    const onTreasury = h.propose('carol', pay(1n)).draft;
    const onTrading = h.propose('carol', pay(1n, ACCOUNT.alphaTrading)).draft;
    const untouched = h.propose('dave', pay(1n, BETA)).draft;
    const out = h.ok([{ type: 'signatory.remove', signatory: id('carol') }], GOV);
    const dropped = eventsOf(out.events, 'proposal.approvals-dropped');
    assert.deepEqual(
      dropped.map((e) => [e.proposal, e.signatories]),
      [onTreasury.id, onTrading.id].sort().map((p) => [p, [id('carol')]]),
    );
    for (const p of [onTreasury, onTrading]) {
      const stored = h.proposal(p.id)!;
      assert.deepEqual(stored.approvals, []);
      assert.deepEqual(stored.dropped, [{ signatory: id('carol'), height: h.height, time: h.time }]);
      assert.equal(stored.status, 'pending');
    }
    assert.equal(h.proposal(untouched.id)!.approvals.length, 1);
    // The remaining signatories can still carry the treasury proposal.
    h.approve(onTreasury, 'alice');
    h.approve(onTreasury, 'bob');
    assert.equal(h.proposal(onTreasury.id)!.status, 'executed');
  });
});

describe('account.create', () => {
  const create = (account: string, owner: string = LEI.beta): OpInput => ({
    type: 'account.create',
    account,
    owner,
    name: 'Beta custody',
    policy: { signatories: weighted(['dave', 'erin']), threshold: 2 },
  });

  it('creates an account under its policy, directly and through a proposal', () => {
    const h = new LedgerHarness();
    const out = h.ok([create('beta.custody')], GOV);
    assert.deepEqual(out.events, [{ type: 'account.created', account: 'beta.custody', owner: LEI.beta }]);
    assert.equal(h.account('beta.custody')!.policy.threshold, 2);
    h.ok([{ type: 'transfer', from: BETA, to: 'beta.custody', asset: ASSET.HKD, amount: 10n }], ['dave', 'heidi']);
    h.fails(
      E.POLICY_NOT_SATISFIED,
      [{ type: 'transfer', from: 'beta.custody', to: BETA, asset: ASSET.HKD, amount: 10n }],
      ['dave'],
    );
    h.ok([{ type: 'transfer', from: 'beta.custody', to: BETA, asset: ASSET.HKD, amount: 10n }], ['dave', 'erin']);
    const g = new LedgerHarness();
    throughProposal(g, create('beta.custody') as ActionInput);
    assert.ok(g.account('beta.custody'));
  });

  it('ALREADY_EXISTS; UNKNOWN_MEMBER for the owner', () => {
    const h = new LedgerHarness();
    h.fails(E.ALREADY_EXISTS, [create(BETA)], GOV);
    h.fails(E.UNKNOWN_MEMBER, [create('delta.main', LEI.delta)], GOV);
  });
});

describe('policy.set', () => {
  it('replaces an account’s policy (governance decides), directly and through a proposal', () => {
    const h = new LedgerHarness();
    const policy = { signatories: weighted(['alice', 'bob']), threshold: 1 };
    const out = h.ok([{ type: 'policy.set', account: ALPHA, policy }], GOV);
    assert.deepEqual(out.events, [{ type: 'policy.changed', account: ALPHA }]);
    h.ok([pay(1n)], ['bob']);
    h.fails(E.POLICY_NOT_SATISFIED, [pay(1n)], ['carol']);
    // The account's own signatories cannot change its policy.
    h.fails(E.POLICY_NOT_SATISFIED, [{ type: 'policy.set', account: ALPHA, policy }], ['alice', 'bob']);
    const g = new LedgerHarness();
    throughProposal(g, { type: 'policy.set', account: ALPHA, policy });
    assert.equal(g.account(ALPHA)!.policy.threshold, 1);
  });

  it('replaces the governance policy, directly and through a proposal', () => {
    const h = new LedgerHarness();
    const policy = { signatories: weighted(['bob', 'erin', 'grace']), threshold: 3 };
    const out = h.ok([{ type: 'policy.set', policy }], GOV);
    assert.deepEqual(out.events, [{ type: 'policy.changed' }]);
    assert.deepEqual(
      h.governancePolicy().signatories.map((s) => s.signatory),
      [id('bob'), id('erin'), id('grace')],
    );
    const add: OpInput = { type: 'member.add', member: LEI.delta, name: 'Delta' };
    h.fails(E.POLICY_NOT_SATISFIED, [add], GOV);
    h.fails(E.POLICY_NOT_SATISFIED, [add], ['bob', 'erin']);
    h.ok([add], ['bob', 'erin', 'grace']);
    const g = new LedgerHarness();
    throughProposal(g, { type: 'policy.set', policy });
    assert.equal(g.governancePolicy().threshold, 3);
  });

  it('UNKNOWN_ACCOUNT', () => {
    const h = new LedgerHarness();
    h.fails(E.UNKNOWN_ACCOUNT, [{ type: 'policy.set', account: 'nobody', policy: POLICY.alphaTreasury }], GOV);
  });
});

describe('re-evaluation of pending proposals when a policy changes', () => {
  it('approvals of signatories no longer in the policy move to `dropped`', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('carol', pay(1n));
    const out = h.ok(
      [{ type: 'policy.set', account: ALPHA, policy: { signatories: weighted(['alice', 'bob']), threshold: 2 } }],
      GOV,
    );
    assert.deepEqual(out.events, [
      { type: 'policy.changed', account: ALPHA },
      { type: 'proposal.approvals-dropped', proposal: draft.id, signatories: [id('carol')] },
    ]);
    const p = h.proposal(draft.id)!;
    assert.equal(p.status, 'pending');
    assert.deepEqual(p.approvals, []);
    assert.deepEqual(p.dropped, [{ signatory: id('carol'), height: h.height, time: h.time }]);
    h.fails(E.NOT_IN_POLICY, [approveOp(draft, 'carol')], ['carol']);
    h.approve(draft, 'alice');
    h.approve(draft, 'bob');
    assert.equal(h.proposal(draft.id)!.status, 'executed');
  });

  it('a proposal the new policy already satisfies executes in the policy change’s transaction', () => {
    const h = new LedgerHarness();
    const { draft } = h.propose('alice', pay(7_00n));
    const beta = h.balance(BETA, ASSET.CNY);
    const out = h.ok(
      [{ type: 'policy.set', account: ALPHA, policy: { signatories: weighted(['alice', 'bob']), threshold: 1 } }],
      GOV,
    );
    assert.deepEqual(
      out.events.map((e) => e.type),
      ['policy.changed', 'balance', 'balance', 'transfer', 'proposal.executed'],
    );
    assert.equal(h.proposal(draft.id)!.status, 'executed');
    assert.equal(h.balance(BETA, ASSET.CNY), beta + 7_00n);
  });

  it('also when the policy change itself passes through a governance proposal', () => {
    const h = new LedgerHarness();
    const { draft: payment } = h.propose('alice', pay(7_00n));
    const { draft: change } = h.propose('frank', {
      type: 'policy.set',
      account: ALPHA,
      policy: { signatories: weighted(['alice', 'bob']), threshold: 1 },
    });
    const out = h.approve(change, 'dave');
    assert.equal(out.code, 'OK', out.message);
    assert.deepEqual(
      out.events.map((e) => e.type),
      [
        'proposal.approved',
        'policy.changed',
        'balance',
        'balance',
        'transfer',
        'proposal.executed',
        'proposal.executed',
      ],
    );
    assert.deepEqual(
      eventsOf(out.events, 'proposal.executed').map((e) => e.proposal),
      [payment.id, change.id],
    );
    assert.equal(h.proposal(payment.id)!.status, 'executed');
    assert.equal(h.proposal(change.id)!.status, 'executed');
  });

  it('governance proposals are re-evaluated when the governance policy changes', () => {
    const h = new LedgerHarness();
    const { draft: byFrank } = h.propose('frank', { type: 'member.add', member: LEI.delta, name: 'Delta' });
    const { draft: byAlice } = h.propose('alice', {
      type: 'account.create',
      account: 'alpha.fx',
      owner: LEI.alpha,
      name: 'FX',
      policy: { signatories: weighted(['alice']), threshold: 1 },
    });
    const out = h.ok(
      [{ type: 'policy.set', policy: { signatories: weighted(['alice', 'grace']), threshold: 1 } }],
      GOV,
    );
    assert.equal(out.code, 'OK');
    assert.equal(h.proposal(byAlice.id)!.status, 'executed');
    assert.ok(h.account('alpha.fx'));
    const frank = h.proposal(byFrank.id)!;
    assert.equal(frank.status, 'pending');
    assert.deepEqual(
      frank.dropped.map((d) => d.signatory),
      [id('frank')],
    );
    assert.deepEqual(eventsOf(out.events, 'proposal.approvals-dropped')[0]?.signatories, [id('frank')]);
  });

  it('only proposals guarded by the changed policy are re-evaluated', () => {
    const h = new LedgerHarness();
    const { draft: onBeta } = h.propose('dave', pay(1n, BETA));
    const out = h.ok(
      [{ type: 'policy.set', account: ALPHA, policy: { signatories: weighted(['alice']), threshold: 1 } }],
      GOV,
    );
    assert.deepEqual(out.events, [{ type: 'policy.changed', account: ALPHA }]);
    assert.equal(h.proposal(onBeta.id)!.approvals.length, 1);
  });

  it('an expired pending proposal is closed as expired', () => {
    const h = new LedgerHarness();
    const expiresAt = h.nextTime + DAY;
    const { draft } = h.propose('alice', pay(1n), { expiresAt });
    const out = h.ok([{ type: 'policy.set', account: ALPHA, policy: POLICY.alphaTreasury }], GOV, {
      at: expiresAt + 1n,
    });
    assert.deepEqual(out.events, [
      { type: 'policy.changed', account: ALPHA },
      { type: 'proposal.expired', proposal: draft.id },
    ]);
    const p = h.proposal(draft.id)!;
    assert.equal(p.status, 'expired');
    assert.equal(p.closed?.code, 'EXPIRED');
    assert.deepEqual(h.pendingIndex(), []);
  });
});
