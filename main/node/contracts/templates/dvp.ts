import type { AssetId } from '../../../../shared/domain/index.ts';
import type { ContractTemplate } from '../template.ts';
import { assetTerm, futureTime } from './checks.ts';

/**
 * Delivery versus payment (DvP model 1, gross): at `settleAt` the securities move from the seller to the buyer and
 * the cash from the buyer to the seller in one atomic step. If either leg cannot settle (the seller lacks the
 * securities or the buyer the cash), neither moves and the contract ends `defaulted` with the failing leg's code.
 * Nothing is locked in advance: the parties keep the use of their assets until the settlement time.
 */
export const dvpV1: ContractTemplate = {
  id: 'dvp',
  version: 1,
  title: 'DvP trade',
  description:
    'Securities against cash, both legs at settleAt or neither: if a leg cannot settle, nothing moves and the trade ' +
    'is recorded as defaulted.',
  roles: [
    { name: 'seller', required: true, description: 'delivers the securities, receives the cash' },
    { name: 'buyer', required: true, description: 'pays the cash, receives the securities' },
  ],
  terms: [
    { name: 'security', kind: 'asset', required: true, description: 'the security delivered' },
    { name: 'quantity', kind: 'amount', asset: 'security', required: true, description: 'units delivered' },
    { name: 'cash', kind: 'asset', required: true, description: 'the currency paid' },
    { name: 'price', kind: 'amount', asset: 'cash', required: true, description: 'the total cash paid' },
    { name: 'settleAt', kind: 'time', required: true, description: 'when both legs settle' },
  ],
  terminableWhenActive: true,

  attestations() {
    return [];
  },

  check(c) {
    assetTerm(c, 'security', 'security');
    assetTerm(c, 'cash', 'currency');
    futureTime(c, 'settleAt');
  },

  exposure(_state, terms, role) {
    if (role === 'seller') return [{ asset: terms.text('security'), amount: terms.int('quantity') }];
    if (role === 'buyer') return [{ asset: terms.text('cash'), amount: terms.int('price') }];
    return [];
  },

  activate(run) {
    run.schedule(run.terms.int('settleAt'));
  },

  onAttested() {},

  onTime(run) {
    const seller = run.account('seller');
    const buyer = run.account('buyer');
    const t = run.terms;
    const failed = run.atomically(() => {
      run.pay(seller, buyer, t.text('security') as AssetId, t.int('quantity'), 'delivery');
      run.pay(buyer, seller, t.text('cash') as AssetId, t.int('price'), 'payment');
    });
    if (failed) {
      run.finish('defaulted', { code: failed.code, message: `the trade could not settle: ${failed.message}` });
      return;
    }
    run.finish('executed', { code: 'SETTLED', message: 'both legs settled' });
  },

  onTerminate() {},
};
