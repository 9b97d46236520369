/**
 * The validator network under load: 4 validators from `countersign testnet`, each its own process on 127.0.0.1,
 * fed by an open-loop load generator (another process) with transfers signed before each measured window.
 *   1. committed transfers/s at saturation: the offered rate grows step by step until the network stops keeping up;
 *   2. finality p50/p99 (due to be sent → block event over the WebSocket API) at 70% of that rate;
 *   3. CPU and RSS of every node process (from /proc);
 *   4. the ratio of the throughput to this machine's verification ceiling measured in the same run:
 *      cores × Ed25519 verifications/s per core ÷ validators ÷ signatures per transfer.
 *
 *   npm run bench:network [-- --signatures 1|2 --block-interval 200 --rates 500,1000 --step-ms 10000
 *                            --latency-ms 20000 --warmup-ms 15000 --profile DIR --keep]
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BenchNetwork } from './lib/bench-network.ts';
import { summarizeProfileDir } from './lib/cpuprofile.ts';
import { LoadGenerator } from './lib/load-client.ts';
import type { RunResult } from './lib/load-protocol.ts';
import { ProcSampler } from './lib/proc-stats.ts';
import { machine, printTable, writeResult } from './lib/report.ts';
import { round, verdict } from './lib/stats.ts';
import { transferPlan } from './lib/transfer-accounts.ts';
import { verificationCeiling, verificationsAllCores, verificationsPerSecond } from './lib/verify-rate.ts';

const { values } = parseArgs({
  options: {
    validators: { type: 'string', default: '4' },
    /** 1: benchmark accounts under 1-of-1 policies (added to the genesis); 2: the demo treasuries' 2-of-3. */
    signatures: { type: 'string', default: '1' },
    'block-interval': { type: 'string', default: '200' },
    'timeout-propose': { type: 'string', default: '3000' },
    'timeout-vote': { type: 'string', default: '1000' },
    /** Offered rates to step through (transfers/s); default: from 5% of the ceiling, ×1.6 each step until saturated. */
    rates: { type: 'string' },
    'max-steps': { type: 'string', default: '8' },
    'step-ms': { type: 'string', default: '10000' },
    /** The start of each step that is not measured (the rate settles in). */
    'step-warmup-ms': { type: 'string', default: '2000' },
    'latency-ms': { type: 'string', default: '20000' },
    'latency-load': { type: 'string', default: '0.7' },
    /** Unmeasured load first (ms at 50 transfers/s): fresh nodes run their transaction path cold for a while. */
    'warmup-ms': { type: 'string', default: '15000' },
    /** Run every node under `node --cpu-prof`, profiles in this directory, summarised at the end. */
    profile: { type: 'string' },
    keep: { type: 'boolean', default: false },
    name: { type: 'string' },
  },
});
const VALIDATORS = Number(values.validators);
const SIGNATURES = Number(values.signatures);
const STEP_MS = Number(values['step-ms']);
const WARMUP_MS = Number(values['step-warmup-ms']);
const LATENCY_MS = Number(values['latency-ms']);
const LATENCY_LOAD = Number(values['latency-load']);
const TARGET = { throughput: 3000, p50Ms: 1000, p99Ms: 2000 };
const { cores } = machine();

console.log('measuring Ed25519 verifications/s per core before the network starts...');
const perCoreBefore = verificationsPerSecond('node', 2000);
const allCoresBefore = await verificationsAllCores(2000);

const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-net-'));
const net = await BenchNetwork.create(dir, {
  validators: VALIDATORS,
  blockIntervalMs: Number(values['block-interval']),
  timeoutProposeMs: Number(values['timeout-propose']),
  timeoutVoteMs: Number(values['timeout-vote']),
});
const plan = transferPlan(net.homes, SIGNATURES);
console.log(`network: ${VALIDATORS} validators in ${dir}; ${plan.description}`);
const profileDir = values.profile === undefined ? undefined : path.resolve(values.profile);
if (profileDir) mkdirSync(profileDir, { recursive: true });

