import type { LedgerEvent } from '../../../shared/domain/index.ts';
import { decodeCanonical, type CborValue } from '../../../shared/encoding/index.ts';
import { encodeRecord, encodeRecordList } from './event-encoding.ts';

/**
 * Events are stored as canonical CBOR of the event object. Canonical CBOR decodes small integers as numbers, so the
 * fields that are bigint in shared/domain/events.ts are turned back into bigints here. Keep this list in step with
 * LedgerEvent: every integer field there is an amount (bigint).
 */
const BIGINT_FIELDS = ['delta', 'balance', 'amount', 'supply', 'faceValue', 'price'] as const;

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
/** The proposal id and bill serial an event concerns, for the trail indexes. */
export function eventSubjects(event: LedgerEvent): { proposal: string | null; bill: string | null } {
  return {
    proposal: 'proposal' in event ? event.proposal : null,
    bill: 'serial' in event ? event.serial : null,
  };
}
