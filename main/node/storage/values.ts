/**
 * Conversions between domain values and SQLite's. better-sqlite3 returns BLOBs as Node Buffers; callers get plain
 * Uint8Array views (same memory) so values compare equal to the ones the ledger and codecs produce.
 */
export function asBytes(blob: Uint8Array): Uint8Array {
  return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
}

const INT64_MAX = (1n << 63n) - 1n;

/**
 * A u64 time for an INTEGER column (signed 64-bit). Real block times and expiries are far below 2^63 ms; a signed
 * value beyond it (year 292 million) is clamped rather than failing the block, since the column only orders and
 * filters and the canonical bytes beside it keep the exact value.
 */
export function sqlTime(ms: bigint): bigint {
  return ms > INT64_MAX ? INT64_MAX : ms;
}
