import type { Action, Bill } from '../../../../shared/domain/index.ts';
import type { ExecContext } from '../context.ts';
import { fail, LedgerErrorCode as E } from '../errors.ts';
import { requireAccount, requireAsset } from './assets.ts';
import { move, requirePositive } from './balances.ts';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

/**
 * Digital bills: unique on-ledger promises to pay. A bill has exactly one holder at a time; endorsing moves it, so
 * the same holder can never endorse (sell) it twice. Discounting is an endorsement against payment, atomic.
 */
export function issueBill(ctx: ExecContext, op: Of<'bill.issue'>): void {
  if (ctx.state.bill(op.serial)) fail(E.ALREADY_EXISTS, `bill "${op.serial}" already exists`);
  requirePositive(op.faceValue, 'faceValue');
  requireAccount(ctx, op.drawer);
  requireAccount(ctx, op.payee);
  if (op.drawer === op.payee) fail(E.SAME_ACCOUNT, 'drawer and payee must differ');
  const currency = requireAsset(ctx, op.currency);
  if (currency.kind !== 'currency') fail(E.CURRENCY_MISMATCH, `asset "${op.currency}" is not a currency`);
  if (op.maturity <= ctx.block.time) fail(E.EXPIRY_INVALID, 'maturity must be after the current block time');
  ctx.state.putBill({
    serial: op.serial,
    drawer: op.drawer,
    payee: op.payee,
    holder: op.payee,
    currency: op.currency,
    faceValue: op.faceValue,
    maturity: op.maturity,
    issued: { height: ctx.block.height, time: ctx.block.time },
    status: 'outstanding',
    endorsements: 0,
  });
  ctx.events.push({
    type: 'bill.issued',
    serial: op.serial,
    drawer: op.drawer,
    payee: op.payee,
    faceValue: op.faceValue,
  });
}

function transferable(ctx: ExecContext, serial: string, from: string, to: string): Bill {
  const bill = ctx.state.bill(serial);
  if (!bill) fail(E.UNKNOWN_BILL, `bill "${serial}" does not exist`);
  if (bill.status !== 'outstanding') fail(E.BILL_NOT_OUTSTANDING, `bill "${serial}" is ${bill.status}`);
  if (bill.holder !== from) fail(E.NOT_HOLDER, `bill "${serial}" is held by "${bill.holder}", not "${from}"`);
  if (ctx.block.time >= bill.maturity) fail(E.BILL_MATURED, `bill "${serial}" has matured and can only be paid`);
  if (from === to) fail(E.SAME_ACCOUNT, 'endorsement needs two different accounts');
  requireAccount(ctx, to);
  return bill;
}

export function endorseBill(ctx: ExecContext, op: Of<'bill.endorse'>): void {
  const bill = transferable(ctx, op.serial, op.from, op.to);
  ctx.state.putBill({ ...bill, holder: op.to, endorsements: bill.endorsements + 1 });
  ctx.events.push({ type: 'bill.endorsed', serial: op.serial, from: op.from, to: op.to });
}

export function discountBill(ctx: ExecContext, op: Of<'bill.discount'>): void {
  const bill = transferable(ctx, op.serial, op.from, op.to);
  requirePositive(op.price, 'price');
  if (op.price > bill.faceValue) fail(E.PRICE_ABOVE_FACE_VALUE, 'a discount price cannot exceed the face value');
  move(ctx, op.type, op.to, op.from, bill.currency, op.price);
  ctx.state.putBill({ ...bill, holder: op.to, endorsements: bill.endorsements + 1 });
  ctx.events.push({ type: 'bill.discounted', serial: op.serial, from: op.from, to: op.to, price: op.price });
}

export function payBill(ctx: ExecContext, op: Of<'bill.pay'>): void {
  const bill = ctx.state.bill(op.serial);
  if (!bill) fail(E.UNKNOWN_BILL, `bill "${op.serial}" does not exist`);
  if (bill.status !== 'outstanding') fail(E.BILL_NOT_OUTSTANDING, `bill "${op.serial}" is ${bill.status}`);
  if (ctx.block.time < bill.maturity) fail(E.BILL_NOT_MATURE, `bill "${op.serial}" matures at ${bill.maturity}`);
  move(ctx, op.type, bill.drawer, bill.holder, bill.currency, bill.faceValue);
  ctx.state.putBill({ ...bill, status: 'paid' });
  ctx.events.push({
    type: 'bill.paid',
    serial: op.serial,
    drawer: bill.drawer,
    holder: bill.holder,
    amount: bill.faceValue,
  });
}
