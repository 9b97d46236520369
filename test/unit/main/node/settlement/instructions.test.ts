import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { SettlementErrorCode as S } from '../../../../../main/node/settlement/errors.ts';
import { approveOp, ASSET, DAY, draftProposal, eventsOf } from '../../../../helpers/ledger-harness.ts';
import {
  ALPHA,
  BETA,
  EUR,
  GAMMA,
  instructOp,
  pay,
  SettlementHarness,
  settlementGenesis,
  type InstructionInput,
} from '../../../../helpers/settlement.ts';

const funded = () => new SettlementHarness(settlementGenesis({ eur: { [ALPHA]: 1_000n, [BETA]: 1_000n } }));

describe('settlement.instruct: what an instruction must be', () => {
  const refused: [string, string, InstructionInput][] = [
    ['a zero amount', E.AMOUNT_ZERO, pay('p', ALPHA, BETA, 0n)],
    ['the same account on both sides', E.SAME_ACCOUNT, pay('p', ALPHA, ALPHA, 5n)],
    ['an unknown creditor', E.UNKNOWN_ACCOUNT, pay('p', ALPHA, 'nobody.here', 5n)],
    ['an unknown asset', E.UNKNOWN_ASSET, { id: 'p', legs: [{ from: ALPHA, to: BETA, asset: 'XXX', amount: 5n }] }],
    ['rtgs with a settle time', S.BAD_INSTRUCTION, pay('p', ALPHA, BETA, 5n, { settleAt: 2_000_000_000_000n })],
    ['scheduled without a settle time', S.BAD_INSTRUCTION, pay('p', ALPHA, BETA, 5n, { mode: 'scheduled' })],
    ['deferred net in a currency without a cycle', S.NO_CYCLE, pay('p', ALPHA, BETA, 5n, { mode: 'deferred-net' })],
    ['an expiry in the past', E.EXPIRY_INVALID, pay('p', ALPHA, BETA, 5n, { expiresAt: 1n })],
    [
      'a DvP whose legs do not mirror each other',
      S.BAD_INSTRUCTION,
      {
        id: 'p',
        legs: [
          { from: ALPHA, to: BETA, asset: EUR, amount: 5n },
          { from: BETA, to: GAMMA, asset: ASSET.BOND, amount: 1n },
        ],
      },
    ],
    [
      'a DvP of two cash legs',
      S.BAD_INSTRUCTION,
      {
        id: 'p',
        legs: [
          { from: ALPHA, to: BETA, asset: EUR, amount: 5n },
          { from: BETA, to: ALPHA, asset: ASSET.CNY, amount: 1n },
        ],
      },
    ],
    [
      'a DvP in a deferred-net cycle',
      S.BAD_INSTRUCTION,
      {
        id: 'p',
        mode: 'deferred-net',
        legs: [
          { from: ALPHA, to: BETA, asset: EUR, amount: 5n },
          { from: BETA, to: ALPHA, asset: ASSET.BOND, amount: 1n },
        ],
      },
    ],
  ];
  for (const [what, code, input] of refused) {
    it(`refuses ${what} (${code}), changing nothing`, () => {
      const h = funded();
      h.fails(code, [instructOp(input)], ['alice', 'bob', 'dave', 'erin']);
    });
  }

  it('refuses an instruction id that is already taken, even once the first has settled', () => {
    const h = funded();
    h.submit([pay('dup', ALPHA, BETA, 5n)]);
    assert.equal(h.status('dup'), 'settled');
    h.fails(E.ALREADY_EXISTS, [instructOp(pay('dup', ALPHA, BETA, 5n))], ['alice', 'bob']);
  });

  it("needs the debtor account's policy: one of a 2-of-3 is not enough, the creditor's signers count for nothing", () => {
    const h = funded();
    h.fails(E.POLICY_NOT_SATISFIED, [instructOp(pay('p', ALPHA, BETA, 5n))], ['alice']);
    h.fails(E.POLICY_NOT_SATISFIED, [instructOp(pay('p', ALPHA, BETA, 5n))], ['dave', 'erin']);
  });

  it('a DvP needs the policies of both parties, since both give value', () => {
    const h = new SettlementHarness(settlementGenesis({ eur: { [ALPHA]: 1_000n } }));
    const dvp = instructOp({
      id: 'dvp',
      legs: [
        { from: ALPHA, to: BETA, asset: EUR, amount: 500n },
        { from: BETA, to: ALPHA, asset: ASSET.BOND, amount: 10n },
      ],
    });
    h.fails(E.POLICY_NOT_SATISFIED, [dvp], ['alice', 'bob']);
    h.ok([dvp], ['alice', 'bob', 'dave', 'erin']);
    assert.equal(h.status('dvp'), 'settled');
  });

  it('enters through a proposal when the policy asks for co-signing, and settles in the block that approves it', () => {
    const h = funded();
    const { draft, outcome } = h.propose('alice', instructOp(pay('p', ALPHA, BETA, 300n)) as never, { account: ALPHA });
    assert.equal(outcome.code, 'OK');
    assert.equal(h.proposal(draft.id)!.status, 'pending');
    assert.equal(h.store.get('instruction/p'), undefined, 'no instruction before the policy is met');
    const approval = h.tx([approveOp(draft, 'bob')], ['bob']);
    const approved = h.block([approval]);
    assert.equal(approved.results[0]!.code, 'OK');
    assert.equal(h.proposal(draft.id)!.status, 'executed');
    const instruction = h.instruction('p');
    assert.equal(instruction.status, 'settled');
    assert.equal(instruction.submitted.tx, approval.id, 'submitted by the transaction that met the policy');
    assert.equal(instruction.submitted.height, approved.height);
    assert.deepEqual(eventsOf(approved.blockEvents, 'settlement.settled'), [
      { type: 'settlement.settled', instruction: 'p', via: 'rtgs' },
    ]);
    assert.equal(h.balance(BETA, EUR), 1_300n);
  });
});

