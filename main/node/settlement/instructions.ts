import type { Action, Instruction, InstructionStatus } from '../../../shared/domain/index.ts';
import type { ExecContext } from '../ledger/context.ts';
import { fail, LedgerErrorCode as E } from '../ledger/errors.ts';
import type { LedgerState } from '../ledger/ledger-state.ts';
import { SettlementErrorCode as S, settlementFail } from './errors.ts';
import {
  getCycle,
  getInstruction,
  markOpen,
  markTimers,
  nextSeq,
  putInstruction,
  unmarkOpen,
  unmarkTimers,
} from './store.ts';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;
type Leg = Instruction['legs'][number];

/**
 * Open instructions whose expiry has passed are expired for every reader, even before the end-of-block phase of
 * a block writes them as such (the same rule as proposals).
 */
export function effectiveInstructionStatus(i: Instruction, time: bigint): InstructionStatus {
  const open = i.status === 'queued' || i.status === 'held';
  return open && i.expiresAt !== undefined && time > i.expiresAt ? 'expired' : i.status;
}

/** The accounts an instruction takes value from, in leg order without repeats: their policies guard it. */
export function debtorsOf(legs: readonly Leg[]): string[] {
  return [...new Set(legs.map((l) => l.from))];
}

/** Whose policies must approve a settlement operation (an instruction, or a queue action on one). */
export function settlementDebtors(state: LedgerState, action: Of<'settlement.instruct'> | Of<'settlement.action'>) {
  if (action.type === 'settlement.instruct') return debtorsOf(action.legs);
  return debtorsOf(requireInstruction(state, action.instruction).legs);
}

/** The amounts a settlement operation concerns, which select a policy's amount tier. */
export function settlementAmounts(state: LedgerState, action: Of<'settlement.instruct'> | Of<'settlement.action'>) {
  const legs = action.type === 'settlement.instruct' ? action.legs : requireInstruction(state, action.instruction).legs;
  return legs.map((l) => ({ asset: l.asset, amount: l.amount }));
}

function requireInstruction(state: LedgerState, id: string): Instruction {
  const found = getInstruction(state, id);
  if (!found) settlementFail(S.UNKNOWN_INSTRUCTION, `instruction "${id}" does not exist`);
  return found;
}

/**
 * Checks an instruction's shape against the ledger: accounts and assets exist, amounts are positive, a DvP is a
 * securities leg and a cash leg in opposite directions between the same two accounts, times fit the mode.
 */
function validate(ctx: ExecContext, op: Of<'settlement.instruct'>): 'payment' | 'dvp' {
  const { state, block } = ctx;
  op.legs.forEach((leg, n) => {
    const where = op.legs.length > 1 ? `legs[${n}]: ` : '';
    if (leg.amount <= 0n) fail(E.AMOUNT_ZERO, `${where}amount must be greater than zero`);
    if (leg.from === leg.to) fail(E.SAME_ACCOUNT, `${where}from and to are the same account "${leg.from}"`);
    for (const account of [leg.from, leg.to]) {
      if (!state.account(account)) fail(E.UNKNOWN_ACCOUNT, `${where}account "${account}" does not exist`);
    }
    if (!state.asset(leg.asset)) fail(E.UNKNOWN_ASSET, `${where}asset "${leg.asset}" does not exist`);
  });
  const kind = op.legs.length === 2 ? 'dvp' : 'payment';
  if (kind === 'dvp') {
    const [a, b] = op.legs as [Leg, Leg];
    if (a.from !== b.to || a.to !== b.from) {
      settlementFail(S.BAD_INSTRUCTION, 'a DvP needs two legs in opposite directions between the same two accounts');
    }
    const cash = op.legs.filter((l) => state.asset(l.asset)!.kind === 'currency').length;
    if (cash !== 1) {
      settlementFail(S.BAD_INSTRUCTION, 'a DvP needs exactly one cash leg (a currency) and one securities leg');
    }
    if (op.mode === 'deferred-net') {
      settlementFail(S.BAD_INSTRUCTION, 'a DvP settles gross (rtgs or scheduled), not in a deferred-net cycle');
    }
  }
  if (op.mode === 'scheduled' && op.settleAt === undefined) {
    settlementFail(S.BAD_INSTRUCTION, 'a scheduled instruction needs settleAt');
  }
  if (op.mode === 'rtgs' && op.settleAt !== undefined) {
    settlementFail(S.BAD_INSTRUCTION, 'settleAt is for scheduled and deferred-net instructions, not rtgs');
  }
  if (op.mode === 'deferred-net') {
    const asset = state.asset(op.legs[0]!.asset)!;
    if (!getCycle(state, asset.id)) {
      settlementFail(S.NO_CYCLE, `${asset.id} has no deferred-net cycle (governance sets one: settlement.cycle.set)`);
    }
  }
  if (op.expiresAt !== undefined) {
    if (op.expiresAt <= block.time) fail(E.EXPIRY_INVALID, 'expiresAt must be after the block time');
    if (op.settleAt !== undefined && op.settleAt > op.expiresAt) {
      fail(E.EXPIRY_INVALID, 'settleAt must not be after expiresAt');
    }
  }
  return kind;
}

