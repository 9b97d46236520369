import { parseAmount } from '../../../../shared/finance/amount.ts';
import type { TermSpecJson } from '../../api/results.ts';

/** What the wizard's fields hold: text, a number (durations in days, counts), or nothing yet. */
export type TermInput = string | number | undefined;

/** A term as the API takes it: numbers as decimal strings (amounts in minor units, times and durations in ms). */
export function termValue(
  spec: TermSpecJson,
  raw: string | number,
  all: Record<string, TermInput>,
  assetInfo: (id: string) => { decimals: number } | undefined,
): string {
  switch (spec.kind) {
    case 'amount': {
      const asset = String(all[spec.asset ?? 'asset'] ?? '');
      return parseAmount(String(raw).trim(), assetInfo(asset)?.decimals ?? 0, spec.name).toString();
    }
    case 'time': {
      const ms = new Date(String(raw)).getTime();
      if (!Number.isFinite(ms)) throw new Error(`${spec.name}: not a date and time`);
      return String(ms);
    }
    case 'duration':
      return String(Math.round(Number(raw) * 86_400_000));
    case 'count':
      return String(Math.trunc(Number(raw)));
    default:
      return String(raw);
  }
}
