import type { AccountId, AssetId, Instruction } from '../../../shared/domain/index.ts';
import { credit, debit } from '../ledger/actions/balances.ts';
import type { ExecContext } from '../ledger/context.ts';
import { LedgerErrorCode as E } from '../ledger/errors.ts';
import { closeInstruction } from './instructions.ts';
import { shortfalls } from './positions.ts';

const KIND = 'settlement.instruct';

export type Attempt = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Settles a set of gross instructions (one alone, a DvP's two legs, or a gridlock set) atomically: either every leg
 * of every instruction moves, or nothing does. The set can settle when no account would end below zero after all
 * of it — the offsetting that lets a gridlocked ring settle. Credits are applied before debits so that no balance
 * is ever negative in between (each is at least its final value), and every leg leaves a balance event on both
 * sides, with its counterparty, for the account history.
 */
export function settleGross(ctx: ExecContext, set: readonly Instruction[], via: 'rtgs' | 'gridlock'): Attempt {
  const legs = set.flatMap((i) => i.legs);
  const short = shortfalls(legs, (account, asset) => ctx.state.balance(account, asset));
  if (short.length > 0) {
    const first = short[0]!;
    return {
      ok: false,
      code: E.INSUFFICIENT_FUNDS,
      message: `account "${first.account}" is short of ${first.short} minor units of ${first.asset}`,
    };
  }
  for (const leg of legs) credit(ctx, KIND, leg.to, leg.asset, leg.amount, leg.from);
  for (const leg of legs) debit(ctx, KIND, leg.from, leg.asset, leg.amount, leg.to);
  for (const instruction of set) {
    closeInstruction(ctx, instruction, { code: 'OK', via });
    ctx.events.push({ type: 'settlement.settled', instruction: instruction.id, via });
  }
  return { ok: true };
}

/**
 * Settles a cut-off's multilateral net positions of one asset: one balance change per participant (receivers
 * first), then every instruction of the set is closed as settled at that cut-off.
 */
export function settleNet(
  ctx: ExecContext,
  asset: AssetId,
  cutoff: bigint,
  positions: readonly { account: AccountId; position: bigint }[],
  set: readonly Instruction[],
): void {
  for (const p of positions) {
    if (p.position > 0n) credit(ctx, KIND, p.account, asset, p.position);
  }
  for (const p of positions) {
    if (p.position < 0n) debit(ctx, KIND, p.account, asset, -p.position);
  }
  for (const p of positions) {
    ctx.events.push({ type: 'settlement.net-position', asset, account: p.account, delta: p.position, cutoff });
  }
  for (const instruction of set) {
    closeInstruction(ctx, instruction, { code: 'OK', via: 'net', cutoff });
    ctx.events.push({ type: 'settlement.settled', instruction: instruction.id, via: 'net', cutoff });
  }
}
