import type { Bill, BillSerial } from '../../../../shared/domain/index.ts';
import { fail, LedgerErrorCode as E } from '../../ledger/errors.ts';
import type { LedgerState } from '../../ledger/ledger-state.ts';
import type { ContractRun } from '../run.ts';
import type { ContractTemplate } from '../template.ts';

function billOf(state: LedgerState, serial: string): Bill {
  const bill = state.bill(serial);
  if (!bill) fail(E.UNKNOWN_BILL, `term "bill": bill "${serial}" does not exist`);
  return bill;
}

/** Pays the bill's face value from the drawer to its holder of the moment and closes the bill, as bill.pay does. */
function payBill(run: ContractRun, bill: Bill): void {
  if (bill.holder !== bill.drawer) run.pay(bill.drawer, bill.holder, bill.currency, bill.faceValue, 'bill');
  run.ctx.state.putBill({ ...bill, status: 'paid' });
  run.ctx.events.push({
    type: 'bill.paid',
    serial: bill.serial,
    drawer: bill.drawer,
    holder: bill.holder,
    amount: bill.faceValue,
  });
}

/**
 * Bill maturity: the drawer's standing instruction to pay its bill at maturity. At the bill's maturity the face
 * value moves from the drawer to whoever holds the bill then, and the bill is paid. If the drawer cannot pay, the
 * bill is marked dishonoured (a `bill.dishonoured` event in the bill's chain and the contract's timeline) and the
 * contract ends `defaulted`. A bill already paid by bill.pay closes the contract as executed.
 */
export const billMaturityV1: ContractTemplate = {
  id: 'bill-maturity',
  version: 1,
  title: 'Bill payment at maturity',
  description:
    "Pays a digital bill from the drawer's account to its holder at maturity; records the bill as dishonoured if " +
    'the drawer cannot pay.',
  roles: [{ name: 'drawer', required: true, description: "the bill's drawer, whose account pays" }],
  terms: [{ name: 'bill', kind: 'bill', required: true, description: 'the serial of the bill to pay' }],
  terminableWhenActive: false,

  attestations() {
    return [];
  },

  check(c) {
    const bill = billOf(c.state, c.terms.text('bill'));
    if (bill.drawer !== c.party('drawer')) {
      fail(E.BAD_TERMS, `bill "${bill.serial}" is drawn by "${bill.drawer}", not by "${c.party('drawer')}"`);
    }
    if (bill.status !== 'outstanding') fail(E.BILL_NOT_OUTSTANDING, `bill "${bill.serial}" is ${bill.status}`);
    if (bill.maturity <= c.time) fail(E.BILL_MATURED, `bill "${bill.serial}" has already matured`);
  },

  exposure(state, terms) {
    const bill = state.bill(terms.text('bill') as BillSerial);
    return bill ? [{ asset: bill.currency, amount: bill.faceValue }] : [];
  },

  activate(run) {
    run.schedule(billOf(run.ctx.state, run.terms.text('bill')).maturity);
  },

  onAttested() {},

  onTime(run) {
    const bill = billOf(run.ctx.state, run.terms.text('bill'));
    if (bill.status === 'paid') {
      run.finish('executed', { code: 'PAID', message: 'the bill was paid by bill.pay' });
      return;
    }
    if (bill.status !== 'outstanding') {
      run.finish('defaulted', { code: E.BILL_NOT_OUTSTANDING, message: `bill "${bill.serial}" is ${bill.status}` });
      return;
    }
    const failed = run.atomically(() => payBill(run, bill));
    if (!failed) {
      run.finish('executed', { code: 'PAID', message: `bill ${bill.serial} paid at maturity` });
      return;
    }
    run.ctx.state.putBill({ ...bill, status: 'dishonoured' });
    run.ctx.events.push({
      type: 'bill.dishonoured',
      serial: bill.serial,
      drawer: bill.drawer,
      holder: bill.holder,
      amount: bill.faceValue,
      contract: run.id,
    });
    run.finish('defaulted', { code: failed.code, message: `bill ${bill.serial} dishonoured: ${failed.message}` });
  },

  onTerminate() {},
};
