/**
 * Catch-up: a fresh observer syncing a long history from a validator — fetching block ranges over p2p, verifying
 * every commit certificate and every transaction signature, re-executing every block and committing it.
 *   - the history: 20,000 blocks holding 500,000 signed transfers (25 per block) by default, written straight into
 *     node0's store with real commit certificates (see lib/certified-history.ts);
 *   - node0 (a validator of a 4-validator testnet, the only one running) serves it; node4, an observer with an empty
 *     store, is started and timed from its start until its status reports the last height;
 *   - blocks/s, transactions/s, and the ratio to this machine's verification ceiling for one node:
 *     cores × Ed25519 verifications/s per core ÷ (signatures per transfer + precommits per block ÷ transfers per block).
 *
 * Writing the history takes minutes and is not what is measured, so a written history is kept in
 * .cache/bench/catchup-<signatures>sig-<blocks>x<transfers per block>/ and copied for later runs (--fresh writes it
 * again).
 *
 *   npm run bench:catchup [-- --blocks 20000 --txs-per-block 25 --signatures 1|2 --fresh --profile DIR --keep]
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BenchNetwork } from './lib/bench-network.ts';
import { writeCertifiedHistory } from './lib/certified-history.ts';
import { summarizeProfileDir } from './lib/cpuprofile.ts';
import { ProcSampler } from './lib/proc-stats.ts';
import { machine, printTable, writeResult } from './lib/report.ts';
import { round, verdict } from './lib/stats.ts';
import { transferPlan } from './lib/transfer-accounts.ts';
import { verificationsPerSecond } from './lib/verify-rate.ts';

const { values } = parseArgs({
  options: {
    blocks: { type: 'string', default: '20000' },
    'txs-per-block': { type: 'string', default: '25' },
    signatures: { type: 'string', default: '1' },
    /** Run the observer under `node --cpu-prof`, profiles in this directory, summarised at the end. */
    profile: { type: 'string' },
    /** Write the history again instead of reusing the one kept in .cache/bench. */
    fresh: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    name: { type: 'string' },
  },
});
const BLOCKS = Number(values.blocks);
const PER_BLOCK = Number(values['txs-per-block']);
const SIGNATURES = Number(values.signatures);
const TARGET_TX_PER_S = 10_000;
const VALIDATORS = 4;
const OBSERVER = VALIDATORS;
const { cores } = machine();

