import type { AccountId, AssetId } from '../../../../shared/domain/index.ts';
import { decodeCanonical } from '../../../../shared/encoding/index.ts';
import { fail, LedgerErrorCode as E } from '../../ledger/errors.ts';
import { StatePrefix } from '../../ledger/keys.ts';
import type { LedgerState } from '../../ledger/ledger-state.ts';
import { splitProRata } from '../pro-rata.ts';
import type { ContractRun } from '../run.ts';
import type { ContractTemplate } from '../template.ts';
import { assetTerm, futureTime } from './checks.ts';

/**
 * The holders of a bond at this point of the block: every account with a positive balance of it except the
 * issuer's own account and contract holdings (pseudo-accounts starting with "@"), in account id order.
 * Balance keys are `balance/<account>/<asset>`, so this reads every balance: a coupon date is rare, and this keeps
 * the state free of a second index that every transfer would have to maintain.
 */
function holdersOf(state: LedgerState, bond: string, issuer: string): { account: AccountId; units: bigint }[] {
  const holders: { account: AccountId; units: bigint }[] = [];
  for (const [key, value] of state.overlay.scan(StatePrefix.balance)) {
    const slash = key.lastIndexOf('/');
    if (key.slice(slash + 1) !== bond) continue;
    const account = key.slice(StatePrefix.balance.length, slash);
    if (account === issuer || account.startsWith('@')) continue;
    holders.push({ account: account as AccountId, units: BigInt(decodeCanonical(value) as number | bigint) });
  }
  return holders;
}

/** Pays `total` of `cash` from the issuer to the bond's holders pro rata (see pro-rata.ts for the rounding). */
function payHolders(run: ContractRun, total: bigint, purpose: string): void {
  const issuer = run.account('issuer');
  const holders = holdersOf(run.ctx.state, run.terms.text('bond'), issuer);
  const shares = splitProRata(
    total,
    holders.map((h) => h.units),
  );
  holders.forEach((h, i) => {
    const share = shares[i]!;
    if (share > 0n) run.pay(issuer, h.account, run.terms.text('cash') as AssetId, share, purpose);
  });
}

/**
 * A bond's coupon schedule: at each coupon date the issuer pays `coupon` (the total for the period) to the holders
 * of that moment, pro rata to their units; with the last coupon it pays `principal` the same way. A date whose
 * payment the issuer cannot fund in full pays nothing and the contract ends `defaulted` (a coupon default).
 */
export const bondCouponV1: ContractTemplate = {
  id: 'bond-coupon',
  version: 1,
  title: 'Bond coupon schedule',
  description:
    "The issuer pays each coupon to the bond's holders pro rata at its date, and the principal with the last one; " +
    'a payment the issuer cannot fund in full is a default.',
  roles: [{ name: 'issuer', required: true, description: "the bond's issuer account, which pays" }],
  terms: [
    { name: 'bond', kind: 'asset', required: true, description: 'the bond (a security issued by the issuer)' },
    { name: 'cash', kind: 'asset', required: true, description: 'the currency of the payments' },
    { name: 'coupon', kind: 'amount', asset: 'cash', required: true, description: 'total paid at each coupon date' },
    { name: 'firstCouponAt', kind: 'time', required: true, description: 'the first coupon date' },
    { name: 'interval', kind: 'duration', required: true, description: 'time between coupon dates' },
    { name: 'coupons', kind: 'count', required: true, description: 'number of coupons; the last date is maturity' },
    {
      name: 'principal',
      kind: 'amount',
      asset: 'cash',
      required: false,
      description: 'total principal paid with the last coupon',
    },
  ],
  terminableWhenActive: false,

  attestations() {
    return [];
  },

  check(c) {
    const bond = assetTerm(c, 'bond', 'security');
    assetTerm(c, 'cash', 'currency');
    if (bond.issuer !== c.party('issuer')) {
      fail(
        E.NOT_ISSUER,
        `bond "${bond.id}" is issued by "${bond.issuer}", not by the issuer party "${c.party('issuer')}"`,
      );
    }
    futureTime(c, 'firstCouponAt');
  },

  exposure(_state, terms, role) {
    if (role !== 'issuer') return [];
    const total = terms.int('coupon') * terms.int('coupons') + (terms.optionalInt('principal') ?? 0n);
    return [{ asset: terms.text('cash'), amount: total }];
  },

  activate(run) {
    run.setProgress('paid', 0n);
    run.schedule(run.terms.int('firstCouponAt'));
  },

  onAttested() {},

  onTime(run) {
    const t = run.terms;
    const count = t.int('coupons');
    const n = (run.progress('paid') as bigint) + 1n;
    const last = n === count;
    const failed = run.atomically(() => {
      payHolders(run, t.int('coupon'), `coupon-${n}`);
      if (last && t.has('principal')) payHolders(run, t.int('principal'), 'principal');
    });
    if (failed) {
      run.finish('defaulted', {
        code: failed.code,
        message: `coupon ${n} of ${count} was not paid: ${failed.message}`,
      });
      return;
    }
    run.setProgress('paid', n);
    if (last) run.finish('executed', { code: 'MATURED', message: `${count} coupons paid` });
    else run.schedule(t.int('firstCouponAt') + n * t.int('interval'));
  },

  onTerminate() {},
};
