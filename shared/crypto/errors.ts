import { CodedError } from '../errors.ts';

/** Why a public key or signature was refused before any verification was attempted. */
export const CryptoErrorCode = {
  UNKNOWN_SCHEME: 'CRYPTO_UNKNOWN_SCHEME',
  BAD_LENGTH: 'CRYPTO_BAD_LENGTH',
  INVALID_POINT: 'CRYPTO_INVALID_POINT',
  WEAK_KEY: 'CRYPTO_WEAK_KEY',
  SCHEME_MISMATCH: 'CRYPTO_SCHEME_MISMATCH',
  HIGH_S: 'CRYPTO_HIGH_S',
  SCALAR_OUT_OF_RANGE: 'CRYPTO_SCALAR_OUT_OF_RANGE',
  MALFORMED_DER: 'CRYPTO_MALFORMED_DER',
} as const;
export type CryptoErrorCode = (typeof CryptoErrorCode)[keyof typeof CryptoErrorCode];

export class CryptoError extends CodedError<CryptoErrorCode> {
  override readonly name = 'CryptoError';
}
