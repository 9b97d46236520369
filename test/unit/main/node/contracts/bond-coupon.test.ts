import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { ACCOUNT, ASSET, DAY } from '../../../../helpers/ledger-harness.ts';
import { ContractHarness, createOp, draftAndSign, steps } from './contract-harness.ts';

// The bond HSBC-PERP-2018 is issued by beta.treasury, which holds all 5,000 units at genesis.
const { alphaTreasury: ALPHA, betaTreasury: ISSUER, gammaIssuer: GAMMA, gammaOps: OPS } = ACCOUNT;

/** The issuer places units with three holders: 1000, 700 and 300 (it keeps 3000, which earn it nothing). */
function placeBond(h: ContractHarness) {
  h.okOps(
    [
      { type: 'transfer', from: ISSUER, to: ALPHA, asset: ASSET.BOND, amount: 1000n },
      { type: 'transfer', from: ISSUER, to: GAMMA, asset: ASSET.BOND, amount: 700n },
      { type: 'transfer', from: ISSUER, to: OPS, asset: ASSET.BOND, amount: 300n },
    ],
    ['dave', 'erin'],
  );
}

function schedule(h: ContractHarness, id: string, terms: Record<string, bigint>) {
  draftAndSign(
    h,
    id,
    'bond-coupon',
    { issuer: ISSUER },
    { bond: ASSET.BOND, cash: ASSET.CNY, interval: DAY, ...terms },
  );
}

const paid = (h: ContractHarness, id: string) =>
  h
    .timeline(id)
    .filter((s) => s.event.type === 'contract.paid')
    .map((s) => {
      const e = s.event as Extract<typeof s.event, { type: 'contract.paid' }>;
      return [e.purpose, e.to, e.amount];
    });

describe('bond coupon template', () => {
  it('pays each coupon pro rata to the holders of the day, largest remainder first, issuer excluded', () => {
    const h = new ContractHarness();
    placeBond(h);
    const first = h.time + DAY;
    const cash = [ALPHA, GAMMA, OPS, ISSUER].map((a) => h.balance(a, ASSET.CNY));
    schedule(h, 'hsbc', { coupon: 1_000_01n, firstCouponAt: first, coupons: 2n });
    h.tick(first);
    // 100001 × 1000/2000 = 50000.5, × 700/2000 = 35000.35, × 300/2000 = 15000.15: floors sum to 100000, and the one
    // unit left goes to the largest remainder (alpha.treasury).
    assert.deepEqual(paid(h, 'hsbc'), [
      ['coupon-1', ALPHA, 50_001n],
      ['coupon-1', GAMMA, 35_000n],
      ['coupon-1', OPS, 15_000n],
    ]);
    assert.deepEqual(
      [ALPHA, GAMMA, OPS, ISSUER].map((a, i) => h.balance(a, ASSET.CNY) - cash[i]!),
      [50_001n, 35_000n, 15_000n, -1_000_01n],
    );
    assert.equal(h.contract('hsbc')!.status, 'active');
    assert.equal(h.contract('hsbc')!.nextAt, first + DAY);
    assert.equal(h.contract('hsbc')!.progress['paid'], 1n);

    // Holdings change between dates: the second coupon follows them.
    h.okOps([{ type: 'transfer', from: GAMMA, to: OPS, asset: ASSET.BOND, amount: 700n }], ['frank']);
    h.tick(first + DAY);
    assert.deepEqual(paid(h, 'hsbc').slice(3), [
      ['coupon-2', ALPHA, 50_001n],
      ['coupon-2', OPS, 50_000n],
    ]);
    assert.equal(h.contract('hsbc')!.status, 'executed');
    assert.equal(h.contract('hsbc')!.closed?.code, 'MATURED');
    h.assertConservation();
    h.assertTimerIndex();
  });

  it('catches up every date that fell due since the last block, then pays the principal with the last coupon', () => {
    const h = new ContractHarness();
    placeBond(h);
    const first = h.time + DAY;
    schedule(h, 'late', { coupon: 2_000n, firstCouponAt: first, coupons: 3n, principal: 20_000_00n });
    assert.equal(h.due(first - 1n), false);
    const out = h.tick(first + 2n * DAY + 7n);
    assert.deepEqual(
      paid(h, 'late').map(([purpose]) => purpose),
      [
        'coupon-1',
        'coupon-1',
        'coupon-1',
        'coupon-2',
        'coupon-2',
        'coupon-2',
        'coupon-3',
        'coupon-3',
        'coupon-3',
        'principal',
        'principal',
        'principal',
      ],
    );
    assert.deepEqual(
      paid(h, 'late')
        .filter(([purpose]) => purpose === 'principal')
        .map(([, to, amount]) => [to, amount]),
      [
        [ALPHA, 10_000_00n],
        [GAMMA, 7_000_00n],
        [OPS, 3_000_00n],
      ],
    );
    assert.equal(out.blockEvents.at(-1)?.type, 'contract.executed');
    assert.equal(h.contract('late')!.progress['paid'], 3n);
    h.assertConservation();
  });

  it('ties in the remainders go to holders in account order', () => {
    const h = new ContractHarness();
    h.okOps(
      [ALPHA, GAMMA, OPS].map((to) => ({
        type: 'transfer' as const,
        from: ISSUER,
        to,
        asset: ASSET.BOND,
        amount: 100n,
      })),
      ['dave', 'erin'],
    );
    schedule(h, 'ties', { coupon: 2n, firstCouponAt: h.time + DAY, coupons: 1n });
    h.tick(h.time + DAY);
    assert.deepEqual(paid(h, 'ties'), [
      ['coupon-1', ALPHA, 1n],
      ['coupon-1', GAMMA, 1n],
    ]);
  });

  it('a coupon the issuer cannot fund in full pays nobody and the schedule defaults', () => {
    const h = new ContractHarness();
    placeBond(h);
    const first = h.time + DAY;
    schedule(h, 'bust', { coupon: h.balance(ISSUER, ASSET.CNY) + 1n, firstCouponAt: first, coupons: 4n });
    const before = [ALPHA, GAMMA, OPS, ISSUER].map((a) => h.balance(a, ASSET.CNY));
    h.tick(first);
    assert.deepEqual(
      [ALPHA, GAMMA, OPS, ISSUER].map((a) => h.balance(a, ASSET.CNY)),
      before,
    );
    const c = h.contract('bust')!;
    assert.equal(c.status, 'defaulted');
    assert.equal(c.closed?.code, E.INSUFFICIENT_FUNDS);
    assert.match(c.closed!.message!, /coupon 1 of 4/);
    assert.deepEqual(steps(h, 'bust').slice(-1), ['block:contract.defaulted']);
    assert.equal(h.due(first + 10n * DAY), false, 'a defaulted schedule has no further dates');
  });

  it("only the bond's issuer can run its schedule", () => {
    const h = new ContractHarness();
    const terms = {
      bond: ASSET.BOND,
      cash: ASSET.CNY,
      coupon: 1n,
      firstCouponAt: h.time + DAY,
      interval: DAY,
      coupons: 1n,
    };
    const out = h.fails(E.NOT_ISSUER, [createOp('x', 'bond-coupon', { issuer: ALPHA }, terms)], ['alice', 'bob']);
    assert.match(out.message!, /issued by "beta\.treasury"/);
    h.fails(
      E.BAD_TERMS,
      [createOp('x', 'bond-coupon', { issuer: ISSUER }, { ...terms, coupons: 0n })],
      ['dave', 'erin'],
    );
  });
});
