import type { Action } from '../../../../shared/domain/index.ts';
import { FinanceError, MAX_AMOUNT, parseCurrencyCode, parseIsin } from '../../../../shared/finance/index.ts';
import type { ExecContext } from '../context.ts';
import { fail, LedgerErrorCode as E } from '../errors.ts';
import { credit, debit, move, requirePositive } from './balances.ts';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

function requireAccount(ctx: ExecContext, id: string) {
  const account = ctx.state.account(id);
  if (!account) fail(E.UNKNOWN_ACCOUNT, `account "${id}" does not exist`);
  return account;
}

function requireAsset(ctx: ExecContext, id: string) {
  const asset = ctx.state.asset(id);
  if (!asset) fail(E.UNKNOWN_ASSET, `asset "${id}" does not exist`);
  return asset;
}

export function defineAsset(ctx: ExecContext, op: Of<'asset.define'>): void {
  if (ctx.state.asset(op.asset)) fail(E.ALREADY_EXISTS, `asset "${op.asset}" already exists`);
  requireAccount(ctx, op.issuer);
  try {
    if (op.kind === 'currency') parseCurrencyCode(op.code, 'code');
    if (op.kind === 'security') parseIsin(op.code, 'code');
  } catch (err) {
    if (err instanceof FinanceError) fail(E.BAD_IDENTIFIER, err.message);
    throw err;
  }
  ctx.state.putAsset({
    id: op.asset,
    kind: op.kind,
    code: op.code,
    name: op.name,
    decimals: op.decimals,
    issuer: op.issuer,
    supply: 0n,
  });
  ctx.events.push({ type: 'asset.defined', asset: op.asset, issuer: op.issuer });
}

export function issueAsset(ctx: ExecContext, op: Of<'asset.issue'>): void {
  requirePositive(op.amount);
  const asset = requireAsset(ctx, op.asset);
  requireAccount(ctx, op.to);
  const supply = asset.supply + op.amount;
  if (supply > MAX_AMOUNT) fail(E.SUPPLY_OVERFLOW, `supply of ${op.asset} would exceed 64 bits`);
  ctx.state.putAsset({ ...asset, supply });
  credit(ctx, op.type, op.to, op.asset, op.amount);
  ctx.events.push({ type: 'asset.issued', asset: op.asset, to: op.to, amount: op.amount, supply });
}

/** Redemption takes units out of circulation from the issuer's own account (holders transfer them back first). */
export function redeemAsset(ctx: ExecContext, op: Of<'asset.redeem'>): void {
  requirePositive(op.amount);
  const asset = requireAsset(ctx, op.asset);
  if (op.from !== asset.issuer) fail(E.NOT_ISSUER, `only the issuer account "${asset.issuer}" can redeem ${op.asset}`);
  debit(ctx, op.type, op.from, op.asset, op.amount);
  const supply = asset.supply - op.amount;
  ctx.state.putAsset({ ...asset, supply });
  ctx.events.push({ type: 'asset.redeemed', asset: op.asset, from: op.from, amount: op.amount, supply });
}

export function transfer(ctx: ExecContext, op: Of<'transfer'>): void {
  requirePositive(op.amount);
  if (op.from === op.to) fail(E.SAME_ACCOUNT, 'a transfer needs two different accounts');
  requireAccount(ctx, op.from);
  requireAccount(ctx, op.to);
  requireAsset(ctx, op.asset);
  move(ctx, op.type, op.from, op.to, op.asset, op.amount);
  ctx.events.push({
    type: 'transfer',
    from: op.from,
    to: op.to,
    asset: op.asset,
    amount: op.amount,
    ...(op.memo !== undefined && { memo: op.memo }),
  });
}

export { requireAccount, requireAsset };
