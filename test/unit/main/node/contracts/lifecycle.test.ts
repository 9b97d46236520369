import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { StateKey } from '../../../../../main/node/ledger/keys.ts';
import { contractCodec } from '../../../../../shared/domain/index.ts';
import { DEFAULT_SIGNING_WINDOW_MS } from '../../../../../main/node/contracts/lifecycle.ts';
import { ACCOUNT, ASSET, DAY, HOUR, approveOp, draftProposal } from '../../../../helpers/ledger-harness.ts';
import { attestOp, ContractHarness, createOp, draftAndSign, signOp, steps, terminateOp } from './contract-harness.ts';

const { alphaTreasury: ALPHA, betaTreasury: BETA, gammaOps: AGENT, alphaTrading: TRADING } = ACCOUNT;
const AMOUNT = 10_000_00n;

const escrow = (h: ContractHarness, id = 'esc', terms: Record<string, string | bigint> = {}) =>
  createOp(
    id,
    'escrow',
    { payer: ALPHA, payee: BETA },
    { asset: ASSET.CNY, amount: AMOUNT, expiresAt: h.time + 5n * DAY, ...terms },
  );

describe('drafting: contract.create', () => {
  it('records a draft that waits for every party, with a default signing deadline', () => {
    const h = new ContractHarness();
    const out = h.okOps([escrow(h)], ['alice', 'bob']);
    const c = h.contract('esc')!;
    assert.equal(c.status, 'drafted');
    assert.equal(c.signBy, out.time + DEFAULT_SIGNING_WINDOW_MS);
    assert.equal(c.nextAt, c.signBy, 'the draft is scheduled to expire at signBy');
    assert.deepEqual(c.created, { height: out.height, time: out.time, txId: h.timeline('esc')[0]!.txId });
    assert.deepEqual(steps(h, 'esc'), ['tx:contract.created']);
    h.assertTimerIndex();
  });

  it('refuses what is wrong, naming it, and changes nothing', () => {
    const h = new ContractHarness();
    h.okOps([escrow(h)], ['alice', 'bob']);
    const refuse = (code: string, op: ReturnType<typeof createOp>, match: RegExp) => {
      const out = h.fails(code, [op], ['alice', 'bob']);
      assert.match(out.message!, match);
    };
    const terms = { asset: ASSET.CNY, amount: AMOUNT, expiresAt: h.time + DAY };
    refuse(E.ALREADY_EXISTS, escrow(h), /already exists/);
    refuse(
      E.UNKNOWN_TEMPLATE,
      createOp('x', 'swap', { payer: ALPHA }, {}),
      /no template swap@1; known: bill-maturity@1/,
    );
    refuse(E.UNKNOWN_TEMPLATE, createOp('x', 'escrow', { payer: ALPHA, payee: BETA }, terms, 2), /escrow@2/);
    refuse(E.BAD_PARTIES, createOp('x', 'escrow', { payer: ALPHA, buyer: BETA }, terms), /"buyer" is not a role/);
    refuse(E.BAD_PARTIES, createOp('x', 'escrow', { payer: ALPHA, payee: ALPHA }, terms), /plays two roles/);
    refuse(E.BAD_PARTIES, createOp('x', 'escrow', { payer: ALPHA }, terms), /role "payee" is required/);
    refuse(E.UNKNOWN_ACCOUNT, createOp('x', 'escrow', { payer: ALPHA, payee: 'nobody.here' }, terms), /nobody\.here/);
    refuse(E.BAD_TERMS, escrow(h, 'x', { colour: 'red' }), /unknown term "colour"/);
    refuse(
      E.BAD_TERMS,
      createOp('x', 'escrow', { payer: ALPHA, payee: BETA }, { asset: ASSET.CNY }),
      /"amount" is required/,
    );
    refuse(E.BAD_TERMS, escrow(h, 'x', { amount: 'lots' }), /"amount" must be a whole number/);
    refuse(E.BAD_TERMS, escrow(h, 'x', { amount: 0n }), /"amount" must be a whole number of minor units above zero/);
    refuse(E.BAD_TERMS, escrow(h, 'x', { expiresAt: h.time }), /"expiresAt" .* must lie after/);
    refuse(E.BAD_TERMS, escrow(h, 'x', { releaseAt: h.time + DAY }), /exactly one/);
    refuse(E.BAD_TERMS, escrow(h, 'x', { signBy: h.time - 1n }), /"signBy" must lie after/);
    refuse(E.BAD_TERMS, escrow(h, 'x', { attester: 'agent' }), /"attester" must be one of the roles payer, payee/);
    refuse(E.UNKNOWN_ASSET, escrow(h, 'x', { asset: 'XAU' }), /asset "XAU" does not exist/);
  });

  it("needs the drafter's policy: the first party's account", () => {
    const h = new ContractHarness();
    h.fails(E.POLICY_NOT_SATISFIED, [escrow(h)], ['alice']);
    h.fails(E.POLICY_NOT_SATISFIED, [escrow(h)], ['dave', 'erin']);
  });
});

