import type { AccountId, AssetId, LedgerEvent } from '../../../../shared/domain/index.ts';
import { MAX_AMOUNT } from '../../../../shared/finance/index.ts';
import type { ExecContext } from '../context.ts';
import { fail, LedgerErrorCode as E } from '../errors.ts';

/** What caused a balance change: an operation, or a step the ledger takes itself at the end of a block. */
export type BalanceKind = Extract<LedgerEvent, { type: 'balance' }>['kind'];

/** Moves `amount` of `asset` between two accounts, with a balance event on each side for the account history. */
export function move(
  ctx: ExecContext,
  kind: BalanceKind,
  from: AccountId,
  to: AccountId,
  asset: AssetId,
  amount: bigint,
): void {
  debit(ctx, kind, from, asset, amount, to);
  credit(ctx, kind, to, asset, amount, from);
}

export function debit(
  ctx: ExecContext,
  kind: BalanceKind,
  account: AccountId,
  asset: AssetId,
  amount: bigint,
  counterparty?: AccountId,
): void {
  const balance = ctx.state.balance(account, asset);
  if (balance < amount) {
    fail(E.INSUFFICIENT_FUNDS, `account "${account}" holds ${balance} of ${asset} minor units, needs ${amount}`);
  }
  const after = balance - amount;
  ctx.state.setBalance(account, asset, after);
  ctx.events.push({
    type: 'balance',
    account,
    asset,
    delta: -amount,
    balance: after,
    kind,
    ...(counterparty && { counterparty }),
  });
}

export function credit(
  ctx: ExecContext,
  kind: BalanceKind,
  account: AccountId,
  asset: AssetId,
  amount: bigint,
  counterparty?: AccountId,
): void {
  const after = ctx.state.balance(account, asset) + amount;
  // Balances never exceed an asset's supply, which is bounded on issue; this guards the invariant anyway.
  if (after > MAX_AMOUNT) fail(E.SUPPLY_OVERFLOW, `balance of "${account}" in ${asset} would exceed 64 bits`);
  ctx.state.setBalance(account, asset, after);
  ctx.events.push({
    type: 'balance',
    account,
    asset,
    delta: amount,
    balance: after,
    kind,
    ...(counterparty && { counterparty }),
  });
}

export function requirePositive(amount: bigint, field = 'amount'): void {
  if (amount <= 0n) fail(E.AMOUNT_ZERO, `${field} must be greater than zero`);
}
