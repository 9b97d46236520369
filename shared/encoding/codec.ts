import type { z } from 'zod';
import { decodeCanonical, encodeCanonical, type CborValue } from './cbor.ts';
import { EncodingError, EncodingErrorCode as E } from './errors.ts';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './limits.ts';

/** A message kind's canonical bytes and the strict schema that untrusted bytes must meet to become one. */
export interface Codec<T> {
  readonly name: string;
  /** Validates the value against the schema, then encodes it canonically. */
  encode(value: T): Uint8Array;
  /** Canonical decode, then schema validation: unknown fields, missing fields and bad values are refused. */
  decode(bytes: Uint8Array): T;
  /** Schema validation alone, for values that arrive already parsed (e.g. JSON-RPC arguments). */
  parse(value: unknown): T;
}

export function defineCodec<S extends z.ZodType>(
  name: string,
  schema: S,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): Codec<z.output<S>> {
  const parse = (value: unknown): z.output<S> => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    throw schemaError(name, result.error);
  };
  return {
    name,
    parse,
    encode: (value) => encodeCanonical(parse(value) as CborValue, limits.maxDepth),
    decode: (bytes) => parse(decodeCanonical(bytes, limits)),
  };
}

/** Turns the first schema issue into an EncodingError that names the field. */
export function schemaError(name: string, error: z.ZodError): EncodingError {
  const issue = error.issues[0];
  if (!issue) return new EncodingError(E.INVALID_FIELD, `${name}: invalid`);
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const field = base === '' ? key : `${base}.${key}`;
    return new EncodingError(E.UNKNOWN_FIELD, `${name}: unknown field "${field}"`, { field });
  }
  const where = base === '' ? '' : ` field "${base}"`;
  return new EncodingError(E.INVALID_FIELD, `${name}:${where} ${issue.message}`, { field: base });
}
