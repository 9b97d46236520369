/**
 * Read-side latency on a large ledger, through the node's own query functions on a read-only SQLite handle (what
 * the API's account.history and proposal.get trail run):
 *   1. a 50-row account-history page, p50/p99, on a ledger of ≥ 1,000,000 transactions (a quarter of them touching
 *      the account queried), first pages and pages deep in its history;
 *   2. a proposal's trail (created, approvals, executed: 4 events over 2 blocks), p50/p99, among 100,000 proposals.
 *
 *   npm run bench:queries [-- --txs 1000000 --pages 2000 --trails 2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateHistory } from './lib/history-ledger.ts';
import { historyPageLatency, proposalTrailLatency } from './lib/query-latency.ts';
import { printTable, writeResult } from './lib/report.ts';
import { verdict } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    txs: { type: 'string', default: '1000000' },
    pages: { type: 'string', default: '2000' },
    trails: { type: 'string', default: '2000' },
  },
});
const TXS = Number(values.txs);
const TARGET_P99_MS = 5;

const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-queries-'));
const file = path.join(dir, 'ledger.sqlite');
let history;
let trails;
let ledger;
try {
  process.stdout.write(`generating a ledger of ${TXS.toLocaleString('en-US')} transactions with proposals... `);
  const started = performance.now();
  ledger = generateHistory(file, TXS, { proposals: true });
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  history = historyPageLatency(file, ledger.hotAccount, Number(values.pages));
  trails = proposalTrailLatency(file, ledger.proposalIds, Number(values.trails));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const ms = (x: number) => `${x.toFixed(3)} ms`;
const n = (x: number) => x.toLocaleString('en-US');
const rows = [
  {
    query: `account history, 50-row page, ${n(TXS)} transactions: p50`,
    value: ms(history.p50),
    target: '',
    ratio: '',
  },
  { query: '  p99', value: ms(history.p99), target: '≤ 5 ms', ratio: verdict(history.p99, TARGET_P99_MS, 'lower') },
  {
    query: `proposal trail (4 events), ${n(ledger.proposalIds.length)} proposals: p50`,
    value: ms(trails.p50),
    target: '',
    ratio: '',
  },
  { query: '  p99', value: ms(trails.p99), target: '', ratio: '' },
];
printTable(rows);
const out = writeResult('queries', {
  ledger: { txs: TXS, proposals: ledger.proposalIds.length },
  historyPageMs: history,
  proposalTrailMs: trails,
  target: { historyPageP99Ms: TARGET_P99_MS },
  rows,
});
console.log(`\nwritten to ${out}`);
