import { CodedError } from '../../../shared/errors.ts';

/** Why a block from a peer (a proposal, or a synced block) was refused. */
export const BlockErrorCode = {
  WRONG_CHAIN: 'BLOCK_WRONG_CHAIN',
  WRONG_HEIGHT: 'BLOCK_WRONG_HEIGHT',
  PARENT_UNKNOWN: 'BLOCK_PARENT_UNKNOWN',
  WRONG_VALIDATORS: 'BLOCK_WRONG_VALIDATORS',
  TIME_NOT_MONOTONIC: 'BLOCK_TIME_NOT_MONOTONIC',
  TIME_TOO_FAR_AHEAD: 'BLOCK_TIME_TOO_FAR_AHEAD',
  PROPOSER_UNKNOWN: 'BLOCK_PROPOSER_UNKNOWN',
  INVALID_TX: 'BLOCK_INVALID_TX',
  TX_NOT_INCLUDABLE: 'BLOCK_TX_NOT_INCLUDABLE',
  HEADER_MISMATCH: 'BLOCK_HEADER_MISMATCH',
  /** A range of blocks executed over a tip that another commit has since moved (catch-up racing consensus). */
  RANGE_STALE: 'BLOCK_RANGE_STALE',
  CERT_WRONG_BLOCK: 'CERT_WRONG_BLOCK',
  CERT_UNKNOWN_VALIDATOR: 'CERT_UNKNOWN_VALIDATOR',
  CERT_DUPLICATE_VALIDATOR: 'CERT_DUPLICATE_VALIDATOR',
  CERT_BAD_SIGNATURE: 'CERT_BAD_SIGNATURE',
  CERT_NO_QUORUM: 'CERT_NO_QUORUM',
} as const;
export type BlockErrorCode = (typeof BlockErrorCode)[keyof typeof BlockErrorCode];

export class BlockError extends CodedError<BlockErrorCode> {
  override readonly name = 'BlockError';
}
