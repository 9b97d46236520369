import { CodedError } from '../../../../shared/errors.ts';

/** Why a keystore could not be created, read or used. Codes are stable: the CLI and tests match on them. */
export const KeystoreErrorCode = {
  /** GCM authentication failed: a wrong passphrase, or a file altered after it was written (they look the same). */
  BAD_PASSPHRASE: 'KEYSTORE_BAD_PASSPHRASE',
  /** Not JSON, not our schema, an unknown version or KDF parameters outside the accepted range. */
  MALFORMED: 'KEYSTORE_MALFORMED',
  /** sign() after lock() or the idle timeout. */
  LOCKED: 'KEYSTORE_LOCKED',
  /** createKeystore never overwrites a key. */
  EXISTS: 'KEYSTORE_EXISTS',
  NOT_FOUND: 'KEYSTORE_NOT_FOUND',
  WEAK_PASSPHRASE: 'KEYSTORE_WEAK_PASSPHRASE',
  /** The decrypted secret does not belong to the public key in the header. */
  MISMATCH: 'KEYSTORE_MISMATCH',
  /** An imported secret key is not a valid key for its scheme. */
  INVALID_KEY: 'KEYSTORE_INVALID_KEY',
} as const;
export type KeystoreErrorCode = (typeof KeystoreErrorCode)[keyof typeof KeystoreErrorCode];

export class KeystoreError extends CodedError<KeystoreErrorCode> {
  override readonly name = 'KeystoreError';
}
