import { formatAmount } from '../../../shared/finance/index.ts';

/**
 * Shows an amount in minor units for a person: locale digit grouping and the asset's exact decimals, computed from
 * the bigint without ever passing through a float (Intl.NumberFormat accepts decimal strings exactly).
 */
export function formatMoney(amount: bigint, decimals: number, locale: string, currency?: string): string {
  const exact = formatAmount(amount, decimals);
  const format = new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    ...(currency ? { style: 'currency', currency, currencyDisplay: 'code' } : {}),
  });
  return format.format(exact as `${number}`);
}
