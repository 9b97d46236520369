import { contractCodec, type Contract } from '../../../shared/domain/index.ts';
import { fail, LedgerErrorCode as E } from '../ledger/errors.ts';
import { StateKey, StatePrefix } from '../ledger/keys.ts';
import type { LedgerState } from '../ledger/ledger-state.ts';

/**
 * Contract instances in state: `contract/<id>` holds the instance, and `contract-timer/<time>/<id>` indexes the ones
 * with a timed step ahead, so the end-of-block phase reads only the due ones, in time order then id order.
 */

const EMPTY = new Uint8Array([0xf6]); // canonical CBOR null, as the ledger's other index entries

export function loadContract(state: LedgerState, id: string): Contract | undefined {
  const bytes = state.overlay.get(StateKey.contract(id));
  return bytes && contractCodec.decode(bytes);
}

export function requireContract(state: LedgerState, id: string): Contract {
  const contract = loadContract(state, id);
  if (!contract) fail(E.UNKNOWN_CONTRACT, `contract "${id}" does not exist`);
  return contract;
}

/** Writes an instance and moves its timer entry when its next step changed (`before`: the stored version). */
export function saveContract(state: LedgerState, before: Contract | undefined, after: Contract): void {
  if (before?.nextAt !== after.nextAt) {
    if (before?.nextAt !== undefined) state.overlay.delete(StateKey.contractTimer(before.nextAt, before.id));
    if (after.nextAt !== undefined) state.overlay.put(StateKey.contractTimer(after.nextAt, after.id), EMPTY);
  }
  state.overlay.put(StateKey.contract(after.id), contractCodec.encode(after));
}

/** The contracts whose timed step is due at `time`, in (time, id) order. */
export function dueContracts(state: LedgerState, time: bigint): string[] {
  const due: string[] = [];
  for (const [key] of state.overlay.scan(StatePrefix.contractTimer)) {
    const { at, id } = parseTimerKey(key);
    if (at > time) break;
    due.push(id);
  }
  return due;
}

/** Whether any contract has a timed step due at `time`. */
export function hasDueContract(state: LedgerState, time: bigint): boolean {
  for (const [key] of state.overlay.scan(StatePrefix.contractTimer)) return parseTimerKey(key).at <= time;
  return false;
}

function parseTimerKey(key: string): { at: bigint; id: string } {
  const rest = key.slice(StatePrefix.contractTimer.length);
  const slash = rest.indexOf('/');
  return { at: BigInt(rest.slice(0, slash)), id: rest.slice(slash + 1) };
}