describe('co-signing: contract.sign', () => {
  it("each party signs under its own account's policy; the last signature activates", () => {
    const h = new ContractHarness();
    h.okOps([escrow(h)], ['alice', 'bob']);
    h.fails(E.POLICY_NOT_SATISFIED, [signOp('esc', 'payer')], ['dave', 'erin']);
    h.fails(E.POLICY_NOT_SATISFIED, [signOp('esc', 'payer')], ['alice']);
    h.okOps([signOp('esc', 'payer')], ['alice', 'bob']);
    assert.equal(h.contract('esc')!.status, 'drafted');
    h.fails(E.ALREADY_SIGNED, [signOp('esc', 'payer')], ['alice', 'bob']);
    h.fails(E.NOT_A_PARTY, [signOp('esc', 'agent')], ['grace']);
    h.fails(E.UNKNOWN_CONTRACT, [signOp('nope', 'payer')], ['alice', 'bob']);
    const out = h.okOps([signOp('esc', 'payee')], ['dave', 'erin']);
    const c = h.contract('esc')!;
    assert.equal(c.status, 'active');
    assert.deepEqual(c.activated, { height: out.height, time: out.time });
    assert.deepEqual(
      c.signatures.map((s) => [s.role, s.account]),
      [
        ['payer', ALPHA],
        ['payee', BETA],
      ],
    );
    h.fails(E.CONTRACT_NOT_DRAFTED, [signOp('esc', 'payee')], ['dave', 'erin']);
    assert.deepEqual(steps(h, 'esc'), [
      'tx:contract.created',
      'tx:contract.signed',
      'tx:contract.signed',
      'tx:contract.activated',
      'tx:contract.locked',
    ]);
  });

  it('a multisig party signs through a proposal: the signature lands in the block of the approval that completes it', () => {
    const h = new ContractHarness();
    h.okOps([escrow(h)], ['alice', 'bob']);
    const { draft, outcome } = h.propose('alice', signOp('esc', 'payer') as never, { account: ALPHA });
    assert.equal(outcome.code, 'OK');
    assert.equal(h.contract('esc')!.signatures.length, 0, 'one approval of 2-of-3 is not a signature yet');
    const approval = h.tx([approveOp(draft, 'carol')], ['carol']);
    const approved = h.block([approval]);
    assert.equal(approved.results[0]!.code, 'OK');
    assert.equal(h.proposal(draft.id)!.status, 'executed');
    const [sig] = h.contract('esc')!.signatures;
    assert.deepEqual([sig!.role, sig!.height, sig!.txId], ['payer', approved.height, approval.id]);
    assert.deepEqual(h.timeline('esc').at(-1), {
      height: approved.height,
      txId: approval.id,
      event: { type: 'contract.signed', contract: 'esc', party: 'payer', account: ALPHA, remaining: 1 },
    });
  });

  it("signing commits the party's exposure, so its policy's amount tiers apply", () => {
    const h = new ContractHarness();
    const big = 2_000_000_00n; // above alpha.trading's USD tier: every signatory must approve
    h.okOps(
      [
        createOp(
          'big',
          'escrow',
          { payer: TRADING, payee: BETA },
          { asset: ASSET.USD, amount: big, expiresAt: h.time + DAY },
        ),
      ],
      ['alice', 'bob', 'carol'],
    );
    const out = h.fails(E.POLICY_NOT_SATISFIED, [signOp('big', 'payer')], ['alice', 'bob', 'carol']);
    assert.match(out.message!, /alpha\.trading/);
    h.okOps([signOp('big', 'payer')], ['alice', 'bob', 'carol', 'ivan']);
  });

  it('an activation that cannot lock the funds fails the last signature; the draft stays as it was', () => {
    const h = new ContractHarness();
    const tooMuch = h.balance(ALPHA, ASSET.CNY) + 1n;
    h.okOps([escrow(h, 'esc', { amount: tooMuch })], ['alice', 'bob']);
    h.okOps([signOp('esc', 'payee')], ['dave', 'erin']);
    const before = h.contract('esc');
    h.fails(E.INSUFFICIENT_FUNDS, [signOp('esc', 'payer')], ['alice', 'bob']);
    assert.deepEqual(h.contract('esc'), before);
  });

  it('a draft not signed by signBy expires at that block, in an empty block if need be', () => {
    const h = new ContractHarness();
    const signBy = h.time + 3n * HOUR;
    h.okOps([escrow(h, 'esc', { signBy })], ['alice', 'bob']);
    h.okOps([signOp('esc', 'payer')], ['alice', 'bob']);
    assert.equal(h.due(signBy - 1n), false);
    assert.equal(h.due(signBy), true);
    // A signature in the very block of the deadline is too late, and the draft expires at that block's end.
    const late = h.run([signOp('esc', 'payee')], ['dave', 'erin'], { at: signBy });
    assert.equal(late.code, E.CONTRACT_EXPIRED);
    assert.equal(h.contract('esc')!.status, 'expired');
    assert.deepEqual(h.lastBlockEvents, [{ type: 'contract.expired', contract: 'esc', stage: 'draft' }]);
    assert.equal(h.contract('esc')!.closed?.code, 'NOT_SIGNED');
    h.fails(E.CONTRACT_NOT_DRAFTED, [signOp('esc', 'payee')], ['dave', 'erin']);
    h.assertTimerIndex();
  });

  it('terms are checked again at activation: a date that passed while signing refuses the last signature', () => {
    const h = new ContractHarness();
    const expiresAt = h.time + 2n * HOUR;
    h.okOps([escrow(h, 'esc', { expiresAt, signBy: expiresAt + HOUR })], ['alice', 'bob']);
    h.okOps([signOp('esc', 'payer')], ['alice', 'bob']);
    const out = h.run([signOp('esc', 'payee')], ['dave', 'erin'], { at: expiresAt });
    assert.equal(out.code, E.BAD_TERMS);
    assert.equal(h.contract('esc')!.status, 'drafted');
  });
});

