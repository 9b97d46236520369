import { CodedError } from '../../../shared/errors.ts';

/** Why a transaction was not admitted to the mempool or not included in a block. */
export const AdmissionErrorCode = {
  WRONG_CHAIN: 'TX_WRONG_CHAIN',
  EXPIRED: 'TX_EXPIRED',
  EXPIRY_TOO_FAR: 'TX_EXPIRY_TOO_FAR',
  DUPLICATE_SIGNER: 'TX_DUPLICATE_SIGNER',
  BAD_SIGNATURE: 'TX_BAD_SIGNATURE',
  UNKNOWN_SIGNER: 'TX_UNKNOWN_SIGNER',
  ALREADY_COMMITTED: 'TX_ALREADY_COMMITTED',
  ALREADY_PENDING: 'TX_ALREADY_PENDING',
  MEMPOOL_FULL: 'MEMPOOL_FULL',
  NOT_ACCEPTING: 'NODE_NOT_ACCEPTING',
} as const;
export type AdmissionErrorCode = (typeof AdmissionErrorCode)[keyof typeof AdmissionErrorCode];

export class AdmissionError extends CodedError<AdmissionErrorCode> {
  override readonly name = 'AdmissionError';
}
