import type { AssetId, Instruction, SettlementCycle } from '../../../shared/domain/index.ts';
import { childContext, commitChild, type ExecContext } from '../ledger/context.ts';
import type { EndBlockHook } from '../ledger/end-block.ts';
import { failureCode } from '../ledger/failure-code.ts';
import type { LedgerState } from '../ledger/ledger-state.ts';
import { cutoffAfter, latestCutoff } from './cycles.ts';
import { SettlementErrorCode as S } from './errors.ts';
import { selectGridlockSet } from './gridlock.ts';
import { closeInstruction } from './instructions.ts';
import { runCutoff } from './netting.ts';
import { settleGross, settleNet, type Attempt } from './settle.ts';
import { allCycles, dueTimers, getInstruction, openInstructions, putCycle, putInstruction } from './store.ts';

/**
 * Settlement's end-of-block work, in this order, on block time only (docs/settlement.md):
 * 1. wake-ups that are due are consumed; open instructions past their expiry are closed as expired;
 * 2. each currency whose cut-off has come runs its deferred-net cut-off (cycles in asset order);
 * 3. the gross queue — RTGS instructions and scheduled ones whose time has come, urgent before normal, FIFO within a
 *    class — is tried one instruction at a time, passing over any that cannot settle (FIFO with bypass); then
 *    gridlock resolution settles the largest offsetting set the algorithm finds among the rest; both repeat while
 *    they make progress (a settled set may fund what was passed over).
 * Every unit of work (one expiry, one cut-off, one attempt) runs in its own child context, so a failure drops that
 * unit only.
 */
export const settlementEndBlockHook: EndBlockHook = {
  name: 'settlement',
  run(ctx) {
    const time = ctx.block.time;
    for (const key of dueTimers(ctx.state, time)) ctx.state.unmark(key);
    expire(ctx);
    for (const cycle of allCycles(ctx.state)) if (cycle.nextCutoff <= time) cutoff(ctx, cycle);
    gross(ctx);
  },
  due(state: LedgerState, time: bigint) {
    return dueTimers(state, time).length > 0 || allCycles(state).some((c) => c.nextCutoff <= time);
  },
};

/** Runs `work` in a child context; commits it if it succeeds, drops it if it fails with a coded error. */
function isolated(ctx: ExecContext, work: (child: ExecContext) => Attempt | void): Attempt {
  const child = childContext(ctx);
  try {
    const attempt = work(child);
    if (attempt && !attempt.ok) return attempt;
  } catch (err) {
    const code = failureCode(err);
    if (code === undefined) throw err;
    return { ok: false, code, message: (err as Error).message };
  }
  commitChild(ctx, child);
  return { ok: true };
}

function expire(ctx: ExecContext): void {
  for (const instruction of openInstructions(ctx.state)) {
    if (instruction.expiresAt === undefined || ctx.block.time <= instruction.expiresAt) continue;
    isolated(ctx, (child) => {
      closeInstruction(child, instruction, { code: 'EXPIRED' });
      child.events.push({ type: 'settlement.expired', instruction: instruction.id });
    });
  }
}

/** Records why an open instruction is still waiting, with an event when the reason changes (not every block). */
function noteWaiting(ctx: ExecContext, instruction: Instruction, code: string, message: string): void {
  const current = getInstruction(ctx.state, instruction.id);
  if (!current || current.waiting === code) return;
  putInstruction(ctx.state, { ...current, waiting: code });
  ctx.events.push({ type: 'settlement.waiting', instruction: instruction.id, code, message });
}

function cutoff(ctx: ExecContext, cycle: SettlementCycle): void {
  const time = ctx.block.time;
  const at = latestCutoff(cycle, time);
  const eligible = openInstructions(ctx.state).filter(
    (i) =>
      i.status === 'queued' &&
      i.mode === 'deferred-net' &&
      i.legs[0]!.asset === cycle.asset &&
      i.submitted.time <= at &&
      (i.settleAt ?? 0n) <= at,
  );
  const asset = cycle.asset as AssetId;
  const result = runCutoff(eligible, (account) => ctx.state.balance(account, asset), cycle.onShortfall);
  let outcome = result.outcome;
  let settled = result.settle.length;
  if (outcome === 'settled') {
    const attempt = isolated(ctx, (child) => settleNet(child, asset, at, result.positions, result.settle));
    if (!attempt.ok) {
      outcome = 'failed';
      settled = 0;
    }
  }
  const settledIds = new Set(outcome === 'settled' ? result.settle.map((i) => i.id) : []);
  for (const instruction of eligible) {
    if (settledIds.has(instruction.id)) continue;
    const why =
      cycle.onShortfall === 'all-or-nothing'
        ? `the cut-off at ${at} did not settle: ${result.excluded.join(', ')} could not cover their net debit`
        : `excluded from the cut-off at ${at}: ${result.excluded.join(', ')} could not cover their net debit`;
    noteWaiting(ctx, instruction, S.NET_EXCLUDED, why);
  }
  ctx.events.push({ type: 'settlement.cutoff', asset, cutoff: at, outcome, settled, excluded: result.excluded });
  putCycle(ctx.state, {
    ...cycle,
    nextCutoff: cutoffAfter(cycle, time),
    last: { height: ctx.block.height, time, cutoff: at },
  });
}

const CLASS_ORDER = { urgent: 0, normal: 1 } as const;

/** Gross instructions that may settle now, in queue order: urgent first, then by enqueue sequence. */
function grossCandidates(ctx: ExecContext): Instruction[] {
  const time = ctx.block.time;
  return openInstructions(ctx.state)
    .filter((i) => i.status === 'queued' && i.mode !== 'deferred-net' && (i.settleAt ?? 0n) <= time)
    .sort((a, b) => CLASS_ORDER[a.priority] - CLASS_ORDER[b.priority] || (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
}

function gross(ctx: ExecContext): void {
  let queue = grossCandidates(ctx);
  const lastAttempt = new Map<string, Attempt>();
  for (let progress = true; progress && queue.length > 0;) {
    progress = false;
    const waiting: Instruction[] = [];
    for (const instruction of queue) {
      const attempt = isolated(ctx, (child) => settleGross(child, [instruction], 'rtgs'));
      if (attempt.ok) progress = true;
      else {
        waiting.push(instruction);
        lastAttempt.set(instruction.id, attempt);
      }
    }
    queue = waiting;
    if (queue.length < 2) continue;
    const set = selectGridlockSet(queue, (account, asset) => ctx.state.balance(account, asset));
    if (set.length < 2) continue; // one alone settles in the next round of the individual pass
    const attempt = isolated(ctx, (child) => {
      const result = settleGross(child, set, 'gridlock');
      if (result.ok) child.events.push({ type: 'settlement.gridlock', count: set.length });
      return result;
    });
    if (attempt.ok) {
      progress = true;
      const done = new Set(set.map((i) => i.id));
      queue = queue.filter((i) => !done.has(i.id));
    }
  }
  for (const instruction of queue) {
    const attempt = lastAttempt.get(instruction.id);
    if (attempt && !attempt.ok) noteWaiting(ctx, instruction, attempt.code, attempt.message);
  }
}
