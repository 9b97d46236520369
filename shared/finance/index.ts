export { assertAmount, assertDecimals, formatAmount, MAX_AMOUNT, MAX_DECIMALS, parseAmount } from './amount.ts';
export { currencyCodes, currencyMinorUnits, isCurrencyCode, parseCurrencyCode } from './currency.ts';
export { FinanceError, FinanceErrorCode } from './errors.ts';
export { isinCheckDigit, leiCheckDigits, parseIsin, parseLei } from './identifiers.ts';