let generator: LoadGenerator | undefined;
const steps: (RunResult & { nodes: NodeFigures[]; mempools: number[]; saturated: boolean })[] = [];
let latencyRun: (RunResult & { nodes: NodeFigures[] }) | undefined;
/** CPU of all nodes together while the network is idle, in cores (set once the nodes run). */
let idleCores: number | undefined;
try {
  await Promise.all(net.homes.map((_, i) => net.start(i, profileDir ? { profileDir } : {})));
  await net.waitForHeight(2);
  generator = await LoadGenerator.start({
    chainId: net.chainId,
    plan,
    nodes: net.homes.map((_, i) => ({ wsUrl: net.endpoint(i).wsUrl, token: net.token(i) })),
  });

  const ceilingBefore = verificationCeiling({
    cores,
    perCore: perCoreBefore,
    validators: VALIDATORS,
    signaturesPerTransfer: SIGNATURES,
  });
  // What the network costs with nothing to do (empty blocks every block interval, re-gossip, pings): 5 s idle.
  const idleSampler = new ProcSampler(net.homes.map((_, i) => net.pid(i)));
  idleSampler.start();
  await new Promise((r) => setTimeout(r, 5_000));
  idleCores = idleSampler.stop().reduce((sum, p) => sum + p.cpuCores, 0);

  // A fresh node runs its transaction path (decoding, execution, storage) unoptimised for its first few hundred
  // transfers; on a loaded machine that alone stalls the first blocks for seconds. Warm up, unmeasured.
  if (Number(values['warmup-ms']) > 0) {
    console.log('warming up the nodes (unmeasured)...');
    await generator.prepare(Math.ceil((50 * Number(values['warmup-ms'])) / 1000));
    await generator.run(50, Number(values['warmup-ms']), 0, 10_000);
    await drain();
  }

  // Offered rates: the given list, or from 5% of the ceiling up by ×1.6 until saturated; when the first rate is
  // already too much, halve it (up to 3 times) to find one the network sustains.
  const explicit = values.rates?.split(',').map(Number);
  let rate = explicit?.[0] ?? Math.max(20, Math.round(ceilingBefore * 0.05));
  let halvings = 0;
  for (let step = 0; step < (explicit?.length ?? Number(values['max-steps'])); step++) {
    const run = await measure(rate, STEP_MS, WARMUP_MS, 10_000);
    const mempools = await Promise.all(net.homes.map(async (_, i) => (await net.status(i)).mempool));
    const refused = Object.values(run.rejected).reduce((a, b) => a + b, 0);
    // Saturated: committing clearly less than offered, refusing transfers, or unable to take them as fast as sent.
    const saturated = run.committedPerSecond < 0.9 * rate || refused > 0.01 * run.scheduled || run.maxQueued > rate / 2;
    steps.push({ ...run, mempools, saturated });
    console.log(
      `  offered ${rate}/s: committed ${Math.round(run.committedPerSecond)}/s, finality p50 ` +
        `${Math.round(run.finalityMs.p50)} ms p99 ${Math.round(run.finalityMs.p99)} ms, refused ${refused}, ` +
        `mempools ${mempools.join('/')}${saturated ? '  → saturated' : ''}`,
    );
    if (explicit) {
      rate = explicit[step + 1] ?? rate;
      if (saturated) await drain();
      continue;
    }
    if (!saturated) rate = Math.round(rate * 1.6);
    else if (steps.every((s) => s.saturated) && halvings < 3) {
      halvings++;
      rate = Math.max(5, Math.round(rate / 2));
      await drain();
    } else break;
  }
  const saturation = Math.max(...steps.map((s) => s.committedPerSecond));

  console.log('letting the mempools drain...');
  await drain();
  const latencyRate = Math.max(1, Math.round(LATENCY_LOAD * saturation));
  latencyRun = await measure(latencyRate, LATENCY_MS, WARMUP_MS, 30_000);
  console.log(
    `  latency run at ${latencyRate}/s: committed ${Math.round(latencyRun.committedPerSecond)}/s, finality p50 ` +
      `${Math.round(latencyRun.finalityMs.p50)} ms p99 ${Math.round(latencyRun.finalityMs.p99)} ms`,
  );
} finally {
  await generator?.close();
  await net.stopAll();
  net.cleanup(values.keep);
}
const perCoreAfter = verificationsPerSecond('node', 2000);

