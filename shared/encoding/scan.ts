import { EncodingError, EncodingErrorCode as E } from './errors.ts';
import type { DecodeLimits } from './limits.ts';

/**
 * Checks that `bytes` is exactly one item in Countersign's canonical CBOR profile, without building any value.
 *
 * The profile is RFC 8949 §4.2.1 "core deterministic encoding" restricted to the data model we sign:
 * unsigned and negative integers, byte strings, UTF-8 text strings, arrays, maps with text keys, false, true, null.
 * Refused, each with its own code: arguments not in their shortest form, indefinite lengths, reserved additional
 * information, tags, floats, other simple values (undefined included), invalid UTF-8, non-text map keys, map keys not
 * in bytewise lexicographic order of their encodings, duplicate keys, truncated input, trailing bytes, input over
 * `maxBytes` and nesting over `maxDepth`.
 *
 * cborg (which builds the values afterwards) enforces some of this but not key order, depth or our type subset, and
 * its errors are messages rather than codes; doing the whole check here keeps one precise rule in one place.
 */
export function scanCanonical(bytes: Uint8Array, limits: DecodeLimits): void {
  if (bytes.length > limits.maxBytes) {
    throw new EncodingError(E.TOO_LARGE, `input is ${bytes.length} bytes, over the limit of ${limits.maxBytes}`);
  }
  const end = new Scanner(bytes, limits.maxDepth).item(0, 0);
  if (end !== bytes.length) {
    throw new EncodingError(E.TRAILING_BYTES, `${bytes.length - end} byte(s) after the end of the item`, {
      offset: end,
    });
  }
}

/**
 * The offset just past the item that starts at `offset` in bytes already accepted by scanCanonical: lets callers
 * hash a sub-item (a transaction body inside a transaction) from the received bytes instead of re-encoding it.
 */
