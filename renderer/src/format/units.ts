import { formatMoney } from './money.ts';

/** Amounts as the API sends them (decimal strings of minor units) shown with the asset's decimals. */

export interface AssetInfo {
  readonly decimals: number;
  /** ISO 4217 code for currencies; securities show their asset id. */
  readonly currency?: string | undefined;
}

/** "CNY 1,250.00" for a currency, "10,000 HB-BOND-2030" for a security. Unknown assets show raw minor units. */
export function formatAssetAmount(
  minor: string | bigint,
  asset: string,
  info: AssetInfo | undefined,
  locale: string,
): string {
  const value = typeof minor === 'bigint' ? minor : BigInt(minor);
  if (!info) return `${value.toString()} ${asset} (minor units)`;
  if (info.currency) return formatMoney(value, info.decimals, locale, info.currency);
  return `${formatMoney(value, info.decimals, locale)} ${asset}`;
}

/** A signed change: "+1,250.00" / "−1,250.00" (a real minus sign), no currency. */
export function formatDelta(minor: string, decimals: number, locale: string): string {
  const value = BigInt(minor);
  const shown = formatMoney(value < 0n ? -value : value, decimals, locale);
  return value < 0n ? `−${shown}` : `+${shown}`;
}
