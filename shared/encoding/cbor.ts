import { decode, encode, rfc8949EncodeOptions, type EncodeOptions, type DecodeOptions } from 'cborg';
import { EncodingError, EncodingErrorCode as E } from './errors.ts';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './limits.ts';
import { scanCanonical } from './scan.ts';
import { TextTokenizer } from './tokenizer.ts';

/** The values that have a canonical encoding. Integers outside the safe range are bigints. */
export type CborValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | Uint8Array
  | readonly CborValue[]
  | { readonly [key: string]: CborValue | undefined };

const MAX_INT = (1n << 64n) - 1n;
const MIN_INT = -(1n << 64n);

const encodeOptions: EncodeOptions = {
  ...rfc8949EncodeOptions,
  // An absent optional field and one set to undefined must have one encoding: the absent one.
  ignoreUndefinedProperties: true,
};

const decodeOptions: DecodeOptions = {
  // cborg's default, stated because its decode merges defaults into the options but not into a tokenizer's.
  allowBigInt: true,
  strict: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  rejectDuplicateMapKeys: true,
  tags: [],
};

/**
 * Encodes a value in the canonical profile (RFC 8949 §4.2.1 core deterministic encoding: shortest arguments,
 * definite lengths, map keys sorted bytewise). Refuses what has no canonical form here: fractional or unsafe
 * numbers, integers beyond 64 bits, non-text keys, class instances other than Uint8Array, and nesting deeper than
 * the decoder would accept.
 */
export function encodeCanonical(value: CborValue, maxDepth: number = DEFAULT_DECODE_LIMITS.maxDepth): Uint8Array {
  assertEncodable(value, 0, maxDepth, '');
  return encode(value, encodeOptions);
}

/**
 * Decodes untrusted bytes that must be exactly one canonical item. Throws an EncodingError naming the first
 * violation. The structural scan is the rule: it accepts only the one canonical encoding of each value, so no
 * value has two accepted encodings (test/unit/shared/encoding/properties.test.ts checks that everything the scan
 * accepts re-encodes to the identical bytes). Re-encoding here as well would double the cost of every decode.
 */
export function decodeCanonical(bytes: Uint8Array, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): CborValue {
  scanCanonical(bytes, limits);
  try {
    return decodeTrusted(bytes);
  } catch (err) {
    // The scan accepts only what cborg can decode; reaching this is a disagreement between the two, so say so.
    throw new EncodingError(E.NOT_CANONICAL, `decoder refused input the scan accepted: ${String(err)}`);
  }
}

/**
 * Decodes bytes already known to be one canonical item (decodeCanonical accepted them, or a block that holds them
 * did), without scanning them again: values exactly as decodeCanonical would give them, texts included (a leading
 * U+FEFF is kept, tokenizer.ts). Throws cborg's error on anything else; it is not a check.
 */
export function decodeTrusted(bytes: Uint8Array): CborValue {
  return decode(bytes, { ...decodeOptions, tokenizer: new TextTokenizer(bytes, decodeOptions) }) as CborValue;
}

function assertEncodable(value: unknown, depth: number, maxDepth: number, path: string): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw unencodable(path, `number ${value} is not a safe integer (use bigint; floats are not allowed)`);
      }
      return;
    case 'bigint':
      if (value > MAX_INT || value < MIN_INT) throw unencodable(path, 'integer does not fit in 64 bits');
      return;
    case 'object':
      break;
    default:
      throw unencodable(path, `${typeof value} has no encoding`);
  }
  if (value === null || value instanceof Uint8Array) return;
  if (depth + 1 > maxDepth) throw unencodable(path, `nesting deeper than ${maxDepth}`);
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertEncodable(item, depth + 1, maxDepth, join(path, String(i))));
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw unencodable(path, 'only plain objects, arrays and Uint8Array can be encoded');
  }
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) assertEncodable(item, depth + 1, maxDepth, join(path, key));
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function unencodable(path: string, message: string): EncodingError {
  return new EncodingError(E.UNENCODABLE, path === '' ? message : `${path}: ${message}`, { field: path || undefined });
}