describe('attestations: contract.attest', () => {
  it('only the designated party, only the agreed fact, only while active and before the timed step', () => {
    const h = new ContractHarness();
    const expiresAt = h.time + DAY;
    h.okOps(
      [
        createOp(
          'esc',
          'escrow',
          { payer: ALPHA, payee: BETA, agent: AGENT },
          { asset: ASSET.CNY, amount: AMOUNT, expiresAt },
        ),
      ],
      ['alice', 'bob'],
    );
    h.fails(E.CONTRACT_NOT_ACTIVE, [attestOp('esc', 'agent', 'delivered')], ['grace']);
    for (const [role, signers] of [
      ['payer', ['alice', 'bob']],
      ['payee', ['dave', 'erin']],
      ['agent', ['grace']],
    ] as const) {
      h.okOps([signOp('esc', role)], signers);
    }
    h.fails(E.UNKNOWN_CONTRACT, [attestOp('nope', 'agent', 'delivered')], ['grace']);
    h.fails(E.NOT_A_PARTY, [attestOp('esc', 'oracle', 'delivered')], ['grace']);
    h.fails(E.NOT_ATTESTER, [attestOp('esc', 'payee', 'delivered')], ['dave', 'erin']);
    h.fails(E.POLICY_NOT_SATISFIED, [attestOp('esc', 'agent', 'delivered')], ['frank']);
    const wrong = h.fails(E.UNKNOWN_FACT, [attestOp('esc', 'agent', 'shipped')], ['grace']);
    assert.match(wrong.message!, /agent attests delivered/);
    // Two attestations in one block: the second is refused, the first releases at the block's end.
    const block = h.block([
      h.tx([attestOp('esc', 'agent', 'delivered')], ['grace']),
      h.tx([attestOp('esc', 'agent', 'delivered')], ['grace']),
    ]);
    assert.deepEqual(
      block.results.map((r) => r.code),
      ['OK', E.ALREADY_EXISTS],
    );
    assert.equal(h.contract('esc')!.status, 'executed');
    h.fails(E.CONTRACT_NOT_ACTIVE, [attestOp('esc', 'agent', 'delivered')], ['grace']);
  });

  it('an attestation in the block where the contract expires is too late', () => {
    const h = new ContractHarness();
    const expiresAt = h.time + DAY;
    draftAndSign(h, 'esc', 'escrow', { payer: ALPHA, payee: BETA }, { asset: ASSET.CNY, amount: AMOUNT, expiresAt });
    const out = h.run([attestOp('esc', 'payer', 'delivered')], ['alice', 'bob'], { at: expiresAt });
    assert.equal(out.code, E.ATTESTATION_TOO_LATE);
    assert.equal(h.contract('esc')!.status, 'expired');
  });
});

