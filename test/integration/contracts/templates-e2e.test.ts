import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ContractTemplateJson } from '../../../shared/api/index.ts';
import { assertTimeline, ContractsDevnet } from './devnet-fixture.ts';

/**
 * Every built-in template end to end through the API of a running devnet: drafted, co-signed by each party under
 * its own 2-of-3 policy (one party through a proposal and its approval), activated, executed by the ledger itself
 * on block time or on an attestation, and the expiry / refund / default path; each contract's timeline (contract.get)
 * returns every step with its block and transaction.
 */

const { officers } = ContractsDevnet;
const HOUR = 3_600_000n;
const DAY = 24n * HOUR;

const create = (id: string, template: string, parties: Record<string, string>, terms: Record<string, unknown>) => ({
  type: 'contract.create',
  contract: id,
  template,
  version: 1,
  parties: Object.entries(parties).map(([role, account]) => ({ role, account })),
  terms,
});
const sign = (contract: string, party: string) => ({ type: 'contract.sign', contract, party });
const attest = (contract: string, party: string, fact: string) => ({ type: 'contract.attest', contract, party, fact });

describe('contract templates end to end on a devnet, through the API', () => {
  const dev = new ContractsDevnet();
  before(() => dev.start());
  after(() => dev.stop());

  it('lists the template registry with roles and terms', async () => {
    const templates = (await dev.client.call('contract.templates', {})) as ContractTemplateJson[];
    assert.deepEqual(
      templates.map((t) => `${t.id}@${t.version}`),
      ['bill-maturity@1', 'bond-coupon@1', 'dvp@1', 'escrow@1', 'parametric-insurance@1'],
    );
    const escrow = templates.find((t) => t.id === 'escrow')!;
    assert.deepEqual(
      escrow.roles.map((r) => [r.name, r.required]),
      [
        ['payer', true],
        ['payee', true],
        ['agent', false],
      ],
    );
    assert.deepEqual(
      escrow.terms.find((t) => t.name === 'amount'),
      {
        name: 'amount',
        kind: 'amount',
        asset: 'asset',
        required: true,
        description: 'the amount held in escrow',
      },
    );
  });

  describe('escrow', () => {
    it('co-signed (the payer through a proposal), locked on activation, released on the agent attestation', async () => {
      const amount = 12_500_00n;
      const [payer0, payee0] = [await dev.balance('jhcb.treasury', 'CNY'), await dev.balance('hbsec.treasury', 'CNY')];
      const parties = { payer: 'jhcb.treasury', payee: 'hbsec.treasury', agent: 'lotus.treasury' };
      await dev.submit(
        [
          create('e2e-escrow', 'escrow', parties, {
            asset: 'CNY',
            amount,
            condition: 'bl-received',
            expiresAt: dev.now() + HOUR,
          }),
        ],
        officers('jhcb'),
      );
      assert.deepEqual((await dev.contract('e2e-escrow')).unsigned, ['payer', 'payee', 'agent']);
      const viaProposal = await dev.proposeAndApprove(
        sign('e2e-escrow', 'payer'),
        'jhcb.treasury',
        'jhcb-treasury-1',
        'jhcb-operations-1',
      );
      await dev.submit([sign('e2e-escrow', 'payee')], officers('hbsec'));
      assert.equal((await dev.contract('e2e-escrow')).contract.status, 'drafted');
      await dev.submit([sign('e2e-escrow', 'agent')], officers('lotus'));
      const active = await dev.contract('e2e-escrow');
      assert.equal(active.contract.status, 'active');
      assert.deepEqual(active.holdings, [{ asset: 'CNY', amount: amount.toString() }]);
      assert.equal(await dev.balance('jhcb.treasury', 'CNY'), payer0 - amount);
      // The payer's signature is in the block of the approval that satisfied jhcb.treasury's 2-of-3 policy.
      assert.equal(active.contract.signatures[0]!.txId, viaProposal.tx);

      const refused = await dev.trySubmit([attest('e2e-escrow', 'agent', 'shipped')], officers('lotus'));
      assert.equal(refused.code, 'UNKNOWN_FACT');
      const attested = await dev.submit([attest('e2e-escrow', 'agent', 'bl-received')], officers('lotus'));
      const done = await dev.waitFor('e2e-escrow', 'executed');
      assert.equal(done.contract.closed!.height, attested.height, 'released at the end of the attestation block');
      assert.deepEqual(done.holdings, []);
      assert.equal(await dev.balance('hbsec.treasury', 'CNY'), payee0 + amount);
      assertTimeline(done, [
        'tx:contract.created',
        'tx:contract.signed',
        'tx:contract.signed',
        'tx:contract.signed',
        'tx:contract.activated',
        'tx:contract.locked',
        'tx:contract.attested',
        'block:contract.released',
        'block:contract.executed',
      ]);
      assert.equal(done.timeline[1]!.txId, viaProposal.tx);
    });

    it('refunds the payer at expiry when the condition is never attested', async () => {
      const amount = 3_000_00n;
      const payer0 = await dev.balance('jhcb.treasury', 'CNY');
      const expiresAt = dev.now() + 2n * DAY;
      await dev.submit(
        [
          create(
            'e2e-escrow-refund',
            'escrow',
            { payer: 'jhcb.treasury', payee: 'hbsec.treasury' },
            { asset: 'CNY', amount, expiresAt },
          ),
        ],
        officers('jhcb'),
      );
      await dev.submit([sign('e2e-escrow-refund', 'payer')], officers('jhcb'));
      await dev.submit([sign('e2e-escrow-refund', 'payee')], officers('hbsec'));
      assert.equal(await dev.balance('jhcb.treasury', 'CNY'), payer0 - amount);
      dev.advance(2n * DAY);
      const done = await dev.waitFor('e2e-escrow-refund', 'expired');
      assert.ok(BigInt(done.timeline.at(-1)!.time) >= expiresAt, 'refunded on block time, at or after expiresAt');
      assert.equal(await dev.balance('jhcb.treasury', 'CNY'), payer0);
      assertTimeline(done, [
        'tx:contract.created',
        'tx:contract.signed',
        'tx:contract.signed',
        'tx:contract.activated',
        'tx:contract.locked',
        'block:contract.released',
        'block:contract.expired',
      ]);
      assert.equal((done.timeline[5]!.event as { reason: string }).reason, 'refund');
    });
  });

  describe('DvP trade', () => {
    it('delivers the securities against the cash at the settlement time', async () => {
      const [bond0, cash0] = [
        await dev.balance('jhcb.treasury', 'HB-BOND-2030'),
        await dev.balance('hbsec.treasury', 'CNY'),
      ];
      await dev.submit(
        [
          create(
            'e2e-dvp',
            'dvp',
            { seller: 'hbsec.treasury', buyer: 'jhcb.treasury' },
            {
              security: 'HB-BOND-2030',
              quantity: 2_000n,
              cash: 'CNY',
              price: 200_400_00n,
              settleAt: dev.now() + DAY,
            },
          ),
        ],
        officers('hbsec'),
      );
      await dev.submit([sign('e2e-dvp', 'seller')], officers('hbsec'));
      await dev.proposeAndApprove(sign('e2e-dvp', 'buyer'), 'jhcb.treasury', 'jhcb-treasury-2', 'jhcb-treasury-1');
      assert.equal(await dev.balance('jhcb.treasury', 'HB-BOND-2030'), bond0, 'nothing moves before settleAt');
      dev.advance(DAY);
      const done = await dev.waitFor('e2e-dvp', 'executed');
      assert.equal(await dev.balance('jhcb.treasury', 'HB-BOND-2030'), bond0 + 2_000n);
      assert.equal(await dev.balance('hbsec.treasury', 'CNY'), cash0 + 200_400_00n);
      assertTimeline(done, [
        'tx:contract.created',
        'tx:contract.signed',
        'tx:contract.signed',
        'tx:contract.activated',
        'block:contract.paid',
        'block:contract.paid',
        'block:contract.executed',
      ]);
    });

    it('moves neither leg when the buyer cannot pay, and records the default', async () => {
      const tooMuch = (await dev.balance('lotus.treasury', 'CNY')) + 1n;
      const before = [await dev.balance('hbsec.treasury', 'HB-BOND-2030'), await dev.balance('lotus.treasury', 'CNY')];
      await dev.submit(
        [
          create(
            'e2e-dvp-fail',
            'dvp',
            { seller: 'hbsec.treasury', buyer: 'lotus.treasury' },
            { security: 'HB-BOND-2030', quantity: 1n, cash: 'CNY', price: tooMuch, settleAt: dev.now() + DAY },
          ),
        ],
        officers('hbsec'),
      );
      await dev.submit([sign('e2e-dvp-fail', 'seller')], officers('hbsec'));
      await dev.submit([sign('e2e-dvp-fail', 'buyer')], officers('lotus'));
      dev.advance(DAY);
      const done = await dev.waitFor('e2e-dvp-fail', 'defaulted');
      assert.equal(done.contract.closed!.code, 'INSUFFICIENT_FUNDS');
      assert.deepEqual(
        [await dev.balance('hbsec.treasury', 'HB-BOND-2030'), await dev.balance('lotus.treasury', 'CNY')],
        before,
      );
      assertTimeline(done, [
        'tx:contract.created',
        'tx:contract.signed',
        'tx:contract.signed',
        'tx:contract.activated',
        'block:contract.defaulted',
      ]);
    });
  });

  describe('bond coupon schedule', () => {
    it("pays each coupon to the bond's holders pro rata, and the principal at maturity", async () => {
      // The issuer account needs cash: the treasury funds it. Holders: whoever holds HB-BOND-2030 except the issuer.
      await dev.submit(
        [{ type: 'transfer', from: 'hbsec.treasury', to: 'hbsec.issuance', asset: 'CNY', amount: 20_000_00n }],
        officers('hbsec'),
      );
      const holders = ['hbsec.treasury', 'jhcb.treasury'];
      const units = await Promise.all(holders.map((a) => dev.balance(a, 'HB-BOND-2030')));
      assert.equal(units[0]! + units[1]!, 10_000n, 'the 10,000 units are all with the two treasuries');
      const cash0 = await Promise.all(holders.map((a) => dev.balance(a, 'CNY')));
      // 1,000.00 per coupon and 5,000.00 principal over 10,000 units: 10 and 50 minor units per unit, no rounding.
      await dev.submit(
        [
          create(
            'e2e-coupons',
            'bond-coupon',
            { issuer: 'hbsec.issuance' },
            {
              bond: 'HB-BOND-2030',
              cash: 'CNY',
              coupon: 1_000_00n,
              firstCouponAt: dev.now() + DAY,
              interval: 30n * DAY,
              coupons: 2n,
              principal: 5_000_00n,
            },
          ),
        ],
        officers('hbsec'),
      );
      await dev.proposeAndApprove(
        sign('e2e-coupons', 'issuer'),
        'hbsec.issuance',
        'hbsec-treasury-1',
        'hbsec-operations-1',
      );
      assert.equal((await dev.contract('e2e-coupons')).contract.status, 'active');
      dev.advance(DAY);
      const first = await dev.waitUntil('e2e-coupons', (d) => d.contract.progress['paid'] === '1', 'paid coupon 1');
      assert.equal(first.contract.status, 'active');
      const cashMid = await Promise.all(holders.map((a) => dev.balance(a, 'CNY')));
      holders.forEach((_, i) => assert.equal(cashMid[i]! - cash0[i]!, units[i]! * 10n));
      dev.advance(30n * DAY);
      const done = await dev.waitFor('e2e-coupons', 'executed');
      const cash1 = await Promise.all(holders.map((a) => dev.balance(a, 'CNY')));
      holders.forEach((_, i) => assert.equal(cash1[i]! - cash0[i]!, units[i]! * (10n + 10n + 50n)));
      assert.equal(await dev.balance('hbsec.issuance', 'CNY'), 20_000_00n - 2n * 1_000_00n - 5_000_00n);
      const payments = done.timeline
        .filter((e) => (e.event as { type: string }).type === 'contract.paid')
        .map((e) => (e.event as { purpose: string }).purpose);
      assert.deepEqual(payments, ['coupon-1', 'coupon-1', 'coupon-2', 'coupon-2', 'principal', 'principal']);
      const heightOf = (purpose: string) =>
        done.timeline.find((e) => (e.event as { purpose?: string }).purpose === purpose)!.height;
      assert.ok(heightOf('coupon-2') > heightOf('coupon-1'), 'each coupon in a block of its own date');
      assert.deepEqual(done.contract.progress, { paid: '2' });
      assertTimeline(done, [
        'tx:contract.created',
        'tx:contract.signed',
        'tx:contract.activated',
        ...payments.map(() => 'block:contract.paid'),
        'block:contract.executed',
      ]);
    });

    it('defaults on a coupon the issuer cannot fund, paying nobody', async () => {
      const available = await dev.balance('hbsec.issuance', 'CNY');
      const cash0 = await dev.balance('jhcb.treasury', 'CNY');
      await dev.submit(
        [
          create(
            'e2e-coupons-default',
            'bond-coupon',
            { issuer: 'hbsec.issuance' },
            {
              bond: 'HB-BOND-2030',
              cash: 'CNY',
              coupon: available + 1n,
              firstCouponAt: dev.now() + DAY,
              interval: DAY,
              coupons: 3n,
            },
          ),
        ],
        officers('hbsec'),
      );
      await dev.submit([sign('e2e-coupons-default', 'issuer')], officers('hbsec'));
      dev.advance(DAY);
      const done = await dev.waitFor('e2e-coupons-default', 'defaulted');
      assert.match(done.contract.closed!.message!, /coupon 1 of 3/);
      assert.equal(await dev.balance('hbsec.issuance', 'CNY'), available);
      assert.equal(await dev.balance('jhcb.treasury', 'CNY'), cash0);
      assertTimeline(done, [
        'tx:contract.created',
        'tx:contract.signed',
        'tx:contract.activated',
        'block:contract.defaulted',
      ]);
    });
  });

  describe('bill maturity', () => {
    const bill = (serial: string, drawer: string, maturity: bigint) => ({
      type: 'bill.issue',
      serial,
      drawer,
      payee: 'jhcb.treasury',
      currency: 'CNY',
      faceValue: 50_000_00n,
      maturity,
    });

    it('pays the holder of the day at maturity', async () => {
      await dev.submit(
        [
          bill('E2E-BILL-1', 'lotus.treasury', dev.now() + 30n * DAY),
          create('e2e-bill', 'bill-maturity', { drawer: 'lotus.treasury' }, { bill: 'E2E-BILL-1' }),
        ],
        officers('lotus'),
      );
      await dev.submit([sign('e2e-bill', 'drawer')], officers('lotus'));
      // The payee sells the bill on before maturity: the contract pays whoever holds it then.
      await dev.submit(
        [{ type: 'bill.endorse', serial: 'E2E-BILL-1', from: 'jhcb.treasury', to: 'hbsec.treasury' }],
        officers('jhcb'),
      );
      const holder0 = await dev.balance('hbsec.treasury', 'CNY');
      dev.advance(30n * DAY);
      const done = await dev.waitFor('e2e-bill', 'executed');
      assert.equal(await dev.balance('hbsec.treasury', 'CNY'), holder0 + 50_000_00n);
      const shown = (await dev.client.call('bill.get', { serial: 'E2E-BILL-1' })) as {
        bill: { status: string };
        chain: { event: { type: string } }[];
      };
      assert.equal(shown.bill.status, 'paid');
      assert.deepEqual(
        shown.chain.map((c) => c.event.type),
        ['bill.issued', 'bill.endorsed', 'bill.paid'],
      );
      assertTimeline(done, [
        'tx:contract.created',
        'tx:contract.signed',
        'tx:contract.activated',
        'block:contract.paid',
        'block:contract.executed',
      ]);
    });

    it('records the dishonour when the drawer cannot pay', async () => {
      // lotus.issuance holds no cash.
      assert.equal(await dev.balance('lotus.issuance', 'CNY'), 0n);
      await dev.submit(
        [
          bill('E2E-BILL-2', 'lotus.issuance', dev.now() + 30n * DAY),
          create('e2e-bill-2', 'bill-maturity', { drawer: 'lotus.issuance' }, { bill: 'E2E-BILL-2' }),
        ],
        officers('lotus'),
      );
      await dev.submit([sign('e2e-bill-2', 'drawer')], officers('lotus'));
      dev.advance(30n * DAY);
      const done = await dev.waitFor('e2e-bill-2', 'defaulted');
      const shown = (await dev.client.call('bill.get', { serial: 'E2E-BILL-2' })) as {
        bill: { status: string };
        chain: { txId: string; event: { type: string } }[];
      };
      assert.equal(shown.bill.status, 'dishonoured');
      assert.deepEqual(
        shown.chain.map((c) => [c.event.type, c.txId === '' ? 'block' : 'tx']),
        [
          ['bill.issued', 'tx'],
          ['bill.dishonoured', 'block'],
        ],
      );
      assertTimeline(done, [
        'tx:contract.created',
        'tx:contract.signed',
        'tx:contract.activated',
        'block:bill.dishonoured',
        'block:contract.defaulted',
      ]);
    });
  });

  describe('parametric insurance', () => {
    const parties = { insured: 'jhcb.treasury', insurer: 'hbsec.treasury', oracle: 'lotus.treasury' };
    const terms = (expiresAt: bigint) => ({
      asset: 'USD',
      premium: 2_500_00n,
      cover: 100_000_00n,
      event: 'typhoon-signal-8',
      expiresAt,
    });
    const signAll = async (id: string) => {
      await dev.submit([sign(id, 'insured')], officers('jhcb'));
      await dev.submit([sign(id, 'insurer')], officers('hbsec'));
      await dev.proposeAndApprove(sign(id, 'oracle'), 'lotus.treasury', 'lotus-treasury-1', 'lotus-treasury-2');
    };

    it('takes the premium, locks the cover, and pays out when the oracle attests the event', async () => {
      const insured0 = await dev.balance('jhcb.treasury', 'USD');
      await dev.submit(
        [create('e2e-cover', 'parametric-insurance', parties, terms(dev.now() + 90n * DAY))],
        officers('jhcb'),
      );
      await signAll('e2e-cover');
      assert.deepEqual((await dev.contract('e2e-cover')).holdings, [{ asset: 'USD', amount: '10000000' }]);
      await dev.submit([attest('e2e-cover', 'oracle', 'typhoon-signal-8')], officers('lotus'));
      const done = await dev.waitFor('e2e-cover', 'executed');
      assert.equal(await dev.balance('jhcb.treasury', 'USD'), insured0 - 2_500_00n + 100_000_00n);
      assertTimeline(done, [
        'tx:contract.created',
        'tx:contract.signed',
        'tx:contract.signed',
        'tx:contract.signed',
        'tx:contract.activated',
        'tx:contract.paid',
        'tx:contract.locked',
        'tx:contract.attested',
        'block:contract.released',
        'block:contract.executed',
      ]);
    });

    it('returns the cover to the insurer at expiry, keeping the premium', async () => {
      const insurer0 = await dev.balance('hbsec.treasury', 'USD');
      await dev.submit(
        [create('e2e-cover-2', 'parametric-insurance', parties, terms(dev.now() + 90n * DAY))],
        officers('jhcb'),
      );
      await signAll('e2e-cover-2');
      dev.advance(90n * DAY);
      const done = await dev.waitFor('e2e-cover-2', 'expired');
      assert.equal(await dev.balance('hbsec.treasury', 'USD'), insurer0 + 2_500_00n);
      assert.deepEqual(
        done.timeline.slice(-2).map((e) => [(e.event as { type: string }).type, e.txId]),
        [
          ['contract.released', ''],
          ['contract.expired', ''],
        ],
      );
    });
  });

  it('lists contracts by status and by party', async () => {
    const executed = (await dev.client.call('contract.list', { status: 'executed' })) as { id: string }[];
    assert.deepEqual(executed.map((c) => c.id).sort(), [
      'e2e-bill',
      'e2e-coupons',
      'e2e-cover',
      'e2e-dvp',
      'e2e-escrow',
    ]);
    const lotus = (await dev.client.call('contract.list', { party: 'lotus.issuance' })) as { id: string }[];
    assert.deepEqual(
      lotus.map((c) => c.id),
      ['e2e-bill-2'],
    );
    await assert.rejects(dev.client.call('contract.get', { id: 'nope' }), /contract "nope"/);
  });
});