const perCoreBefore = verificationsPerSecond('node', 2000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-catchup-'));
const cache = path.join(
  import.meta.dirname,
  '..',
  '.cache',
  'bench',
  `catchup-${SIGNATURES}sig-${BLOCKS}x${PER_BLOCK}`,
);
const cacheRecord = path.join(cache, 'history.json');
let net: BenchNetwork;
let history: { blocks: number; txs: number; seconds: number };
let transfers: string;
try {
  if (!values.fresh && existsSync(cacheRecord)) {
    ({ history, transfers } = JSON.parse(readFileSync(cacheRecord, 'utf8')) as {
      history: typeof history;
      transfers: string;
    });
    console.log(`reusing the history written earlier (${cache}; --fresh writes it again)`);
    cpSync(path.join(cache, 'network'), dir, { recursive: true });
    net = await BenchNetwork.reuse(dir);
  } else {
    net = await BenchNetwork.create(dir, {
      validators: VALIDATORS,
      observers: 1,
      blockIntervalMs: 1000,
      timeoutProposeMs: 3000,
      timeoutVoteMs: 1000,
    });
    const plan = transferPlan(net.homes, SIGNATURES);
    transfers = plan.description;
    process.stdout.write(`writing ${BLOCKS.toLocaleString('en-US')} certified blocks of ${PER_BLOCK} transfers... `);
    history = await writeCertifiedHistory({
      home: net.homes[0]!,
      validatorHomes: net.homes.slice(0, VALIDATORS),
      plan,
      blocks: BLOCKS,
      txsPerBlock: PER_BLOCK,
      onProgress: (h) => {
        if (h % 5000 === 0) process.stdout.write(`${h} `);
      },
    });
    console.log(`done in ${history.seconds.toFixed(0)} s`);
    // Kept before any node has opened a home: later runs start from exactly this.
    rmSync(cache, { recursive: true, force: true });
    cpSync(dir, path.join(cache, 'network'), { recursive: true });
    writeFileSync(cacheRecord, JSON.stringify({ history, transfers }) + '\n');
  }
} catch (err) {
  rmSync(dir, { recursive: true, force: true });
  throw err;
}
const profileDir = values.profile === undefined ? undefined : path.resolve(values.profile);
if (profileDir) mkdirSync(profileDir, { recursive: true });

let sync: {
  seconds: number;
  secondsFromFirstBlock: number;
  startupSeconds: number;
  observer: { cpuCores: number; systemCores: number; rssPeakMiB: number };
  validator: { cpuCores: number; systemCores: number; rssPeakMiB: number };
};
try {
  await net.start(0);
  await net.waitForHeight(BLOCKS, 60_000, [0]);
  const started = performance.now();
  await net.start(OBSERVER, profileDir ? { profileDir } : {});
  const sampler = new ProcSampler([net.pid(OBSERVER), net.pid(0)]);
  sampler.start();
  let firstBlockAt: number | undefined;
  let lastPrint = 0;
  for (;;) {
    const status = await net.status(OBSERVER).catch(() => undefined);
    const height = status?.height ?? 0;
    if (height > 0 && firstBlockAt === undefined) firstBlockAt = performance.now();
    if (height >= BLOCKS) break;
    if (performance.now() - lastPrint > 10_000) {
      lastPrint = performance.now();
      console.log(
        `  observer at height ${height.toLocaleString('en-US')} after ${((lastPrint - started) / 1000).toFixed(0)} s`,
      );
    }
    if (performance.now() - started > 1_800_000) throw new Error('the observer did not catch up within 30 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  const done = performance.now();
  const [observer, validator] = sampler.stop();
  sync = {
    seconds: (done - started) / 1000,
    secondsFromFirstBlock: (done - firstBlockAt!) / 1000,
    startupSeconds: (firstBlockAt! - started) / 1000,
    observer: {
      cpuCores: round(observer!.cpuCores, 2),
      systemCores: round(observer!.systemCores, 2),
      rssPeakMiB: observer!.rssPeakMiB,
    },
    validator: {
      cpuCores: round(validator!.cpuCores, 2),
      systemCores: round(validator!.systemCores, 2),
      rssPeakMiB: validator!.rssPeakMiB,
    },
  };
} finally {
  await net.stopAll();
  net.cleanup(values.keep);
}
const perCoreAfter = verificationsPerSecond('node', 2000);

// ── Report ──
const perCore = Math.round((perCoreBefore + perCoreAfter) / 2);
const precommits = 3; // just over 2/3 of 4 equal validators
const verificationsPerTx = SIGNATURES + precommits / PER_BLOCK;
const ceiling = Math.round((cores * perCore) / verificationsPerTx);
const txPerSecond = history.txs / sync.seconds;
const cpuMicrosPerTx = (sync.observer.cpuCores * sync.seconds * 1e6) / history.txs;
const rows: Record<string, string | number>[] = [
  {
    figure: `observer catch-up: ${history.blocks.toLocaleString('en-US')} blocks, ${history.txs.toLocaleString('en-US')} transfers`,
    value: `${sync.seconds.toFixed(1)} s`,
    target: '',
    ratio: '',
  },
  {
    figure: '  transactions/s (from process start to caught up)',
    value: `${Math.round(txPerSecond).toLocaleString('en-US')}/s`,
    target: '≥ 10,000/s',
    ratio: verdict(txPerSecond, TARGET_TX_PER_S, 'higher'),
  },
  {
    figure: '  blocks/s',
    value: `${Math.round(history.blocks / sync.seconds).toLocaleString('en-US')}/s`,
    target: '',
    ratio: '',
  },
  {
    figure: '  transactions/s from the first synced block (start-up excluded)',
    value: `${Math.round(history.txs / sync.secondsFromFirstBlock).toLocaleString('en-US')}/s`,
    target: '',
    ratio: `start-up ${sync.startupSeconds.toFixed(1)} s`,
  },
  {
    figure: `verification ceiling: ${cores} cores × ${perCore.toLocaleString('en-US')}/s ÷ ${verificationsPerTx.toFixed(2)} sig/tx`,
    value: `${ceiling.toLocaleString('en-US')}/s`,
    target: '',
    ratio: `catch-up ÷ ceiling = ${(txPerSecond / ceiling).toFixed(2)}`,
  },
  {
    figure: '  observer process',
    value: `CPU ${sync.observer.cpuCores.toFixed(2)} cores (${sync.observer.systemCores.toFixed(2)} kernel), RSS ≤ ${sync.observer.rssPeakMiB} MiB`,
    target: '',
    ratio: '',
  },
  {
    // What the catch-up costs whatever else the machine is doing: CPU time, all threads, start-up included.
    figure: '  observer CPU time per transaction (all threads)',
    value: `${Math.round(cpuMicrosPerTx)} µs`,
    target: '',
    ratio: `${cores} cores ÷ this = ${Math.round((cores * 1e6) / cpuMicrosPerTx).toLocaleString('en-US')}/s`,
  },
  {
    figure: '  serving validator process',
    value: `CPU ${sync.validator.cpuCores.toFixed(2)} cores (${sync.validator.systemCores.toFixed(2)} kernel), RSS ≤ ${sync.validator.rssPeakMiB} MiB`,
    target: '',
    ratio: '',
  },
];
console.log(`\n${transfers}; history written in ${history.seconds.toFixed(0)} s (not measured)\n`);
printTable(rows);

let profile: ReturnType<typeof summarizeProfileDir> | undefined;
if (profileDir) {
  profile = summarizeProfileDir(path.join(profileDir, `node${OBSERVER}`), 25);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const t of profile) {
    console.log(`\nprofile observer ${t.thread === 0 ? 'main thread' : `worker ${t.thread}`}: busy ${t.busyMs} ms`);
    if (t.thread === 0) {
      printTable(t.topOwnInclusive.slice(0, 20).map((f) => ({ function: f.name, ms: f.ms, share: pct(f.share) })));
      console.log('');
    }
    printTable(t.topFunctions.slice(0, 12).map((f) => ({ 'self time': f.name, ms: f.ms, share: pct(f.share) })));
  }
}

const file = writeResult(values.name ?? (SIGNATURES === 1 ? 'catchup' : 'catchup-2sig'), {
  setup: { transfers, signaturesPerTransfer: SIGNATURES, precommitsPerBlock: precommits },
  history,
  sync: {
    ...sync,
    blocksPerSecond: history.blocks / sync.seconds,
    txPerSecond,
    observerCpuMicrosPerTx: cpuMicrosPerTx,
  },
  verification: { perCoreBefore, perCoreAfter, perCore, verificationsPerTx, ceiling, ratio: txPerSecond / ceiling },
  target: { txPerSecond: TARGET_TX_PER_S },
  ...(profile && { profile }),
  rows,
});
console.log(`\nwritten to ${file}`);