/**
 * Enters an instruction into the queue. Nothing settles here: the end-of-block phase of this same block makes the
 * first attempt (so every instruction, whatever its mode, goes through one queue discipline).
 */
export function instruct(ctx: ExecContext, op: Of<'settlement.instruct'>): void {
  const kind = validate(ctx, op);
  if (getInstruction(ctx.state, op.instruction)) {
    fail(E.ALREADY_EXISTS, `instruction "${op.instruction}" already exists`);
  }
  const instruction: Instruction = {
    id: op.instruction,
    kind,
    mode: op.mode,
    priority: op.priority,
    legs: op.legs,
    ...(op.settleAt !== undefined && { settleAt: op.settleAt }),
    ...(op.expiresAt !== undefined && { expiresAt: op.expiresAt }),
    ...(op.reference !== undefined && { reference: op.reference }),
    status: 'queued',
    seq: nextSeq(ctx.state),
    submitted: { height: ctx.block.height, time: ctx.block.time, tx: ctx.txId },
  };
  putInstruction(ctx.state, instruction);
  markOpen(ctx.state, instruction);
  markTimers(ctx.state, instruction, ctx.block.time);
  ctx.events.push({
    type: 'settlement.instructed',
    instruction: instruction.id,
    kind,
    mode: instruction.mode,
    priority: instruction.priority,
  });
}

/**
 * Hold, release, cancel, reprioritise. A held instruction keeps its place (its sequence number) and is skipped by
 * every settlement pass until released; reprioritising moves it to the other class at the place its sequence number
 * gives it there.
 */
export function actOnInstruction(ctx: ExecContext, op: Of<'settlement.action'>): void {
  const instruction = requireInstruction(ctx.state, op.instruction);
  const status = effectiveInstructionStatus(instruction, ctx.block.time);
  if (status !== 'queued' && status !== 'held') {
    settlementFail(S.INSTRUCTION_CLOSED, `instruction "${instruction.id}" is ${status}`);
  }
  const id = instruction.id;
  switch (op.action) {
    case 'hold':
      if (status === 'held') settlementFail(S.BAD_QUEUE_ACTION, `instruction "${id}" is already held`);
      putInstruction(ctx.state, { ...instruction, status: 'held' });
      ctx.events.push({ type: 'settlement.held', instruction: id });
      return;
    case 'release':
      if (status !== 'held') settlementFail(S.BAD_QUEUE_ACTION, `instruction "${id}" is not held`);
      putInstruction(ctx.state, { ...instruction, status: 'queued' });
      ctx.events.push({ type: 'settlement.released', instruction: id });
      return;
    case 'cancel':
      closeInstruction(ctx, instruction, { code: 'CANCELLED' });
      ctx.events.push({ type: 'settlement.cancelled', instruction: id });
      return;
    case 'reprioritise': {
      const priority = op.priority;
      if (priority === undefined) settlementFail(S.BAD_QUEUE_ACTION, 'reprioritise needs a priority');
      if (priority === instruction.priority) {
        settlementFail(S.BAD_QUEUE_ACTION, `instruction "${id}" is already ${priority}`);
      }
      putInstruction(ctx.state, { ...instruction, priority });
      ctx.events.push({ type: 'settlement.reprioritised', instruction: id, priority });
      return;
    }
  }
}

/** Takes an instruction out of the queue for good: settled, cancelled or expired. */
export function closeInstruction(
  ctx: ExecContext,
  instruction: Instruction,
  how: { code: string; via?: 'rtgs' | 'gridlock' | 'net'; cutoff?: bigint },
): Instruction {
  const status: InstructionStatus = how.code === 'OK' ? 'settled' : how.code === 'EXPIRED' ? 'expired' : 'cancelled';
  const { waiting: _waiting, ...rest } = instruction;
  const closed: Instruction = {
    ...rest,
    status,
    closed: { height: ctx.block.height, time: ctx.block.time, ...how },
  };
  unmarkOpen(ctx.state, instruction);
  unmarkTimers(ctx.state, instruction);
  putInstruction(ctx.state, closed);
  return closed;
}
