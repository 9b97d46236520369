/**
 * Walking bytes that the strict decoder has already accepted (scanCanonical), to find where an item starts and ends
 * without decoding it: for hashing or forwarding a sub-item from the received bytes instead of re-encoding it. Only
 * heads are read, nothing is validated again (that is scanCanonical's job); bytes that do not have the expected shape
 * throw a RangeError, and callers fall back to re-encoding.
 */

export interface ItemHead {
  readonly major: number;
  readonly arg: number;
  /** Offset just past the head. */
  readonly next: number;
}

/** The major type, argument and end of the head of the CBOR item at `at` (definite lengths only). */
export function itemHead(bytes: Uint8Array, at: number): ItemHead {
  const initial = bytes[at];
  if (initial === undefined) throw new RangeError('truncated');
  const major = initial >> 5;
  const info = initial & 0x1f;
  if (info < 24) return { major, arg: info, next: at + 1 };
  if (info > 27) throw new RangeError('indefinite or reserved');
  const width = 1 << (info - 24);
  if (at + 1 + width > bytes.length) throw new RangeError('truncated');
  let arg = 0;
  for (let k = 1; k <= width; k++) arg = arg * 256 + bytes[at + k]!;
  return { major, arg, next: at + 1 + width };
}

/** The offset just past the (well-formed, definite-length) item at `at`. */
export function skipItem(bytes: Uint8Array, at: number): number {
  const { major, arg, next } = itemHead(bytes, at);
  switch (major) {
    case 2:
    case 3:
      if (next + arg > bytes.length) throw new RangeError('truncated');
      return next + arg;
    case 4:
    case 5: {
      let pos = next;
      for (let i = 0; i < (major === 5 ? 2 * arg : arg); i++) pos = skipItem(bytes, pos);
      return pos;
    }
    case 6:
      return skipItem(bytes, next);
    default:
      return next; // integers and simple values: the head is the item
  }
}

/** The canonical (shortest) head of an item of major type `major` with argument `arg` — to build simple items by hand. */
export function encodeHead(major: number, arg: number): Uint8Array {
  if (!Number.isSafeInteger(arg) || arg < 0) throw new RangeError(`bad CBOR argument ${arg}`);
  const first = major << 5;
  if (arg < 24) return Uint8Array.of(first | arg);
  if (arg <= 0xff) return Uint8Array.of(first | 24, arg);
  if (arg <= 0xffff) return Uint8Array.of(first | 25, arg >> 8, arg & 0xff);
  if (arg <= 0xffff_ffff)
    return Uint8Array.of(first | 26, arg >>> 24, (arg >>> 16) & 0xff, (arg >>> 8) & 0xff, arg & 0xff);
  const out = new Uint8Array(9);
  out[0] = first | 27;
  new DataView(out.buffer).setBigUint64(1, BigInt(arg));
  return out;
}

const utf8 = new TextEncoder();

/**
 * Where the value of text key `key` lies in the map at `at`: [start, end), or undefined when the item is not a map or
 * has no such key.
 */
export function mapValueRange(bytes: Uint8Array, at: number, key: string): [number, number] | undefined {
  const map = itemHead(bytes, at);
  if (map.major !== 5) return undefined;
  const wanted = utf8.encode(key);
  let pos = map.next;
  for (let i = 0; i < map.arg; i++) {
    const keyHead = itemHead(bytes, pos);
    const keyEnd = skipItem(bytes, pos);
    const valueEnd = skipItem(bytes, keyEnd);
    if (keyHead.major === 3 && keyHead.arg === wanted.length && wanted.every((b, k) => bytes[keyHead.next + k] === b)) {
      return [keyEnd, valueEnd];
    }
    pos = valueEnd;
  }
  return undefined;
}

/** The bytes of the value at the end of `path` (text keys of nested maps), as a view into `bytes`; undefined if absent. */
export function mapPathBytes(bytes: Uint8Array, path: readonly string[]): Uint8Array | undefined {
  try {
    let range: [number, number] = [0, bytes.length];
    for (const key of path) {
      const next = mapValueRange(bytes, range[0], key);
      if (next === undefined) return undefined;
      range = next;
    }
    return bytes.subarray(range[0], range[1]);
  } catch {
    return undefined;
  }
}