// ── Report ──
const perCore = Math.round((perCoreBefore + perCoreAfter) / 2);
const ceiling = verificationCeiling({ cores, perCore, validators: VALIDATORS, signaturesPerTransfer: SIGNATURES });
const sat = steps.reduce((a, b) => (b.committedPerSecond > a.committedPerSecond ? b : a));
const saturation = Math.round(sat.committedPerSecond);
const lat = latencyRun!;
const rows: Record<string, string | number>[] = [
  {
    figure: 'committed transfers/s at saturation',
    value: `${saturation.toLocaleString('en-US')}/s (offered ${sat.rate}/s)`,
    target: '≥ 3,000/s',
    ratio: verdict(saturation, TARGET.throughput, 'higher'),
  },
  {
    figure: `verification ceiling: ${cores} cores × ${perCore.toLocaleString('en-US')}/s ÷ ${VALIDATORS} ÷ ${SIGNATURES} sig`,
    value: `${ceiling.toLocaleString('en-US')}/s`,
    target: '',
    ratio: `throughput ÷ ceiling = ${(saturation / ceiling).toFixed(2)}`,
  },
  {
    figure: `finality p50 at ${Math.round(lat.rate)}/s (${Math.round(LATENCY_LOAD * 100)}% of saturation)`,
    value: `${Math.round(lat.finalityMs.p50)} ms`,
    target: '≤ 1,000 ms',
    ratio: verdict(lat.finalityMs.p50, TARGET.p50Ms, 'lower'),
  },
  {
    figure: 'finality p99, same run',
    value: `${Math.round(lat.finalityMs.p99)} ms`,
    target: '≤ 2,000 ms',
    ratio: verdict(lat.finalityMs.p99, TARGET.p99Ms, 'lower'),
  },
  {
    figure: '  committed in that run',
    value: `${Math.round(lat.committedPerSecond)}/s, ${Math.round(lat.txsPerBlock)} per block`,
    target: '',
    ratio: lat.uncommitted > 0 ? `${lat.uncommitted} not committed` : '',
  },
];
// CPU time the whole network spends per committed transfer (every node's process, all threads; in the steady 70%
// run, not in an overloaded step), next to what verifying its signatures once per validator costs on these cores.
const nodesOnly = lat.nodes.filter((f) => f.name.startsWith('node'));
const loadedCores = nodesOnly.reduce((sum, f) => sum + f.cpuCores, 0);
const idle = idleCores ?? Number.NaN;
const cpuPerTransfer = ((loadedCores - idle) * 1e6) / lat.committedPerSecond;
rows.push({
  figure: `  CPU per committed transfer, ${VALIDATORS} nodes together, at ${Math.round(lat.rate)}/s, idle CPU excluded`,
  value: `${Math.round(cpuPerTransfer).toLocaleString('en-US')} µs`,
  target: '',
  ratio: `verifying it: ${Math.round((VALIDATORS * SIGNATURES * 1e6) / perCore)} µs`,
});
rows.push({
  figure: `  CPU of the ${VALIDATORS} nodes together, idle / at ${Math.round(lat.rate)}/s`,
  value: `${idle.toFixed(2)} / ${loadedCores.toFixed(2)} cores`,
  target: '',
  ratio: '',
});
const nodeRow = (label: string, figures: NodeFigures[]) =>
  figures.map((f) => ({
    figure: `  ${label} ${f.name}`,
    value: `CPU ${f.cpuCores.toFixed(2)} cores (${f.systemCores.toFixed(2)} kernel), RSS ≤ ${f.rssPeakMiB} MiB`,
    target: '',
    ratio: '',
  }));
rows.push(...nodeRow('at saturation:', sat.nodes), ...nodeRow(`at ${Math.round(lat.rate)}/s:`, lat.nodes));

console.log(`\n${plan.description}; block interval ${values['block-interval']} ms\n`);
console.log('steps:');
printTable(
  steps.map((s) => ({
    'offered/s': s.rate,
    'committed/s': Math.round(s.committedPerSecond),
    'per block': Math.round(s.txsPerBlock),
    'p50 ms': Math.round(s.finalityMs.p50),
    'p99 ms': Math.round(s.finalityMs.p99),
    refused: Object.values(s.rejected).reduce((a, b) => a + b, 0),
    'node CPU (cores)': s.nodes.map((n) => n.cpuCores.toFixed(2)).join(' '),
    saturated: s.saturated ? 'yes' : '',
  })),
);
console.log('');
printTable(rows);

