import type { LedgerEvent } from '../../../shared/domain/index.ts';
import { decodeCanonical, type CborValue } from '../../../shared/encoding/index.ts';
import { encodeRecord } from './event-encoding.ts';

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

/** A transaction's events as one canonical CBOR array: the array head, then each event's encoding. */
export function encodeEventList(events: readonly LedgerEvent[]): Uint8Array {
  const items = events.map(encodeEvent);
  const head = arrayHead(items.length);
  const out = new Uint8Array(head.length + items.reduce((n, b) => n + b.length, 0));
  out.set(head);
  let at = head.length;
  for (const b of items) {
    out.set(b, at);
    at += b.length;
  }
  return out;
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

/** CBOR major type 4 head with the shortest argument (a transaction has at most a few thousand events). */
function arrayHead(n: number): Uint8Array {
  if (n < 24) return Uint8Array.of(0x80 | n);
  if (n <= 0xff) return Uint8Array.of(0x98, n);
  if (n <= 0xffff) return Uint8Array.of(0x99, n >> 8, n & 0xff);
  return Uint8Array.of(0x9a, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** The proposal id and bill serial an event concerns, for the trail indexes. */
export function eventSubjects(event: LedgerEvent): { proposal: string | null; bill: string | null } {
  return {
    proposal: 'proposal' in event ? event.proposal : null,
    bill: 'serial' in event ? event.serial : null,
  };
}
