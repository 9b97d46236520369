import { CodedError } from '../../../shared/errors.ts';

/** Why an offline signing file was refused. Every refusal names what is wrong; nothing is signed or submitted. */
export const OfflineErrorCode = {
  MALFORMED: 'OFFLINE_FILE_MALFORMED',
  MODIFIED: 'OFFLINE_FILE_MODIFIED',
  DIGEST_MISMATCH: 'OFFLINE_DIGEST_MISMATCH',
  HASH_MISMATCH: 'OFFLINE_HASH_MISMATCH',
  WRONG_CHAIN: 'OFFLINE_WRONG_CHAIN',
  BAD_SIGNATURE: 'OFFLINE_BAD_SIGNATURE',
  TX_MISMATCH: 'OFFLINE_TX_MISMATCH',
  NOT_A_SIGNATORY: 'OFFLINE_NOT_A_SIGNATORY',
  PROPOSAL_CLOSED: 'OFFLINE_PROPOSAL_CLOSED',
  DECLINED: 'OFFLINE_DECLINED',
} as const;
export type OfflineErrorCode = (typeof OfflineErrorCode)[keyof typeof OfflineErrorCode];

export class OfflineError extends CodedError<OfflineErrorCode> {
  override readonly name = 'OfflineError';
}
