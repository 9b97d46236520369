import { FinanceError, FinanceErrorCode as E } from './errors.ts';

/**
 * Money and quantities are integers in an asset's minor unit (cents, fen, shares × 10^decimals), as bigint, from the
 * moment they are parsed to the moment they are shown. There is no floating point on this path, so 0.1 + 0.2 is
 * exactly 0.3 and totals never drift.
 *
 * Amounts on the ledger are unsigned 64-bit: up to 18,446,744,073,709,551,615 minor units, which is
 * 184,467,440,737,095,516.15 at two decimals. Decimals are 0–18.
 */
export const MAX_AMOUNT = (1n << 64n) - 1n;
export const MAX_DECIMALS = 18;

export function assertDecimals(decimals: number, field = 'decimals'): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw new FinanceError(
      E.DECIMALS_INVALID,
      field,
      `must be a whole number from 0 to ${MAX_DECIMALS}, got ${decimals}`,
    );
  }
}

export function assertAmount(amount: bigint, field = 'amount'): void {
  if (amount < 0n || amount > MAX_AMOUNT) {
    throw new FinanceError(E.AMOUNT_OUT_OF_RANGE, field, `must be between 0 and ${MAX_AMOUNT} minor units`);
  }
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string such as "1234.56" into minor units for an asset with `decimals` decimals.
 * Accepts plain digits with an optional fraction; refuses signs, exponents, grouping, spaces and more fraction
 * digits than the asset has (rather than rounding someone's money).
 */
export function parseAmount(text: string, decimals: number, field = 'amount'): bigint {
  assertDecimals(decimals);
  const match = DECIMAL.exec(text);
  if (!match) {
    throw new FinanceError(E.AMOUNT_FORMAT, field, `"${text}" is not a decimal amount like 1234.56`);
  }
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    throw new FinanceError(
      E.AMOUNT_TOO_PRECISE,
      field,
      `"${text}" has ${fraction.length} decimal places; this asset has ${decimals}`,
    );
  }
  const amount = BigInt(whole + fraction.padEnd(decimals, '0'));
  assertAmount(amount, field);
  return amount;
}

/** Formats minor units as a plain decimal string ("1234.56"); locale grouping is the renderer's job. */
export function formatAmount(amount: bigint, decimals: number): string {
  assertDecimals(decimals);
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return (negative ? '-' : '') + (decimals === 0 ? whole : `${whole}.${fraction}`);
}
