import { isCurrencyCode as isIso4217, parseLei } from '../../../shared/finance/index.ts';

/** ISO 4217 active alphabetic code. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && isIso4217(code);
}

/** ISO 17442 LEI with valid check digits. */
export function isLei(value: string): boolean {
  try {
    parseLei(value);
    return true;
  } catch {
    return false;
  }
}
