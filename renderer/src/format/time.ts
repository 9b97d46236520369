/**
 * Times on the ledger are block times in ms since the epoch, carried as decimal strings. Shown in the reader's locale
 * and time zone; deadlines also as a countdown ("in 3 h 20 min"), which is what a signatory acts on.
 */

export function formatTime(ms: string | number | bigint, locale: string): string {
  const value = Number(ms);
  if (!Number.isFinite(value)) return String(ms);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(value));
}

/** "in 3 h 20 min" / "5 min ago": the largest two units, never finer than a minute except under a minute. */
export function formatCountdown(targetMs: number, nowMs: number, locale: string): string {
  const diff = targetMs - nowMs;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'short' });
  const sign = diff < 0 ? -1 : 1;
  if (abs < 60_000) return rtf.format(sign * Math.round(abs / 1000), 'second');
  if (abs < 3_600_000) return rtf.format(sign * Math.round(abs / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(sign * Math.round(abs / 3_600_000), 'hour');
  return rtf.format(sign * Math.round(abs / 86_400_000), 'day');
}

/** The first and last hex digits of a hash, for tables; the full value is always one click or hover away. */
export function shortHash(hex: string, keep = 8): string {
  return hex.length <= keep * 2 + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-4)}`;
}

/** A length of time in its largest whole unit: "1 day", "6 hours", "15 minutes". */
export function formatDuration(ms: number, locale: string): string {
  const [unit, size] =
    ms % 86_400_000 === 0
      ? (['day', 86_400_000] as const)
      : ms % 3_600_000 === 0
        ? (['hour', 3_600_000] as const)
        : (['minute', 60_000] as const);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(
    ms / size,
  );
}
