import { CodedError } from '../../../shared/errors.ts';
/**
 * Why storage refused an operation. Codes are stable strings so the node, the API and tests can act on them without
 * parsing messages.
 */
export const StorageErrorCode = {
  /** The database was written by a newer version of the code; opening it could corrupt or misread it. */
  DATABASE_TOO_NEW: 'DATABASE_TOO_NEW',
  /** A read-only handle was opened on a database the writer has not migrated yet. */
  DATABASE_TOO_OLD: 'DATABASE_TOO_OLD',
  /** A block's height is not the stored tip + 1. */
  HEIGHT_MISMATCH: 'HEIGHT_MISMATCH',
  /** A block's previousHash is not the stored tip's hash. */
  PARENT_MISMATCH: 'PARENT_MISMATCH',
  /** A CommittedBlock whose parts disagree (e.g. fewer results than transactions). */
  INVALID_BLOCK: 'INVALID_BLOCK',
  /** Genesis can only be stored once, into an empty store. */
  GENESIS_EXISTS: 'GENESIS_EXISTS',
  /** A pagination cursor that this code did not produce. */
  BAD_CURSOR: 'BAD_CURSOR',
  /** A page size outside the accepted range. */
  BAD_LIMIT: 'BAD_LIMIT',
} as const;
export type StorageErrorCode = (typeof StorageErrorCode)[keyof typeof StorageErrorCode];

export class StorageError extends CodedError<StorageErrorCode> {
  override readonly name = 'StorageError';
}