let profiles: unknown;
if (profileDir) {
  profiles = net.homes.map((_, i) => {
    const threads = summarizeProfileDir(path.join(profileDir, `node${i}`), 25);
    return { node: `node${i}`, threads };
  });
  printProfiles(profiles as { node: string; threads: ReturnType<typeof summarizeProfileDir> }[]);
}

const file = writeResult(values.name ?? (SIGNATURES === 1 ? 'network' : 'network-2sig'), {
  setup: {
    validators: VALIDATORS,
    transfers: plan.description,
    signaturesPerTransfer: SIGNATURES,
    blockIntervalMs: Number(values['block-interval']),
    timeouts: { proposeMs: Number(values['timeout-propose']), voteMs: Number(values['timeout-vote']) },
    stepMs: STEP_MS,
    stepWarmupMs: WARMUP_MS,
    initialWarmupMs: Number(values['warmup-ms']),
  },
  verification: { perCoreBefore, perCoreAfter, perCore, allCoresBefore, ceiling },
  saturation: {
    committedPerSecond: saturation,
    offered: sat.rate,
    ratioToCeiling: saturation / ceiling,
  },
  latency: {
    offered: lat.rate,
    load: LATENCY_LOAD,
    committedPerSecond: lat.committedPerSecond,
    finalityMs: lat.finalityMs,
    uncommitted: lat.uncommitted,
    nodes: lat.nodes,
    cpuMicrosPerTransfer: cpuPerTransfer,
    idleCores: idle,
  },
  targets: TARGET,
  steps,
  ...(profiles !== undefined && { profiles }),
  rows,
});
console.log(`\nwritten to ${file}`);

interface NodeFigures {
  name: string;
  cpuCores: number;
  /** The part of cpuCores spent in the kernel. */
  systemCores: number;
  rssPeakMiB: number;
}

/** Waits for the backlog of a saturated step to commit; a network that cannot clear it in 3 minutes is noted. */
async function drain(): Promise<void> {
  try {
    await net.waitForEmptyMempools(180_000);
  } catch (err) {
    console.warn(`  warning: ${(err as Error).message}; the next step starts with a backlog`);
  }
}

/** One load step: sign ahead, then send at `rate` for `durationMs` while sampling every process's CPU and RSS. */
async function measure(rate: number, durationMs: number, warmupMs: number, settleMs: number) {
  await generator!.prepare(Math.ceil((rate * durationMs) / 1000));
  const pids = [...net.homes.map((_, i) => net.pid(i)), generator!.pid];
  const sampler = new ProcSampler(pids);
  // CPU is sampled over the measured part of the step (after the warm-up).
  const running = generator!.run(rate, durationMs, warmupMs, settleMs);
  await new Promise((r) => setTimeout(r, warmupMs));
  sampler.start();
  await new Promise((r) => setTimeout(r, durationMs - warmupMs));
  const procs = sampler.stop();
  const result = await running;
  const nodes = procs.map((p, i) => ({
    name: i < net.homes.length ? `node${i}` : 'load generator',
    cpuCores: round(p.cpuCores, 2),
    systemCores: round(p.systemCores, 2),
    rssPeakMiB: p.rssPeakMiB,
  }));
  return { ...result, nodes };
}

/** node0's threads in full (the nodes are alike; the JSON holds every node), the others' busy time. */
function printProfiles(list: { node: string; threads: ReturnType<typeof summarizeProfileDir> }[]): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const { node, threads } of list) {
    for (const t of threads) {
      const name = `${node} ${t.thread === 0 ? 'main thread' : `worker ${t.thread}`}`;
      console.log(`\nprofile ${name}: busy ${t.busyMs} ms of ${t.totalMs} ms sampled`);
      if (node !== list[0]!.node) continue;
      if (t.thread === 0) {
        console.log('our functions, inclusive (what they and everything below them took):');
        printTable(t.topOwnInclusive.slice(0, 20).map((f) => ({ function: f.name, ms: f.ms, share: pct(f.share) })));
        console.log('');
      }
      printTable(t.topFunctions.slice(0, 12).map((f) => ({ 'self time': f.name, ms: f.ms, share: pct(f.share) })));
    }
  }
}
