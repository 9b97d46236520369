import {
  ACCOUNT_ID_PATTERN,
  ASSET_ID_PATTERN,
  CHAIN_ID_PATTERN,
  MAX_OPS_PER_TX,
  MAX_SIGNATURES_PER_TX,
  MAX_TX_BYTES,
  type Tx,
} from '../../../shared/domain/index.ts';

/**
 * txCodec.decode for the transaction the throughput path is made of — every op a transfer — without the general
 * machinery: the canonical scan, cborg's token stream and zod's parse cost some 10 µs and 25 kB of garbage per
 * transfer, against ~1.3 µs for reading the one canonical layout such a transaction can have. The reader accepts only
 * bytes that are exactly that layout with every value as the schema wants it, and answers undefined for anything
 * else: then txCodec.decode decides, with its own error codes. So it never refuses what the strict decoder accepts
 * nor accepts what it refuses, and where it accepts it must build the same value, key order included:
 * test/unit/main/node/execution/transfer-decode.test.ts checks both over random transfers and random mutations.
 *
 * The layout, in canonical (bytewise) key order; `memo`s optional; every head in its shortest form:
 *   {body: {ops: [{to, from, memo, type: "transfer", asset, amount}, …], memo, nonce, chainId, expiresAt},
 *    signatures: [{publicKey, signature}, …]}
 * Limits as in shared/domain (tx.ts, operations.ts): 1–64 ops, 1–16 signatures, nonce 8 bytes, keys and signatures
 * ≤ 65 bytes, memos ≤ 256 UTF-16 units, u64 amounts and expiry; ids match the schemas' own patterns.
 */
export function decodeTransfers(bytes: Uint8Array): Tx | undefined {
  if (bytes.length > MAX_TX_BYTES) return undefined;
  const r = new Reader(bytes);
  if (r.head(MAJOR_MAP) !== 2 || !r.expect(K.body)) return undefined;
  const body = readBody(r);
  if (body === undefined || !r.expect(K.signatures)) return undefined;
  const count = r.head(MAJOR_ARRAY);
  if (count < 1 || count > MAX_SIGNATURES_PER_TX) return undefined;
  const signatures: Tx['signatures'] = [];
  for (let i = 0; i < count; i++) {
    if (r.head(MAJOR_MAP) !== 2 || !r.expect(K.publicKey)) return undefined;
    const publicKey = r.bytes(0, MAX_KEY_BYTES);
    if (publicKey === undefined || !r.expect(K.signature)) return undefined;
    const signature = r.bytes(0, MAX_KEY_BYTES);
    if (signature === undefined) return undefined;
    signatures.push({ publicKey, signature });
  }
  return r.pos === bytes.length ? ({ body, signatures } as Tx) : undefined;
}

const MAX_KEY_BYTES = 65;
const MAX_MEMO_UNITS = 256;
const NONCE_BYTES = 8;
/** The longest id each pattern allows: longer text is not decoded. */
const MAX_CHAIN_ID = 63;
const MAX_ACCOUNT_ID = 64;
const MAX_ASSET_ID = 32;

const MAJOR_UINT = 0;
const MAJOR_BYTES = 2;
const MAJOR_TEXT = 3;
const MAJOR_ARRAY = 4;
const MAJOR_MAP = 5;

/** A map key (or the op type) as canonical bytes: the text head, then its ASCII. */
const text = (s: string) => Uint8Array.from([0x60 | s.length, ...Buffer.from(s, 'ascii')]);
const K = {
  body: text('body'),
  signatures: text('signatures'),
  ops: text('ops'),
  memo: text('memo'),
  nonce: text('nonce'),
  chainId: text('chainId'),
  expiresAt: text('expiresAt'),
  to: text('to'),
  from: text('from'),
  type: text('type'),
  transfer: text('transfer'),
  asset: text('asset'),
  amount: text('amount'),
  publicKey: text('publicKey'),
  signature: text('signature'),
};

function readBody(r: Reader): Tx['body'] | undefined {
  const entries = r.head(MAJOR_MAP);
  if ((entries !== 4 && entries !== 5) || !r.expect(K.ops)) return undefined;
  const count = r.head(MAJOR_ARRAY);
  if (count < 1 || count > MAX_OPS_PER_TX) return undefined;
  const ops: Tx['body']['ops'] = [];
  for (let i = 0; i < count; i++) {
    const op = readTransfer(r);
    if (op === undefined) return undefined;
    ops.push(op);
  }
  let memo: string | undefined;
  if (entries === 5) {
    if (!r.expect(K.memo) || (memo = r.text(MAX_MEMO_UNITS)) === undefined) return undefined;
  }
  if (!r.expect(K.nonce)) return undefined;
  const nonce = r.bytes(NONCE_BYTES, NONCE_BYTES);
  if (nonce === undefined || !r.expect(K.chainId)) return undefined;
  const chainId = r.text(MAX_CHAIN_ID);
  if (chainId === undefined || !CHAIN_ID_PATTERN.test(chainId) || !r.expect(K.expiresAt)) return undefined;
  const expiresAt = r.u64();
  if (expiresAt === undefined) return undefined;
  // The schema's output order (chainId, expiresAt, nonce, ops, memo), not the encoding's.
  const body = { chainId, expiresAt, nonce, ops };
  return (memo === undefined ? body : { ...body, memo }) as Tx['body'];
}

