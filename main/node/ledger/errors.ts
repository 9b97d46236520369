import { CodedError } from '../../../shared/errors.ts';

/**
 * Why a transaction failed. The code is stored with the transaction and returned by the API; the message explains
 * it to a person. Codes are stable: tests, clients and other nodes depend on them.
 */
export const LedgerErrorCode = {
  UNKNOWN_SIGNER: 'UNKNOWN_SIGNER',
  SIGNER_INACTIVE: 'SIGNER_INACTIVE',
  POLICY_NOT_SATISFIED: 'POLICY_NOT_SATISFIED',
  NOT_IN_POLICY: 'NOT_IN_POLICY',
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_FUNDS',
  AMOUNT_ZERO: 'AMOUNT_ZERO',
  SUPPLY_OVERFLOW: 'SUPPLY_OVERFLOW',
  SAME_ACCOUNT: 'SAME_ACCOUNT',
  UNKNOWN_ACCOUNT: 'UNKNOWN_ACCOUNT',
  UNKNOWN_ASSET: 'UNKNOWN_ASSET',
  UNKNOWN_MEMBER: 'UNKNOWN_MEMBER',
  UNKNOWN_SIGNATORY: 'UNKNOWN_SIGNATORY',
  UNKNOWN_PROPOSAL: 'UNKNOWN_PROPOSAL',
  UNKNOWN_BILL: 'UNKNOWN_BILL',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  BAD_IDENTIFIER: 'BAD_IDENTIFIER',
  BAD_POLICY: 'BAD_POLICY',
  BAD_KEY: 'BAD_KEY',
  NOT_ISSUER: 'NOT_ISSUER',
  PROPOSAL_NOT_PENDING: 'PROPOSAL_NOT_PENDING',
  PROPOSAL_EXPIRED: 'PROPOSAL_EXPIRED',
  ALREADY_APPROVED: 'ALREADY_APPROVED',
  BAD_APPROVAL: 'BAD_APPROVAL',
  NOT_PROPOSER: 'NOT_PROPOSER',
  EXPIRY_INVALID: 'EXPIRY_INVALID',
  NOT_HOLDER: 'NOT_HOLDER',
  BILL_NOT_OUTSTANDING: 'BILL_NOT_OUTSTANDING',
  BILL_NOT_MATURE: 'BILL_NOT_MATURE',
  BILL_MATURED: 'BILL_MATURED',
  CURRENCY_MISMATCH: 'CURRENCY_MISMATCH',
  PRICE_ABOVE_FACE_VALUE: 'PRICE_ABOVE_FACE_VALUE',
  NOT_SUPPORTED: 'NOT_SUPPORTED',
} as const;
export type LedgerErrorCode = (typeof LedgerErrorCode)[keyof typeof LedgerErrorCode];

export class LedgerError extends CodedError<LedgerErrorCode> {
  override readonly name = 'LedgerError';
}

export function fail(code: LedgerErrorCode, message: string): never {
  throw new LedgerError(code, message);
}
