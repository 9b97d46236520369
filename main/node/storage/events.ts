import type { LedgerEvent } from '../../../shared/domain/index.ts';
import { decodeCanonical, type CborValue } from '../../../shared/encoding/index.ts';
import { encodeRecord, encodeRecordList } from './event-encoding.ts';

/**
 * Events are stored as canonical CBOR of the event object. Canonical CBOR decodes small integers as numbers, so the
 * fields that are bigint in shared/domain/events.ts are turned back into bigints here. Keep this list in step with
 * LedgerEvent: every integer field there is an amount or a block time (bigint).
 */
const BIGINT_FIELDS = ['delta', 'balance', 'amount', 'supply', 'faceValue', 'price', 'cutoff', 'nextCutoff'] as const;

export function encodeEvent(event: LedgerEvent): Uint8Array {
  return encodeRecord(event);
}

export function decodeEvent(bytes: Uint8Array): LedgerEvent {
  return withBigints(decodeCanonical(bytes) as Record<string, CborValue>);
}

/** A transaction's events as one canonical CBOR array. */
export function encodeEventList(events: readonly LedgerEvent[]): Uint8Array {
  return encodeRecordList(events);
}

export function decodeEventList(bytes: Uint8Array): LedgerEvent[] {
  return (decodeCanonical(bytes) as Record<string, CborValue>[]).map(withBigints);
}

function withBigints(value: Record<string, CborValue>): LedgerEvent {
  for (const field of BIGINT_FIELDS) {
    const n = value[field];
    if (typeof n === 'number') value[field] = BigInt(n);
  }
  return value as unknown as LedgerEvent;
}
export interface EventSubjects {
  proposal: string | null;
  bill: string | null;
  instruction: string | null;
  contract: string | null;
}

/** The proposal id, bill serial, settlement instruction and contract an event concerns, for the trail indexes. */
export function eventSubjects(event: LedgerEvent): EventSubjects {
  return {
    proposal: 'proposal' in event ? event.proposal : null,
    bill: 'serial' in event ? event.serial : null,
    instruction: 'instruction' in event && typeof event.instruction === 'string' ? event.instruction : null,
    contract: 'contract' in event && typeof event.contract === 'string' ? event.contract : null,
  };
}

/** Whether an event belongs in the trail index (it concerns at least one subject). */
export function hasSubject(s: EventSubjects): boolean {
  return s.proposal !== null || s.bill !== null || s.instruction !== null || s.contract !== null;
}
