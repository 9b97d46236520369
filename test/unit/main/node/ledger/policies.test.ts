import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { policySchema, type Policy, type Signatory, type SignatoryId } from '../../../../../shared/domain/index.ts';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import {
  describeShortfall,
  evaluate,
  requirementFor,
  stillSatisfiable,
} from '../../../../../main/node/ledger/policy.ts';
import {
  ACCOUNT,
  ASSET,
  id,
  LEI,
  LedgerHarness,
  POLICY,
  TRADING_TIER_ABOVE,
  type OpInput,
  type PolicyInput,
} from '../../../../helpers/ledger-harness.ts';

// ── The policy functions on their own ───────────────────────────────────────────────────────────────────────────

const sid = (n: number) => n.toString(16).padStart(40, '0') as SignatoryId;
const A = sid(1);
const B = sid(2);
const C = sid(3);
const D = sid(4);

function directory(entries: Record<string, { roles?: string[]; active?: boolean }>) {
  const map = new Map<string, Signatory>(
    Object.entries(entries).map(([k, v]) => [
      k,
      {
        id: k as SignatoryId,
        publicKey: new Uint8Array(33),
        member: LEI.alpha as Signatory['member'],
        name: k,
        roles: v.roles ?? [],
        active: v.active ?? true,
      },
    ]),
  );
  return (key: string) => map.get(key);
}

const policy = (p: PolicyInput): Policy => policySchema.parse(p);

