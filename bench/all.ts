/**
 * Every benchmark, one after another (each its own process, as `npm run bench:<part>` runs it), then one summary
 * table of the targets of issue 8 against what this run measured, written to bench/results/summary.json.
 *
 *   npm run bench [-- --only limits,network --quick]
 *
 * --quick runs each part small (a smoke test of the whole suite in a few minutes; its figures are not the ones to
 * quote). Without it the run takes about 15–20 minutes on a 2-core machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { printTable, writeResult } from './lib/report.ts';
import { verdict } from './lib/stats.ts';

const { values } = parseArgs({
  options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } },
});
const quick = values.quick;
// Quick figures go to *.quick.tmp.json (git-ignored), never over the committed results; children inherit this.
if (quick) process.env['BENCH_RESULT_SUFFIX'] = '.quick.tmp';

/** Each part: its script and arguments (full run, quick run). */
const PARTS: Record<string, { script: string; args: string[]; quickArgs: string[] }> = {
  limits: { script: 'limits.ts', args: [], quickArgs: ['--ms', '500'] },
  crypto: { script: 'crypto.ts', args: [], quickArgs: ['--ms', '300'] },
  // Its history half is the queries part's job here.
  ledger: { script: 'ledger.ts', args: ['--history', '0'], quickArgs: ['--history', '0', '--txs', '10000'] },
  network: {
    script: 'network.ts',
    args: [],
    quickArgs: ['--max-steps', '3', '--step-ms', '6000', '--latency-ms', '6000', '--warmup-ms', '5000'],
  },
  'network-2sig': {
    script: 'network.ts',
    args: ['--signatures', '2'],
    quickArgs: [
      '--signatures',
      '2',
      '--max-steps',
      '2',
      '--step-ms',
      '6000',
      '--latency-ms',
      '6000',
      '--warmup-ms',
      '5000',
    ],
  },
  catchup: { script: 'catchup.ts', args: [], quickArgs: ['--blocks', '1000'] },
  queries: { script: 'queries.ts', args: [], quickArgs: ['--txs', '100000'] },
  approval: { script: 'approval.ts', args: [], quickArgs: ['--samples', '5'] },
};
const only = values.only?.split(',');
for (const name of only ?? [])
  if (!(name in PARTS)) throw new Error(`unknown part "${name}"; parts: ${Object.keys(PARTS).join(', ')}`);

const durations: Record<string, number> = {};
const failed: string[] = [];
const started = performance.now();
for (const [name, part] of Object.entries(PARTS)) {
  if (only && !only.includes(name)) continue;
  console.log(`\n━━ ${name} ━━`);
  const t = performance.now();
  const run = spawnSync(
    process.execPath,
    [path.join(import.meta.dirname, part.script), ...(quick ? part.quickArgs : part.args)],
    {
      stdio: 'inherit',
    },
  );
  durations[name] = Math.round((performance.now() - t) / 1000);
  if (run.status !== 0) failed.push(name);
}
const totalSeconds = Math.round((performance.now() - started) / 1000);

// ── Summary: the targets against this run's figures ──
const results = path.join(import.meta.dirname, 'results');
const suffix = process.env['BENCH_RESULT_SUFFIX'] ?? '';
function read<T>(name: string): T | undefined {
  const file = path.join(results, `${name}${suffix}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}
/** The parts of each result file the summary reads. */
interface P50P99 {
  p50: number;
  p99: number;
}
interface NetworkJson {
  saturation: { committedPerSecond: number; ratioToCeiling: number };
  verification: { ceiling: number };
  latency: { offered: number; finalityMs: P50P99 };
}
interface CatchupJson {
  history: { blocks: number; txs: number };
  sync: { txPerSecond: number; blocksPerSecond: number };
  verification: { ceiling: number; ratio: number };
}
const net = read<NetworkJson>('network');
const net2 = read<NetworkJson>('network-2sig');
const catchup = read<CatchupJson>('catchup');
const queries = read<{ ledger: { txs: number }; historyPageMs: P50P99; proposalTrailMs: P50P99 }>('queries');
const approval = read<{ everyNodeMs: P50P99 }>('approval');
const limits = read<{ ed25519: { perCoreNode: number } }>('limits');
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const rows: Record<string, string>[] = [];
if (limits) {
  rows.push({
    figure: 'Ed25519 verifications/s per core (libsodium, the node’s verifier)',
    target: '',
    measured: n(limits.ed25519.perCoreNode),
    ratio: '',
  });
}
for (const [label, r] of [
  ['1 signature', net],
  ['2 signatures (demo 2-of-3)', net2],
] as const) {
  if (!r) continue;
  rows.push({
    figure: `committed transfers/s at saturation, ${label}`,
    target: '≥ 3,000/s',
    measured: `${n(r.saturation.committedPerSecond)}/s`,
    ratio: verdict(r.saturation.committedPerSecond, 3000, 'higher'),
  });
  rows.push({
    figure: `  ÷ verification ceiling (${n(r.verification.ceiling)}/s)`,
    target: '',
    measured: r.saturation.ratioToCeiling.toFixed(2),
    ratio: '',
  });
  rows.push({
    figure: `  finality p50 / p99 at ${n(r.latency.offered)}/s (70%)`,
    target: '≤ 1,000 / 2,000 ms',
    measured: `${n(r.latency.finalityMs.p50)} / ${n(r.latency.finalityMs.p99)} ms`,
    ratio: `${verdict(r.latency.finalityMs.p50, 1000, 'lower')} / ${verdict(r.latency.finalityMs.p99, 2000, 'lower')}`,
  });
}
if (catchup) {
  rows.push({
    figure: `catch-up, ${n(catchup.history.blocks)} blocks / ${n(catchup.history.txs)} transfers`,
    target: '≥ 10,000 tx/s',
    measured: `${n(catchup.sync.txPerSecond)} tx/s, ${n(catchup.sync.blocksPerSecond)} blocks/s`,
    ratio: verdict(catchup.sync.txPerSecond, 10_000, 'higher'),
  });
  rows.push({
    figure: `  ÷ verification ceiling (${n(catchup.verification.ceiling)} tx/s)`,
    target: '',
    measured: catchup.verification.ratio.toFixed(2),
    ratio: '',
  });
}
if (queries) {
  rows.push({
    figure: `history page p50 / p99, ${n(queries.ledger.txs)} transactions`,
    target: 'p99 ≤ 5 ms',
    measured: `${queries.historyPageMs.p50.toFixed(2)} / ${queries.historyPageMs.p99.toFixed(2)} ms`,
    ratio: verdict(queries.historyPageMs.p99, 5, 'lower'),
  });
  rows.push({
    figure: '  proposal trail p50 / p99',
    target: '',
    measured: `${queries.proposalTrailMs.p50.toFixed(2)} / ${queries.proposalTrailMs.p99.toFixed(2)} ms`,
    ratio: '',
  });
}
if (approval) {
  rows.push({
    figure: 'deciding approval → executed on every node, p50 / p99',
    target: '',
    measured: `${n(approval.everyNodeMs.p50)} / ${n(approval.everyNodeMs.p99)} ms`,
    ratio: '',
  });
}
console.log(`\n━━ summary (${quick ? 'quick run: smoke figures only' : 'full run'}) ━━\n`);
printTable(rows);
console.log(
  `\ntook ${totalSeconds} s: ${Object.entries(durations)
    .map(([k, v]) => `${k} ${v} s`)
    .join(', ')}`,
);
writeResult('summary', { quick, durationsSeconds: durations, totalSeconds, failed, rows });
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