export function itemEnd(bytes: Uint8Array, offset: number): number {
  return new Scanner(bytes, Number.MAX_SAFE_INTEGER).item(offset, 0);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

interface Head {
  readonly major: number;
  /** The argument; a bigint only when it does not fit a safe integer. */
  readonly arg: number | bigint;
  /** Offset just past the head. */
  readonly next: number;
}

class Scanner {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly maxDepth: number;

  constructor(bytes: Uint8Array, maxDepth: number) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.maxDepth = maxDepth;
  }

  /** Validates the item at `at`; returns the offset just past it. */
  item(at: number, depth: number): number {
    const head = this.head(at);
    switch (head.major) {
      case 0:
      case 1:
        return head.next;
      case 2:
        return this.skip(head, at);
      case 3: {
        const end = this.skip(head, at);
        try {
          utf8.decode(this.bytes.subarray(head.next, end));
        } catch {
          throw new EncodingError(E.INVALID_UTF8, 'text string is not valid UTF-8', { offset: at });
        }
        return end;
      }
      case 4: {
        const count = this.count(head, at, depth);
        let pos = head.next;
        for (let i = 0; i < count; i++) pos = this.item(pos, depth + 1);
        return pos;
      }
      case 5:
        return this.map(head, at, depth);
      case 6:
        throw new EncodingError(E.TAG_NOT_ALLOWED, 'tags are not part of the canonical profile', { offset: at });
      default:
        // major 7: head() has already refused everything but false, true and null.
        return head.next;
    }
  }

  private map(head: Head, at: number, depth: number): number {
    const count = this.count(head, at, depth);
    let pos = head.next;
    let previousKey: Uint8Array | undefined;
    for (let i = 0; i < count; i++) {
      const keyStart = pos;
      if (keyStart >= this.bytes.length) throw truncated(keyStart);
      if (this.bytes[keyStart]! >> 5 !== 3) {
        throw new EncodingError(E.MAP_KEY_NOT_TEXT, 'map keys must be text strings', { offset: keyStart });
      }
      pos = this.item(keyStart, depth + 1);
      const key = this.bytes.subarray(keyStart, pos);
      if (previousKey) {
        const order = compareBytes(previousKey, key);
        if (order === 0) {
          throw new EncodingError(E.DUPLICATE_MAP_KEY, `duplicate map key ${JSON.stringify(keyText(key))}`, {
            offset: keyStart,
          });
        }
        if (order > 0) {
          throw new EncodingError(
            E.MAP_KEYS_UNSORTED,
            `map key ${JSON.stringify(keyText(key))} is out of order (keys sort by their encoded bytes)`,
            { offset: keyStart },
          );
        }
      }
      previousKey = key;
      pos = this.item(pos, depth + 1);
    }
    return pos;
  }

  /** Element count of an array or map, checked against depth and against the bytes that remain. */
  private count(head: Head, at: number, depth: number): number {
    if (depth + 1 > this.maxDepth) {
      throw new EncodingError(E.TOO_DEEP, `nesting deeper than ${this.maxDepth}`, { offset: at });
    }
    // Every element takes at least one byte (a map entry two), so a larger count cannot be satisfied.
    const remaining = this.bytes.length - head.next;
    if (typeof head.arg === 'bigint' || head.arg > remaining) throw truncated(at);
    return head.arg;
  }

  /** Offset past the content of a byte or text string. */
  private skip(head: Head, at: number): number {
    const remaining = this.bytes.length - head.next;
    if (typeof head.arg === 'bigint' || head.arg > remaining) throw truncated(at);
    return head.next + head.arg;
  }

  private head(at: number): Head {
    if (at >= this.bytes.length) throw truncated(at);
    const initial = this.bytes[at]!;
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (major === 7) return this.simple(info, at);
    if (info < 24) return { major, arg: info, next: at + 1 };
    if (info === 31) {
      throw new EncodingError(E.INDEFINITE_LENGTH, 'indefinite-length items are not canonical', { offset: at });
    }
    if (info > 27) {
      throw new EncodingError(E.RESERVED_ADDITIONAL_INFO, `reserved additional information ${info}`, { offset: at });
    }
    const width = 1 << (info - 24); // 1, 2, 4 or 8 bytes
    if (at + 1 + width > this.bytes.length) throw truncated(at);
    let arg: number | bigint;
    let minimum: number | bigint;
    switch (width) {
      case 1:
        arg = this.view.getUint8(at + 1);
        minimum = 24;
        break;
      case 2:
        arg = this.view.getUint16(at + 1);
        minimum = 0x100;
        break;
      case 4:
        arg = this.view.getUint32(at + 1);
        minimum = 0x10000;
        break;
      default: {
        const big = this.view.getBigUint64(at + 1);
        arg = big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
        minimum = 0x100000000;
      }
    }
    if (arg < minimum) {
      throw new EncodingError(E.NON_MINIMAL, `argument ${arg} is not in its shortest form`, { offset: at });
    }
    return { major, arg, next: at + 1 + width };
  }

  private simple(info: number, at: number): Head {
    if (info >= 20 && info <= 22) return { major: 7, arg: info, next: at + 1 }; // false, true, null
    if (info >= 25 && info <= 27) {
      throw new EncodingError(E.FLOAT_NOT_ALLOWED, 'floating-point numbers are not allowed', { offset: at });
    }
    if (info === 31) {
      throw new EncodingError(E.INDEFINITE_LENGTH, 'unexpected "break" (indefinite lengths are not canonical)', {
        offset: at,
      });
    }
    if (info >= 28) {
      throw new EncodingError(E.RESERVED_ADDITIONAL_INFO, `reserved additional information ${info}`, { offset: at });
    }
    throw new EncodingError(E.SIMPLE_VALUE_NOT_ALLOWED, 'only false, true and null simple values are allowed', {
      offset: at,
    });
  }
}

function truncated(offset: number): EncodingError {
  return new EncodingError(E.TRUNCATED, 'input ends inside an item', { offset });
}

/** Bytewise lexicographic order, the RFC 8949 §4.2.1 order for map keys. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

function keyText(encodedKey: Uint8Array): string {
  // Only for messages; the key was already validated as UTF-8 text. Skip its head.
  const info = encodedKey[0]! & 0x1f;
  const headLength = info < 24 ? 1 : 1 + (1 << (info - 24));
  return utf8.decode(encodedKey.subarray(headLength));
}