function readTransfer(r: Reader): Tx['body']['ops'][number] | undefined {
  const entries = r.head(MAJOR_MAP);
  if ((entries !== 5 && entries !== 6) || !r.expect(K.to)) return undefined;
  const to = r.text(MAX_ACCOUNT_ID);
  if (to === undefined || !ACCOUNT_ID_PATTERN.test(to) || !r.expect(K.from)) return undefined;
  const from = r.text(MAX_ACCOUNT_ID);
  if (from === undefined || !ACCOUNT_ID_PATTERN.test(from)) return undefined;
  let memo: string | undefined;
  if (entries === 6) {
    if (!r.expect(K.memo) || (memo = r.text(MAX_MEMO_UNITS)) === undefined) return undefined;
  }
  if (!r.expect(K.type) || !r.expect(K.transfer) || !r.expect(K.asset)) return undefined;
  const asset = r.text(MAX_ASSET_ID);
  if (asset === undefined || !ASSET_ID_PATTERN.test(asset) || !r.expect(K.amount)) return undefined;
  const amount = r.u64();
  if (amount === undefined) return undefined;
  const op = { type: 'transfer', from, to, asset, amount };
  return (memo === undefined ? op : { ...op, memo }) as Tx['body']['ops'][number];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A cursor over the bytes. Every read checks the bounds and the canonical form, and fails (-1 or undefined) if not. */
class Reader {
  pos = 0;
  private readonly b: Uint8Array;
  private latin1: Buffer | undefined;

  constructor(bytes: Uint8Array) {
    // Values are plain Uint8Arrays, as cborg's are, even when the input is a Buffer.
    this.b = bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  /** The bytes are `expected` here (a key or a fixed value): skip them. */
  expect(expected: Uint8Array): boolean {
    const { b, pos } = this;
    if (pos + expected.length > b.length) return false;
    for (let i = 0; i < expected.length; i++) if (b[pos + i] !== expected[i]) return false;
    this.pos = pos + expected.length;
    return true;
  }

  /**
   * The argument of a head of this major type in its shortest form, or -1. Arguments of 8 bytes are refused here
   * (no length or count is that large); u64 reads them.
   */
  head(major: number): number {
    const { b, pos } = this;
    if (pos >= b.length || b[pos]! >> 5 !== major) return -1;
    const info = b[pos]! & 0x1f;
    let arg: number;
    let width: number;
    if (info < 24) {
      arg = info;
      width = 0;
    } else if (info === 24) {
      width = 1;
      arg = pos + 1 < b.length ? b[pos + 1]! : -1;
      if (arg < 24) return -1;
    } else if (info === 25) {
      width = 2;
      arg = pos + 2 < b.length ? (b[pos + 1]! << 8) | b[pos + 2]! : -1;
      if (arg < 0x100) return -1;
    } else if (info === 26) {
      width = 4;
      arg =
        pos + 4 < b.length ? b[pos + 1]! * 0x1000000 + ((b[pos + 2]! << 16) | (b[pos + 3]! << 8) | b[pos + 4]!) : -1;
      if (arg < 0x10000) return -1;
    } else {
      return -1;
    }
    this.pos = pos + 1 + width;
    return arg;
  }

  /** An unsigned integer up to 2^64 − 1, in its shortest form. */
  u64(): bigint | undefined {
    const { b, pos } = this;
    if (b[pos] !== 0x1b) {
      const n = this.head(MAJOR_UINT);
      return n < 0 ? undefined : BigInt(n);
    }
    if (pos + 9 > b.length) return undefined;
    const high = b[pos + 1]! * 0x1000000 + ((b[pos + 2]! << 16) | (b[pos + 3]! << 8) | b[pos + 4]!);
    const low = b[pos + 5]! * 0x1000000 + ((b[pos + 6]! << 16) | (b[pos + 7]! << 8) | b[pos + 8]!);
    if (high === 0) return undefined; // below 2^32: not the shortest form
    this.pos = pos + 9;
    return (BigInt(high) << 32n) | BigInt(low);
  }

  /**
   * A byte string of min to max bytes, as a view of the input rather than a copy as cborg makes: a signature is 65
   * bytes, and V8 keeps typed arrays over 64 bytes outside its heap, where each copy costs about a microsecond to
   * allocate and later to free. The value keeps the input's memory alive, which the PreparedTx holds anyway.
   */
  bytes(min: number, max: number): Uint8Array | undefined {
    const n = this.head(MAJOR_BYTES);
    const start = this.pos;
    if (n < min || n > max || start + n > this.b.length) return undefined;
    this.pos = start + n;
    return this.b.subarray(start, start + n);
  }

  /** A text string of valid UTF-8 of at most `maxUnits` UTF-16 code units (what the schema's `.max` counts). */
  text(maxUnits: number): string | undefined {
    const n = this.head(MAJOR_TEXT);
    const start = this.pos;
    const end = start + n;
    if (n < 0 || end > this.b.length) return undefined;
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (this.b[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    let s: string;
    // cborg drops a leading U+FEFF (byte-order mark) from every text it decodes: leave such text to it.
    if (n >= 3 && this.b[start] === 0xef && this.b[start + 1] === 0xbb && this.b[start + 2] === 0xbf) return undefined;
    if (ascii) {
      if (n > maxUnits) return undefined;
      this.latin1 ??= Buffer.from(this.b.buffer, this.b.byteOffset, this.b.length);
      s = this.latin1.toString('latin1', start, end);
    } else {
      try {
        s = utf8.decode(this.b.subarray(start, end));
      } catch {
        return undefined;
      }
      if (s.length > maxUnits) return undefined;
    }
    this.pos = end;
    return s;
  }
}
