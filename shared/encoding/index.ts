export { encodeCanonical, decodeCanonical, decodeTrusted, type CborValue } from './cbor.ts';
export { defineCodec, schemaError, type Codec } from './codec.ts';
export { EncodingError, EncodingErrorCode } from './errors.ts';
export { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './limits.ts';
export { compareBytes, itemEnd } from './scan.ts';
export * as s from './schema.ts';
export { encodeUnsigned } from './uint.ts';
export { encodeHead, itemHead, mapPathBytes, mapValueRange, skipItem, type ItemHead } from './walk.ts';
