import { compareBytes, encodeCanonical, type CborValue } from '../../../shared/encoding/index.ts';

/**
 * Canonical CBOR for event records, fast. Events are flat records of ids, amounts and flags, and encoding them
 * through the general encoder (encodeCanonical, via cborg's token pipeline) was over a third of the CPU time of a
 * block commit. This writes the same bytes directly for the shapes events have — a plain object whose values are
 * ASCII text, integers within 64 bits, booleans, null, or flat arrays of those — and hands anything else to
 * encodeCanonical, which stays the definition: the storage tests check the two agree byte for byte, and every stored
 * event is decoded with the strict canonical decoder. ASCII only, because that is where UTF-8 is the identity and no
 * surrogate handling can differ.
 */
export function encodeRecord(record: object): Uint8Array {
  return fastEncode(record) ?? encodeCanonical(record as CborValue);
}

const U64_MAX = (1n << 64n) - 1n;
const MAJOR_UINT = 0;
const MAJOR_NEGINT = 1;
const MAJOR_TEXT = 3;
const MAJOR_ARRAY = 4;
const MAJOR_MAP = 5;

class Writer {
  buf = new Uint8Array(256);
  len = 0;

  reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** A head with the shortest argument (RFC 8949 §4.2.1). */
  head(major: number, arg: number | bigint): void {
    this.reserve(9);
    const m = major << 5;
    const b = this.buf;
    if (typeof arg === 'number' && arg <= 0xffffffff) {
      if (arg < 24) b[this.len++] = m | arg;
      else if (arg <= 0xff) {
        b[this.len++] = m | 24;
        b[this.len++] = arg;
      } else if (arg <= 0xffff) {
        b[this.len++] = m | 25;
        b[this.len++] = arg >>> 8;
        b[this.len++] = arg & 0xff;
      } else {
        b[this.len++] = m | 26;
        b[this.len++] = arg >>> 24;
        b[this.len++] = (arg >>> 16) & 0xff;
        b[this.len++] = (arg >>> 8) & 0xff;
        b[this.len++] = arg & 0xff;
      }
      return;
    }
    if (typeof arg === 'bigint' && arg <= 0xffffffffn) return this.head(major, Number(arg));
    const big = BigInt(arg);
    const hi = Number(big >> 32n);
    const lo = Number(big & 0xffffffffn);
    b[this.len++] = m | 27;
    b[this.len++] = hi >>> 24;
    b[this.len++] = (hi >>> 16) & 0xff;
    b[this.len++] = (hi >>> 8) & 0xff;
    b[this.len++] = hi & 0xff;
    b[this.len++] = lo >>> 24;
    b[this.len++] = (lo >>> 16) & 0xff;
    b[this.len++] = (lo >>> 8) & 0xff;
    b[this.len++] = lo & 0xff;
  }

  ascii(text: string): void {
    this.head(MAJOR_TEXT, text.length);
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) this.buf[this.len++] = text.charCodeAt(i);
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Writes a scalar; false when the value is outside the fast path. */
function scalar(w: Writer, value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      if (!isAscii(value)) return false;
      w.ascii(value);
      return true;
    case 'boolean':
      w.reserve(1);
      w.buf[w.len++] = value ? 0xf5 : 0xf4;
      return true;
    case 'number':
      if (!Number.isSafeInteger(value)) return false;
      if (value >= 0) w.head(MAJOR_UINT, value);
      else w.head(MAJOR_NEGINT, -1 - value);
      return true;
    case 'bigint':
      if (value >= 0n) {
        if (value > U64_MAX) return false;
        w.head(MAJOR_UINT, value);
      } else {
        if (-1n - value > U64_MAX) return false;
        w.head(MAJOR_NEGINT, -1n - value);
      }
      return true;
    case 'object':
      if (value !== null) return false;
      w.reserve(1);
      w.buf[w.len++] = 0xf6;
      return true;
    default:
      return false;
  }
}

/** Encoded map keys, cached: events use a handful of field names over and over. */
const keyCache = new Map<string, Uint8Array>();
const KEY_CACHE_LIMIT = 512;

function encodedKey(key: string): Uint8Array {
  let bytes = keyCache.get(key);
  if (bytes === undefined) {
    const w = new Writer();
    w.ascii(key);
    bytes = w.buf.slice(0, w.len);
    if (keyCache.size < KEY_CACHE_LIMIT) keyCache.set(key, bytes);
  }
  return bytes;
}

const shared = new Writer();

/** Key order per record shape (its set of key names): canonical order is computed once per shape, not per record. */
const shapeCache = new Map<string, { keys: string[]; encoded: Uint8Array[] }>();
const SHAPE_CACHE_LIMIT = 256;

function shapeOf(record: object): { keys: string[]; encoded: Uint8Array[] } | undefined {
  const present = Object.keys(record).filter((k) => (record as Record<string, unknown>)[k] !== undefined);
  const id = JSON.stringify(present); // unambiguous, whatever characters the keys hold
  let shape = shapeCache.get(id);
  if (shape === undefined) {
    if (!present.every(isAscii)) return undefined;
    // Canonical map order is the bytewise order of the encoded keys.
    const pairs = present.map((k) => [k, encodedKey(k)] as const).sort((a, b) => compareBytes(a[1], b[1]));
    shape = { keys: pairs.map((p) => p[0]), encoded: pairs.map((p) => p[1]) };
    if (shapeCache.size < SHAPE_CACHE_LIMIT) shapeCache.set(id, shape);
  }
  return shape;
}

/** Appends one record to the writer; false when it is outside the fast path (the writer is then abandoned). */
function writeRecord(w: Writer, record: object): boolean {
  if (Object.getPrototypeOf(record) !== Object.prototype) return false;
  const shape = shapeOf(record);
  if (!shape) return false;
  w.head(MAJOR_MAP, shape.keys.length);
  for (let i = 0; i < shape.keys.length; i++) {
    w.raw(shape.encoded[i]!);
    const value = (record as Record<string, unknown>)[shape.keys[i]!];
    if (Array.isArray(value)) {
      w.head(MAJOR_ARRAY, value.length);
      for (const item of value) if (!scalar(w, item)) return false;
    } else if (!scalar(w, value)) {
      return false;
    }
  }
  return true;
}

function fastEncode(record: object): Uint8Array | undefined {
  // One writer for every call: encoding is synchronous, and its buffer is copied out at the end.
  const w = shared;
  w.len = 0;
  return writeRecord(w, record) ? w.buf.slice(0, w.len) : undefined;
}

/**
 * A list of records as one canonical CBOR array, written in one pass (a transaction's events are stored this way).
 * Falls back to encodeCanonical for the whole list when any record is outside the fast path.
 */
export function encodeRecordList(records: readonly object[]): Uint8Array {
  const w = shared;
  w.len = 0;
  w.head(MAJOR_ARRAY, records.length);
  for (const r of records) {
    if (!writeRecord(w, r)) return encodeCanonical(records as unknown as CborValue);
  }
  return w.buf.slice(0, w.len);
}
