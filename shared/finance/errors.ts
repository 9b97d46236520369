import { CodedError } from '../errors.ts';

/** Why a financial value or identifier was refused. The `field` names the input that carried it. */
export const FinanceErrorCode = {
  AMOUNT_FORMAT: 'AMOUNT_FORMAT',
  AMOUNT_TOO_PRECISE: 'AMOUNT_TOO_PRECISE',
  AMOUNT_OUT_OF_RANGE: 'AMOUNT_OUT_OF_RANGE',
  DECIMALS_INVALID: 'DECIMALS_INVALID',
  CURRENCY_FORMAT: 'CURRENCY_FORMAT',
  CURRENCY_UNKNOWN: 'CURRENCY_UNKNOWN',
  ISIN_FORMAT: 'ISIN_FORMAT',
  ISIN_COUNTRY: 'ISIN_COUNTRY',
  ISIN_CHECK_DIGIT: 'ISIN_CHECK_DIGIT',
  LEI_FORMAT: 'LEI_FORMAT',
  LEI_CHECKSUM: 'LEI_CHECKSUM',
} as const;
export type FinanceErrorCode = (typeof FinanceErrorCode)[keyof typeof FinanceErrorCode];

export class FinanceError extends CodedError<FinanceErrorCode> {
  override readonly name = 'FinanceError';
  readonly field: string;
  constructor(code: FinanceErrorCode, field: string, message: string) {
    super(code, `${field}: ${message}`);
    this.field = field;
  }
}