describe('termination: contract.terminate', () => {
  it("needs every party's policy, refunds what the contract holds, and closes it", () => {
    const h = new ContractHarness();
    const before = h.balance(ALPHA, ASSET.CNY);
    draftAndSign(
      h,
      'esc',
      'escrow',
      { payer: ALPHA, payee: BETA },
      { asset: ASSET.CNY, amount: AMOUNT, expiresAt: h.time + DAY },
    );
    h.fails(E.POLICY_NOT_SATISFIED, [terminateOp('esc')], ['alice', 'bob']);
    h.okOps([terminateOp('esc', 'deal off')], ['alice', 'bob', 'dave', 'erin']);
    const c = h.contract('esc')!;
    assert.equal(c.status, 'terminated');
    assert.equal(c.closed?.message, 'deal off');
    assert.equal(c.nextAt, undefined);
    assert.equal(h.balance(ALPHA, ASSET.CNY), before);
    h.fails(E.CONTRACT_CLOSED, [terminateOp('esc')], ['alice', 'bob', 'dave', 'erin']);
    h.fails(E.UNKNOWN_CONTRACT, [terminateOp('nope')], ['alice', 'bob']);
    h.assertTimerIndex();
    h.assertClosedHoldNothing();
    h.assertConservation();
    assert.deepEqual(steps(h, 'esc').slice(-2), ['tx:contract.released', 'tx:contract.terminated']);
  });

  it('a draft can be terminated too; a bond coupon schedule others rely on cannot once active', () => {
    const h = new ContractHarness();
    h.okOps([escrow(h)], ['alice', 'bob']);
    h.okOps([terminateOp('esc')], ['alice', 'bob', 'dave', 'erin']);
    assert.equal(h.contract('esc')!.status, 'terminated');
    draftAndSign(
      h,
      'coupons',
      'bond-coupon',
      { issuer: BETA },
      { bond: ASSET.BOND, cash: ASSET.CNY, coupon: 100n, firstCouponAt: h.time + DAY, interval: DAY, coupons: 2n },
    );
    h.fails(E.NOT_TERMINABLE, [terminateOp('coupons')], ['dave', 'erin']);
  });

  it('a failing operation later in the transaction rolls back the contract steps before it', () => {
    const h = new ContractHarness();
    h.fails(
      E.INSUFFICIENT_FUNDS,
      [escrow(h), { type: 'transfer', from: ALPHA, to: BETA, asset: ASSET.HKD, amount: 1n }],
      ['alice', 'bob'],
    );
    assert.equal(h.contract('esc'), undefined);
  });
});

describe('the end-of-block phase', () => {
  it('a step that fails in a way its template does not handle defaults that contract alone; the others go on', () => {
    const h = new ContractHarness();
    const at = h.time + DAY;
    draftAndSign(
      h,
      'good',
      'escrow',
      { payer: ALPHA, payee: BETA },
      { asset: ASSET.CNY, amount: AMOUNT, expiresAt: at },
    );
    // A stored contract whose terms its template refuses (written behind the ledger's back): its step throws.
    const good = h.contract('good')!;
    const broken = { ...good, id: 'broken', terms: { asset: ASSET.CNY } };
    h.store.map.set(StateKey.contract('broken'), contractCodec.encode(broken as never));
    h.store.map.set(StateKey.contractTimer(at, 'broken'), new Uint8Array([0xf6]));
    const out = h.tick(at);
    assert.equal(h.contract('good')!.status, 'expired');
    assert.equal(h.contract('broken')!.status, 'defaulted');
    assert.equal(h.contract('broken')!.closed?.code, E.BAD_TERMS);
    assert.ok(out.blockEvents.some((e) => e.type === 'contract.defaulted' && e.contract === 'broken'));
    assert.equal(h.due(at + DAY), false);
  });
});

describe('proposals for contract operations', () => {
  it('a terminate proposal is guarded by every party and executes when the last one approves', () => {
    const h = new ContractHarness();
    draftAndSign(
      h,
      'esc',
      'escrow',
      { payer: ALPHA, payee: BETA },
      { asset: ASSET.CNY, amount: AMOUNT, expiresAt: h.time + DAY },
    );
    const draft = draftProposal(terminateOp('esc') as never, {
      expiresAt: h.nextTime + DAY,
      account: ALPHA,
      approver: 'alice',
    });
    h.okOps([draft.op as never], ['alice']);
    assert.deepEqual(h.proposal(draft.id)!.guards, [ALPHA, BETA]);
    h.okOps([approveOp(draft, 'bob') as never], ['bob']);
    h.okOps([approveOp(draft, 'dave') as never], ['dave']);
    assert.equal(h.contract('esc')!.status, 'active');
    h.okOps([approveOp(draft, 'erin') as never], ['erin']);
    assert.equal(h.proposal(draft.id)!.status, 'executed');
    assert.equal(h.contract('esc')!.status, 'terminated');
  });
});
