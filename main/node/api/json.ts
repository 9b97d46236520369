/**
 * The API's JSON conventions (shared/api/contract.ts): bigints become decimal strings and byte strings lower-case
 * hex, so amounts keep their precision and results look the same over HTTP, WebSocket and IPC.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A JSON.stringify replacer. It looks at the holder's raw property rather than `value` because Buffer (a
 * Uint8Array) has a toJSON that runs before the replacer and would otherwise come out as {type, data}.
 */
export function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Uint8Array) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex');
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export function stringifyJson(value: unknown): string {
  const text = JSON.stringify(value, jsonReplacer);
  // JSON.stringify returns undefined for undefined, functions and symbols: an absent result is null in JSON-RPC.
  return text === undefined ? 'null' : text;
}

/**
 * A plain JSON value (what JSON.parse would give back): the router returns these so that every transport,
 * including IPC's structured clone, delivers the same shapes. Throws on cycles, like JSON.stringify.
 */
export function toJsonValue(value: unknown): JsonValue {
  return JSON.parse(stringifyJson(value)) as JsonValue;
}
