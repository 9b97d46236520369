import {
  instructionCodec,
  settlementCycleCodec,
  type Instruction,
  type SettlementCycle,
} from '../../../shared/domain/index.ts';
import { decodeCanonical, encodeUnsigned } from '../../../shared/encoding/index.ts';
import type { LedgerState } from '../ledger/ledger-state.ts';
import { StateKey, StatePrefix } from '../ledger/keys.ts';

/**
 * Settlement's state, read and written through the block's overlay (so a rolled-back child leaves nothing):
 *   instruction/<id>                         the instruction
 *   settlement/open/<seq:20>/<id>            index of open (queued or held) instructions, in enqueue order
 *   settlement/timer/<time:20>/<id>          wake-ups: a scheduled time or an expiry a block must be made for
 *   settlement/cycle/<asset>                 a currency's deferred-net cycle
 *   settlement/seq                           the next enqueue sequence number
 * Indexes are empty-valued keys; their order is numeric because the numbers are zero-padded.
 */

export function getInstruction(state: LedgerState, id: string): Instruction | undefined {
  const bytes = state.overlay.get(StateKey.instruction(id));
  return bytes && instructionCodec.decode(bytes);
}

export function putInstruction(state: LedgerState, instruction: Instruction): void {
  state.overlay.put(StateKey.instruction(instruction.id), instructionCodec.encode(instruction));
}

/** Open instructions in enqueue order. */
export function openInstructions(state: LedgerState): Instruction[] {
  const out: Instruction[] = [];
  for (const key of state.keys(StatePrefix.settlementOpen)) {
    const found = getInstruction(state, key.slice(key.lastIndexOf('/') + 1));
    if (found) out.push(found);
  }
  return out;
}

export function markOpen(state: LedgerState, i: Instruction): void {
  state.mark(StateKey.settlementOpen(i.seq, i.id));
}

export function unmarkOpen(state: LedgerState, i: Instruction): void {
  state.unmark(StateKey.settlementOpen(i.seq, i.id));
}

/** The wake-up times an open instruction needs: its scheduled time, and the first time at which it is expired. */
export function wakeTimes(i: Instruction): bigint[] {
  const times: bigint[] = [];
  if (i.settleAt !== undefined) times.push(i.settleAt);
  if (i.expiresAt !== undefined) times.push(i.expiresAt + 1n);
  return times;
}

export function markTimers(state: LedgerState, i: Instruction, after: bigint): void {
  for (const t of wakeTimes(i)) if (t > after) state.mark(StateKey.settlementTimer(t, i.id));
}

/** Removes the wake-ups an instruction still has (only existing keys: a deletion is a write, and hashed). */
export function unmarkTimers(state: LedgerState, i: Instruction): void {
  for (const t of wakeTimes(i)) {
    const key = StateKey.settlementTimer(t, i.id);
    if (state.overlay.get(key) !== undefined) state.unmark(key);
  }
}

/** Timer keys due at `time` (their time ≤ time), in time order. */
export function dueTimers(state: LedgerState, time: bigint): string[] {
  const due: string[] = [];
  for (const key of state.keys(StatePrefix.settlementTimer)) {
    const t = BigInt(key.slice(StatePrefix.settlementTimer.length, StatePrefix.settlementTimer.length + 20));
    if (t > time) break;
    due.push(key);
  }
  return due;
}

export function nextSeq(state: LedgerState): bigint {
  const bytes = state.overlay.get(StateKey.settlementSeq());
  const seq = bytes ? BigInt(decodeCanonical(bytes) as number | bigint) : 0n;
  state.overlay.put(StateKey.settlementSeq(), encodeUnsigned(seq + 1n));
  return seq;
}

export function getCycle(state: LedgerState, asset: string): SettlementCycle | undefined {
  const bytes = state.overlay.get(StateKey.settlementCycle(asset));
  return bytes && settlementCycleCodec.decode(bytes);
}

export function putCycle(state: LedgerState, cycle: SettlementCycle): void {
  state.overlay.put(StateKey.settlementCycle(cycle.asset), settlementCycleCodec.encode(cycle));
}

/** Every cycle, by asset id. */
export function allCycles(state: LedgerState): SettlementCycle[] {
  return [...state.overlay.scan(StatePrefix.settlementCycle)].map(([, v]) => settlementCycleCodec.decode(v));
}
