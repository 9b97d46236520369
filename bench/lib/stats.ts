/** Small statistics for latency samples, in whatever unit they are given. */

/** The q-quantile (0 ≤ q ≤ 1) by the nearest-rank method; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Summary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const count = samples.length;
  const mean = count === 0 ? Number.NaN : samples.reduce((s, x) => s + x, 0) / count;
  return {
    count,
    p50: quantile(samples, 0.5),
    p99: quantile(samples, 0.99),
    max: count === 0 ? Number.NaN : samples.reduce((m, x) => (x > m ? x : m), -Infinity),
    mean,
  };
}

/** A figure against its target: `ratio` is how far the figure is toward the target (≥ 1 means met). */
export function ratioTo(value: number, target: number, better: 'higher' | 'lower'): number {
  return better === 'higher' ? value / target : target / value;
}

/** A ratio for a table cell: "0.84 (missed)" or "1.20 (met)". */
export function verdict(value: number, target: number, better: 'higher' | 'lower'): string {
  if (!Number.isFinite(value)) return 'n/a';
  const r = ratioTo(value, target, better);
  return `${r.toFixed(2)} (${r >= 1 ? 'met' : 'missed'})`;
}

export const round = (x: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