describe('policy evaluation', () => {
  const lookup = directory({
    [A]: { roles: ['treasury'] },
    [B]: { roles: ['trader'] },
    [C]: {},
    [D]: { active: false },
  });

  it('weights: approvals sum their weights against the threshold', () => {
    const p = policy({
      signatories: [
        { signatory: A, weight: 2 },
        { signatory: B, weight: 1 },
        { signatory: C, weight: 1 },
      ],
      threshold: 3,
    });
    const req = requirementFor(p, []);
    assert.equal(evaluate(p, req, [A, B], lookup).satisfied, true);
    assert.equal(evaluate(p, req, [A, C], lookup).satisfied, true);
    assert.equal(evaluate(p, req, [B, C], lookup).satisfied, false);
    assert.equal(evaluate(p, req, [A], lookup).satisfied, false);
    assert.equal(evaluate(p, req, [A], lookup).weight, 2);
  });

  it('counts each approver once, and only active signatories listed in the policy', () => {
    const p = policy({
      signatories: [
        { signatory: A, weight: 1 },
        { signatory: D, weight: 5 },
      ],
      threshold: 2,
    });
    const req = requirementFor(p, []);
    const e = evaluate(p, req, [A, A, D, B, sid(99)], lookup);
    assert.equal(e.satisfied, false);
    assert.equal(e.weight, 1);
    assert.deepEqual(e.counted, [A]);
  });

  it('role clauses must all hold, on top of the threshold', () => {
    const p = policy({
      signatories: [A, B, C].map((s) => ({ signatory: s, weight: 1 })),
      threshold: 2,
      roles: [
        { role: 'treasury', min: 1 },
        { role: 'trader', min: 1 },
      ],
    });
    const req = requirementFor(p, []);
    assert.equal(evaluate(p, req, [A, B], lookup).satisfied, true);
    const e = evaluate(p, req, [A, C], lookup);
    assert.equal(e.satisfied, false);
    assert.deepEqual(e.roles, [
      { role: 'treasury', need: 1, have: 1 },
      { role: 'trader', need: 1, have: 0 },
    ]);
    assert.equal(describeShortfall(e), 'approval weight 2 of 2 required, 0 of 1 "trader" approvals');
  });

  it('amount tiers: a tier applies only above its amount and only for its asset', () => {
    const p = policy({
      signatories: [A, B, C].map((s) => ({ signatory: s, weight: 1 })),
      threshold: 1,
      tiers: [{ asset: 'USD', above: 1000n, threshold: 3 }],
    });
    assert.equal(requirementFor(p, [{ asset: 'USD', amount: 1000n }]).threshold, 1);
    assert.equal(requirementFor(p, [{ asset: 'USD', amount: 1001n }]).threshold, 3);
    assert.equal(requirementFor(p, [{ asset: 'CNY', amount: 10n ** 12n }]).threshold, 1);
    // Any moved amount can select the tier.
    assert.equal(
      requirementFor(p, [
        { asset: 'CNY', amount: 1n },
        { asset: 'USD', amount: 5000n },
      ]).threshold,
      3,
    );
  });

  it('tiers only add: base role clauses stay, tier role clauses join them, every applicable tier counts', () => {
    const p = policy({
      signatories: [A, B, C].map((s) => ({ signatory: s, weight: 1 })),
      threshold: 1,
      roles: [{ role: 'trader', min: 1 }],
      tiers: [
        { asset: 'USD', above: 100n, threshold: 2 },
        { asset: 'USD', above: 1000n, threshold: 3, roles: [{ role: 'treasury', min: 1 }] },
      ],
    });
    assert.deepEqual(requirementFor(p, [{ asset: 'USD', amount: 500n }]).roles, [{ role: 'trader', min: 1 }]);
    assert.deepEqual(requirementFor(p, [{ asset: 'USD', amount: 5000n }]).roles, [
      { role: 'trader', min: 1 },
      { role: 'treasury', min: 1 },
    ]);
    assert.equal(requirementFor(p, [{ asset: 'USD', amount: 5000n }]).threshold, 3);
    // A lower tier with a higher threshold does not erase a higher tier's role clauses.
    const q = policy({
      signatories: [A, B, C].map((s) => ({ signatory: s, weight: 1 })),
      threshold: 1,
      tiers: [
        { asset: 'USD', above: 1000n, threshold: 2, roles: [{ role: 'treasury', min: 2 }] },
        { asset: 'USD', above: 500n, threshold: 3 },
      ],
    });
    const r = requirementFor(q, [{ asset: 'USD', amount: 2000n }]);
    assert.equal(r.threshold, 3);
    assert.deepEqual(r.roles, [{ role: 'treasury', min: 2 }]);
  });

  it('tier selection does not depend on the order the tiers are listed in', () => {
    const tier = fc.record({
      asset: fc.constantFrom('USD', 'CNY'),
      above: fc.bigInt({ min: 0n, max: 10_000n }),
      threshold: fc.integer({ min: 1, max: 5 }),
    });
    const tiersAndShuffle = fc
      .uniqueArray(tier, { minLength: 1, maxLength: 6, selector: (t) => `${t.asset}/${t.above}/${t.threshold}` })
      .chain((tiers) =>
        fc.tuple(fc.constant(tiers), fc.shuffledSubarray(tiers, { minLength: tiers.length, maxLength: tiers.length })),
      );
    const moved = fc.array(
      fc.record({ asset: fc.constantFrom('USD', 'CNY'), amount: fc.bigInt({ min: 1n, max: 20_000n }) }),
      { maxLength: 2 },
    );
    fc.assert(
      fc.property(tiersAndShuffle, moved, ([tiers, shuffled], amounts) => {
        const base = { signatories: [{ signatory: A, weight: 5 }], threshold: 1 };
        const expected = requirementFor(policy({ ...base, tiers }), amounts);
        assert.deepEqual(requirementFor(policy({ ...base, tiers: shuffled }), amounts), expected);
        assert.deepEqual(requirementFor(policy({ ...base, tiers: [...tiers].reverse() }), amounts), expected);
      }),
      { numRuns: 200 },
    );
  });

  it('picks the strictest applicable tier: the highest threshold, then the highest amount', () => {
    const p = policy({
      signatories: [A, B, C].map((s) => ({ signatory: s, weight: 1 })),
      threshold: 1,
      tiers: [
        { asset: 'USD', above: 100n, threshold: 3 },
        { asset: 'USD', above: 1000n, threshold: 2 },
        { asset: 'USD', above: 500n, threshold: 3, roles: [{ role: 'trader', min: 1 }] },
      ],
    });
    const req = requirementFor(p, [{ asset: 'USD', amount: 2000n }]);
    assert.equal(req.threshold, 3);
    assert.equal(req.tier?.above, 500n);
  });

  it('stillSatisfiable: whether the signatories not excluded can still reach the requirement', () => {
    const p = policy({ signatories: [A, B, C].map((s) => ({ signatory: s, weight: 1 })), threshold: 2 });
    const req = requirementFor(p, []);
    assert.equal(stillSatisfiable(p, req, new Set([A]), lookup), true);
    assert.equal(stillSatisfiable(p, req, new Set([A, B]), lookup), false);
    // Removed signatories cannot help either.
    const q = policy({ signatories: [A, B, D].map((s) => ({ signatory: s, weight: 1 })), threshold: 2 });
    assert.equal(stillSatisfiable(q, requirementFor(q, []), new Set([A]), lookup), false);
  });
});

