import { FinanceError, FinanceErrorCode as E } from './errors.ts';

/**
 * Active ISO 4217 codes with their minor units (as of the 2025 amendments: XCG replaced ANG, ZWG replaced ZWL,
 * SLE replaced SLL, HRK and CUC withdrawn). Codes marked 0 have no minor unit. Precious metals and the SDR have no
 * minor unit defined by ISO ("N.A."); they are listed as null and take their decimals from the asset definition.
 */
const MINOR_UNITS: Readonly<Record<string, number | null>> = Object.freeze({
  ...group(2, [
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE',
    'CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD',
    'HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP',
    'MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD',
    'SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS',
    'VED VES WST XCD XCG YER ZAR ZMW ZWG',
  ]),
  ...group(3, ['BHD IQD JOD KWD LYD OMR TND']),
  ...group(4, ['CLF UYW']),
  ...group(0, ['BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF']),
  ...group(null, ['XAU XAG XPT XPD XDR']),
});

function group(units: number | null, lines: string[]): Record<string, number | null> {
  return Object.fromEntries(
    lines
      .join(' ')
      .split(' ')
      .map((code) => [code, units]),
  );
}

export function isCurrencyCode(code: string): boolean {
  return Object.hasOwn(MINOR_UNITS, code);
}

/** Validates an ISO 4217 alphabetic code and returns it. */
export function parseCurrencyCode(code: string, field = 'currency'): string {
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new FinanceError(E.CURRENCY_FORMAT, field, `"${code}" is not three upper-case letters (ISO 4217)`);
  }
  if (!isCurrencyCode(code)) {
    throw new FinanceError(E.CURRENCY_UNKNOWN, field, `"${code}" is not an active ISO 4217 currency code`);
  }
  return code;
}

/** ISO 4217 minor units of a currency, or null where ISO defines none (metals, XDR). */
export function currencyMinorUnits(code: string): number | null {
  const units = MINOR_UNITS[parseCurrencyCode(code)];
  return units ?? null;
}

export function currencyCodes(): string[] {
  return Object.keys(MINOR_UNITS).sort();
}
