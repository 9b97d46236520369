import { FinanceError, FinanceErrorCode as E } from './errors.ts';

/** ISO 3166-1 alpha-2 codes, which an ISIN's prefix must be (or one of the ISO 6166 extras below). */
const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
    'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
    'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
    'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
    'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
    'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);
/** ISO 6166 prefixes that are not countries: international (XS), EU instruments, CUSIP substitutes, and AN (former
 * Netherlands Antilles, still on outstanding securities). */
const ISIN_EXTRA_PREFIXES = new Set(['XS', 'EU', 'XA', 'XB', 'XC', 'XD', 'AN']);

/** Letters count as two digits (A=10 … Z=35), as both ISIN and LEI check schemes specify. */
function expandLetters(value: string): string {
  let out = '';
  for (const ch of value) out += /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
  return out;
}

/** The ISIN check digit (ISO 6166) for the first 11 characters: Luhn over the letter-expanded digits. */
export function isinCheckDigit(first11: string): number {
  const digits = expandLetters(first11);
  let sum = 0;
  // Luhn from the right: the rightmost digit of the payload is doubled (the check digit would be undoubled).
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Validates an ISIN (ISO 6166): 2-letter prefix, 9 alphanumerics, 1 check digit. */
export function parseIsin(value: string, field = 'isin'): string {
  if (!/^[A-Z]{2}[A-Z0-9]{9}[0-9]$/.test(value)) {
    throw new FinanceError(
      E.ISIN_FORMAT,
      field,
      `"${value}" is not an ISIN: 2 upper-case letters, 9 letters or digits, 1 check digit`,
    );
  }
  const prefix = value.slice(0, 2);
  if (!COUNTRIES.has(prefix) && !ISIN_EXTRA_PREFIXES.has(prefix)) {
    throw new FinanceError(E.ISIN_COUNTRY, field, `"${prefix}" is not an ISO 3166 country code or ISIN prefix`);
  }
  const expected = isinCheckDigit(value.slice(0, 11));
  if (Number(value[11]) !== expected) {
    throw new FinanceError(E.ISIN_CHECK_DIGIT, field, `check digit of "${value}" should be ${expected}`);
  }
  return value;
}

/** Remainder of the letter-expanded string modulo 97, computed piecewise (the number has up to ~40 digits). */
function mod97(value: string): number {
  let rest = 0;
  for (const ch of expandLetters(value)) rest = (rest * 10 + (ch.charCodeAt(0) - 48)) % 97;
  return rest;
}

/** The two LEI check digits (ISO 17442, ISO 7064 MOD 97-10) for the first 18 characters. */
export function leiCheckDigits(first18: string): string {
  return String(98 - mod97(first18 + '00')).padStart(2, '0');
}

/** Validates an LEI (ISO 17442): 18 upper-case letters or digits, then 2 check digits with value mod 97 = 1. */
export function parseLei(value: string, field = 'lei'): string {
  if (!/^[A-Z0-9]{18}[0-9]{2}$/.test(value)) {
    throw new FinanceError(
      E.LEI_FORMAT,
      field,
      `"${value}" is not an LEI: 18 upper-case letters or digits, 2 check digits`,
    );
  }
  if (mod97(value) !== 1) {
    throw new FinanceError(
      E.LEI_CHECKSUM,
      field,
      `check digits of "${value}" should be ${leiCheckDigits(value.slice(0, 18))}`,
    );
  }
  return value;
}