// ── Policies on the ledger ──────────────────────────────────────────────────────────────────────────────────────

const TRADING = ACCOUNT.alphaTrading;
const one = (n: Parameters<typeof id>[0], weight = 1) => ({ signatory: id(n), weight });
const usd = (amount: bigint): OpInput => ({
  type: 'transfer',
  from: TRADING,
  to: ACCOUNT.betaTreasury,
  asset: ASSET.USD,
  amount,
});

describe('policies on the ledger', () => {
  it('role clauses: "1 trader AND 2 treasury" with a threshold of 3', () => {
    const h = new LedgerHarness();
    h.ok([usd(1n)], ['alice', 'bob', 'carol']);
    h.ok([usd(1n)], ['alice', 'bob', 'ivan']);
    // Weight 3 but one treasury approval.
    const out = h.fails(E.POLICY_NOT_SATISFIED, [usd(1n)], ['alice', 'carol', 'ivan']);
    assert.match(out.message!, /1 of 2 "treasury"/);
    // Both treasury approvals but no trader (and weight 2).
    h.fails(E.POLICY_NOT_SATISFIED, [usd(1n)], ['alice', 'bob']);
    // Roles held by signatories outside the policy do not count.
    h.fails(E.POLICY_NOT_SATISFIED, [usd(1n)], ['alice', 'carol', 'dave', 'grace']);
  });

  it('weights: a heavier signatory counts for more', () => {
    const h = new LedgerHarness();
    h.ok(
      [
        {
          type: 'account.create',
          account: 'alpha.weighted',
          owner: LEI.alpha,
          name: 'Weighted',
          policy: { signatories: [one('alice', 2), one('bob'), one('carol')], threshold: 3 },
        },
      ],
      ['alice', 'dave'],
    );
    h.ok(
      [{ type: 'transfer', from: ACCOUNT.alphaTreasury, to: 'alpha.weighted', asset: ASSET.CNY, amount: 10n }],
      ['alice', 'bob'],
    );
    const out: OpInput = {
      type: 'transfer',
      from: 'alpha.weighted',
      to: ACCOUNT.betaTreasury,
      asset: ASSET.CNY,
      amount: 1n,
    };
    h.fails(E.POLICY_NOT_SATISFIED, [out], ['bob', 'carol']);
    h.fails(E.POLICY_NOT_SATISFIED, [out], ['alice']);
    h.ok([out], ['alice', 'carol']);
    h.ok([out], ['alice', 'bob', 'carol']);
  });

  it('amount tiers: above the tier amount needs more approvals; at the amount the base rule applies', () => {
    const h = new LedgerHarness();
    h.ok([usd(TRADING_TIER_ABOVE)], ['alice', 'bob', 'carol']);
    const out = h.fails(E.POLICY_NOT_SATISFIED, [usd(TRADING_TIER_ABOVE + 1n)], ['alice', 'bob', 'carol']);
    assert.match(out.message!, /weight 3 of 4/);
    h.ok([usd(TRADING_TIER_ABOVE + 1n)], ['alice', 'bob', 'carol', 'ivan']);
  });

  it('the tier in effect is the same when the tiers are set in another order', () => {
    const tiers = [
      { asset: ASSET.USD, above: 1000n, threshold: 3 },
      { asset: ASSET.USD, above: 100_000n, threshold: 4 },
      { asset: ASSET.USD, above: 10_000n, threshold: 3, roles: [{ role: 'trader', min: 2 }] },
    ];
    const outcomes = (list: typeof tiers) => {
      const fork = new LedgerHarness();
      fork.ok(
        [{ type: 'policy.set', account: TRADING, policy: { ...POLICY.alphaTrading, tiers: list } }],
        ['alice', 'dave'],
      );
      const codes: string[] = [];
      for (const amount of [500n, 5000n, 50_000n, 500_000n]) {
        for (const signers of [
          ['alice', 'bob', 'carol'],
          ['alice', 'carol', 'ivan'],
          ['alice', 'bob', 'carol', 'ivan'],
        ] as const) {
          codes.push(fork.run([usd(amount)], signers, { sign: false }).code);
        }
      }
      return codes;
    };
    const inOrder = outcomes(tiers);
    assert.deepEqual(outcomes([...tiers].reverse()), inOrder);
    assert.deepEqual(outcomes([tiers[2]!, tiers[0]!, tiers[1]!]), inOrder);
    // And the tiers did bite: not everything passed, not everything failed.
    assert.ok(inOrder.includes('OK') && inOrder.includes(E.POLICY_NOT_SATISFIED));
  });

  describe('BAD_POLICY: a policy that could never be satisfied is refused', () => {
    const create = (policyInput: PolicyInput): OpInput => ({
      type: 'account.create',
      account: 'alpha.new',
      owner: LEI.alpha,
      name: 'New account',
      policy: policyInput,
    });

    it('a threshold above the total weight', () => {
      const h = new LedgerHarness();
      h.fails(E.BAD_POLICY, [create({ signatories: [one('alice'), one('bob')], threshold: 3 })], ['alice', 'dave']);
      h.ok([create({ signatories: [one('alice', 2), one('bob')], threshold: 3 })], ['alice', 'dave']);
    });

    it('a role clause more signatories must meet than hold the role', () => {
      const h = new LedgerHarness();
      const roles = [{ role: 'treasury', min: 2 }];
      h.fails(
        E.BAD_POLICY,
        [create({ signatories: [one('alice'), one('carol')], threshold: 1, roles })],
        ['alice', 'dave'],
      );
      h.fails(
        E.BAD_POLICY,
        [create({ signatories: [one('alice'), one('bob')], threshold: 1, roles: [{ role: 'auditor', min: 1 }] })],
        ['alice', 'dave'],
      );
    });

    it('an unsatisfiable tier', () => {
      const h = new LedgerHarness();
      const tiers = [{ asset: ASSET.USD, above: 100n, threshold: 3 }];
      const out = h.fails(
        E.BAD_POLICY,
        [create({ signatories: [one('alice'), one('bob')], threshold: 1, tiers })],
        ['alice', 'dave'],
      );
      assert.match(out.message!, /tier above 100 of USD/);
      h.fails(
        E.BAD_POLICY,
        [
          create({
            signatories: [one('alice'), one('bob')],
            threshold: 1,
            tiers: [{ asset: ASSET.USD, above: 100n, threshold: 1, roles: [{ role: 'trader', min: 1 }] }],
          }),
        ],
        ['alice', 'dave'],
      );
    });

    it('a signatory listed twice', () => {
      const h = new LedgerHarness();
      h.fails(E.BAD_POLICY, [create({ signatories: [one('alice'), one('alice')], threshold: 1 })], ['alice', 'dave']);
    });

    it('a removed signatory (BAD_POLICY) or an unknown one (UNKNOWN_SIGNATORY)', () => {
      const h = new LedgerHarness();
      h.ok([{ type: 'signatory.remove', signatory: id('bob') }], ['alice', 'dave']);
      h.fails(E.BAD_POLICY, [create({ signatories: [one('alice'), one('bob')], threshold: 1 })], ['alice', 'dave']);
      h.fails(
        E.UNKNOWN_SIGNATORY,
        [create({ signatories: [one('alice'), one('outsider')], threshold: 1 })],
        ['alice', 'dave'],
      );
    });

    it('the same checks guard policy.set, for accounts and for governance', () => {
      const h = new LedgerHarness();
      const bad = { signatories: [one('alice'), one('bob')], threshold: 5 };
      h.fails(E.BAD_POLICY, [{ type: 'policy.set', account: ACCOUNT.alphaTreasury, policy: bad }], ['alice', 'dave']);
      h.fails(E.BAD_POLICY, [{ type: 'policy.set', policy: bad }], ['alice', 'dave']);
    });
  });
});
