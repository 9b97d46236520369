import { CodedError } from '../errors.ts';

/**
 * Why a byte string was refused as canonical Countersign CBOR, or why a value cannot be encoded.
 * Every refusal carries one of these codes so callers (p2p scoring, API errors, import dialogs) can act on it
 * without parsing messages.
 */
export const EncodingErrorCode = {
  TOO_LARGE: 'ENCODING_TOO_LARGE',
  TOO_DEEP: 'ENCODING_TOO_DEEP',
  TRUNCATED: 'ENCODING_TRUNCATED',
  TRAILING_BYTES: 'ENCODING_TRAILING_BYTES',
  NON_MINIMAL: 'ENCODING_NON_MINIMAL',
  INDEFINITE_LENGTH: 'ENCODING_INDEFINITE_LENGTH',
  RESERVED_ADDITIONAL_INFO: 'ENCODING_RESERVED_ADDITIONAL_INFO',
  TAG_NOT_ALLOWED: 'ENCODING_TAG_NOT_ALLOWED',
  FLOAT_NOT_ALLOWED: 'ENCODING_FLOAT_NOT_ALLOWED',
  SIMPLE_VALUE_NOT_ALLOWED: 'ENCODING_SIMPLE_VALUE_NOT_ALLOWED',
  INVALID_UTF8: 'ENCODING_INVALID_UTF8',
  MAP_KEY_NOT_TEXT: 'ENCODING_MAP_KEY_NOT_TEXT',
  MAP_KEYS_UNSORTED: 'ENCODING_MAP_KEYS_UNSORTED',
  DUPLICATE_MAP_KEY: 'ENCODING_DUPLICATE_MAP_KEY',
  NOT_CANONICAL: 'ENCODING_NOT_CANONICAL',
  UNKNOWN_FIELD: 'ENCODING_UNKNOWN_FIELD',
  INVALID_FIELD: 'ENCODING_INVALID_FIELD',
  UNENCODABLE: 'ENCODING_UNENCODABLE',
} as const;
export type EncodingErrorCode = (typeof EncodingErrorCode)[keyof typeof EncodingErrorCode];

export class EncodingError extends CodedError<EncodingErrorCode> {
  override readonly name = 'EncodingError';
  /** Byte offset of the offending item, for structural errors. */
  readonly offset: number | undefined;
  /** Dotted path of the offending field, for schema errors (e.g. `ops.0.amount`). */
  readonly field: string | undefined;

  constructor(code: EncodingErrorCode, message: string, where: { offset?: number; field?: string } = {}) {
    super(code, message);
    this.offset = where.offset;
    this.field = where.field;
  }
}
