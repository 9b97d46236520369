import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The machine a figure was measured on; every benchmark result carries it. */
export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}

/** Prints rows as an aligned table. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const cell = (v: string | number) => (typeof v === 'number' ? v.toLocaleString('en-US') : v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(cell(r[c] ?? '')).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map((c) => String(cell(r[c] ?? '')))));
}

/**
 * Writes `bench/results/<name>.json` with the machine and the time of the run. BENCH_RESULT_SUFFIX (e.g. `.tmp`)
 * is appended to the name: trial runs then leave the committed results alone (`*.tmp.json` is git-ignored).
 */
export function writeResult(name: string, result: object): string {
  const dir = path.join(import.meta.dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}${process.env['BENCH_RESULT_SUFFIX'] ?? ''}.json`);
  writeFileSync(
    file,
    JSON.stringify({ name, at: new Date().toISOString(), machine: machine(), ...result }, null, 2) + '\n',
  );
  return file;
}

/** Runs `fn` repeatedly for about `ms` milliseconds after a short warm-up; returns operations per second. */
export function opsPerSecond(fn: (i: number) => void, ms = 1500): number {
  const warmUntil = performance.now() + Math.min(300, ms / 5);
  let i = 0;
  while (performance.now() < warmUntil) fn(i++);
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    for (let k = 0; k < 16; k++) fn(n++);
  }
  return Math.round(n / ((performance.now() - start) / 1000));
}