describe('settlement.action: hold, release, cancel, reprioritise', () => {
  it('a held instruction is passed over even when it could settle; released, it settles', () => {
    const h = new SettlementHarness(settlementGenesis({ eur: { [BETA]: 1_000n } }));
    h.submit([pay('p', ALPHA, GAMMA, 100n)]);
    assert.equal(h.instruction('p').waiting, E.INSUFFICIENT_FUNDS);
    const held = h.act('p', 'hold', ['alice', 'bob']);
    assert.equal(held.code, 'OK');
    assert.equal(h.status('p'), 'held');
    h.ok([{ type: 'transfer', from: BETA, to: ALPHA, asset: EUR, amount: 500n }], ['dave', 'erin']);
    assert.equal(h.status('p'), 'held', 'funded, but held');
    assert.equal(h.balance(ALPHA, EUR), 500n);
    const released = h.act('p', 'release', ['alice', 'carol']);
    assert.equal(released.code, 'OK');
    assert.equal(h.status('p'), 'settled', 'settles in the block that releases it');
    assert.equal(h.balance(GAMMA, EUR), 100n);
  });

  it('refuses actions that do not fit the state, each with its own code', () => {
    const h = new SettlementHarness();
    h.submit([pay('p', ALPHA, BETA, 100n)]);
    const codes = [
      ['release', S.BAD_QUEUE_ACTION],
      ['reprioritise', S.BAD_QUEUE_ACTION],
    ] as const;
    for (const [action, code] of codes) {
      const before = h.store.snapshot();
      assert.equal(h.act('p', action, ['alice', 'bob']).code, code);
      assert.deepEqual(h.store.snapshot(), before);
    }
    assert.equal(h.act('p', 'reprioritise', ['alice', 'bob'], 'normal').code, S.BAD_QUEUE_ACTION);
    assert.equal(h.act('nope', 'hold', ['alice', 'bob']).code, S.UNKNOWN_INSTRUCTION);
    assert.equal(h.act('p', 'hold', ['dave', 'erin']).code, E.POLICY_NOT_SATISFIED, "the creditor's signers cannot");
    assert.equal(h.act('p', 'hold', ['alice', 'bob']).code, 'OK');
    assert.equal(h.act('p', 'hold', ['alice', 'bob']).code, S.BAD_QUEUE_ACTION);
    assert.equal(h.act('p', 'cancel', ['alice', 'bob']).code, 'OK');
    assert.equal(h.status('p'), 'cancelled');
    assert.equal(h.act('p', 'release', ['alice', 'bob']).code, S.INSTRUCTION_CLOSED);
  });

  it('reprioritising to urgent puts an instruction ahead of older normal ones', () => {
    const h = new SettlementHarness();
    h.submit([pay('first', ALPHA, BETA, 100n), pay('second', ALPHA, GAMMA, 100n)]);
    assert.equal(h.act('second', 'reprioritise', ['alice', 'bob'], 'urgent').code, 'OK');
    assert.equal(h.instruction('second').priority, 'urgent');
    // Enough for one of the two: the urgent one goes first.
    h.ok([{ type: 'asset.issue', asset: EUR, to: ALPHA, amount: 150n }], ['frank']);
    assert.equal(h.status('second'), 'settled');
    assert.equal(h.status('first'), 'queued');
  });

  it('cancel takes an instruction out of the queue for good', () => {
    const h = new SettlementHarness();
    h.submit([pay('p', ALPHA, BETA, 100n)]);
    const out = h.act('p', 'cancel', ['alice', 'bob']);
    assert.deepEqual(eventsOf(out.events, 'settlement.cancelled'), [
      { type: 'settlement.cancelled', instruction: 'p' },
    ]);
    h.ok([{ type: 'asset.issue', asset: EUR, to: ALPHA, amount: 150n }], ['frank']);
    assert.equal(h.status('p'), 'cancelled');
    assert.equal(h.balance(BETA, EUR), 0n);
    assert.deepEqual([...h.store.scan('settlement/open/')], [], 'no longer in the open index');
  });

  it('queue actions go through proposals under the same policy', () => {
    const h = new SettlementHarness();
    h.submit([pay('p', ALPHA, BETA, 100n)]);
    const action = { type: 'settlement.action', instruction: 'p', action: 'hold' } as const;
    const { draft } = h.propose('alice', action as never, { account: ALPHA });
    assert.equal(h.status('p'), 'queued');
    h.approve(draft, 'carol');
    assert.equal(h.status('p'), 'held');
    const draft2 = draftProposal(action as never, { expiresAt: h.nextTime + DAY, approver: 'dave' });
    assert.equal(h.run([draft2.op], ['dave']).code, E.NOT_IN_POLICY, "the creditor's signatories cannot propose it");
  });
});

describe('expiry', () => {
  it('an instruction not settled by its expiry is closed as expired in the first block after it', () => {
    const h = new SettlementHarness();
    const expiresAt = h.nextTime + 10_000n;
    h.submit([pay('p', ALPHA, BETA, 100n, { expiresAt })]);
    assert.equal(h.status('p'), 'queued');
    h.tick(expiresAt);
    assert.equal(h.status('p'), 'queued', 'still valid at its expiry time');
    const after = h.tick(expiresAt + 1n);
    assert.equal(h.status('p'), 'expired');
    assert.deepEqual(eventsOf(after.blockEvents, 'settlement.expired'), [
      { type: 'settlement.expired', instruction: 'p' },
    ]);
    h.ok([{ type: 'asset.issue', asset: EUR, to: ALPHA, amount: 150n }], ['frank']);
    assert.equal(h.balance(BETA, EUR), 0n, 'an expired instruction never settles');
    assert.deepEqual(
      [...h.store.scan('settlement/')].map(([k]) => k),
      ['settlement/seq'],
      'no index entry left',
    );
  });
});
