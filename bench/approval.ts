/**
 * Approval latency on the 4-validator network (`countersign testnet`, the demo consortium, nodes as processes on
 * 127.0.0.1): a treasury officer proposes a transfer from her member's treasury (2-of-3 policy) with her approval;
 * once the proposal is on every node, a second officer's co-signature — the deciding one — is submitted
 * (`proposal.approve` through one node's API, which signs it with the officer's key and submits it). Measured from
 * that submission until every node has announced the execution (`proposal.executed` on the WebSocket `proposals`
 * subscription of each node), and until the API call answered (it answers once its own node committed it).
 *
 *   npm run bench:approval [-- --samples 30 --block-interval 200]
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connectSubscriptions, type SubscriptionClient } from '../main/node/api/client.ts';
import { BenchNetwork, waitUntil } from './lib/bench-network.ts';
import { printTable, writeResult } from './lib/report.ts';
import { summarize } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '30' },
    /** Unmeasured samples first: fresh nodes run the signing and execution path cold. */
    warmup: { type: 'string', default: '3' },
    'block-interval': { type: 'string', default: '200' },
    'timeout-propose': { type: 'string', default: '3000' },
    'timeout-vote': { type: 'string', default: '1000' },
    keep: { type: 'boolean', default: false },
  },
});
const SAMPLES = Number(values.samples);
const MEMBERS = ['jhcb', 'hbsec', 'lotus'];

const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-approval-'));
const net = await BenchNetwork.create(dir, {
  validators: 4,
  blockIntervalMs: Number(values['block-interval']),
  timeoutProposeMs: Number(values['timeout-propose']),
  timeoutVoteMs: Number(values['timeout-vote']),
});
const everyNode: number[] = [];
const ownNode: number[] = [];
const apiAnswer: number[] = [];
const sockets: SubscriptionClient[] = [];
try {
  await Promise.all(net.homes.map((_, i) => net.start(i)));
  await net.waitForHeight(2);
  // When each node announced each proposal's execution.
  const executedAt = new Map<string, Map<number, number>>();
  for (const [i] of net.homes.entries()) {
    const ws = await connectSubscriptions({ wsUrl: net.endpoint(i).wsUrl, token: net.token(i) });
    sockets.push(ws);
    await ws.subscribe('proposals', (payload) => {
      const { event } = payload as { event: { type: string; proposal: string } };
      if (event.type !== 'proposal.executed') return;
      const seen = executedAt.get(event.proposal) ?? new Map<number, number>();
      seen.set(i, performance.now());
      executedAt.set(event.proposal, seen);
    });
  }

  const WARMUP = Number(values.warmup);
  for (let s = 0; s < WARMUP + SAMPLES; s++) {
    const via = s % net.homes.length;
    const member = MEMBERS[s % MEMBERS.length]!;
    const to = MEMBERS[(s + 1) % MEMBERS.length]!;
    const created = (await sockets[via]!.call('proposal.propose', {
      signer: `${member}-treasury-1`,
      action: { type: 'transfer', from: `${member}.treasury`, to: `${to}.treasury`, asset: 'CNY', amount: '1' },
      expiresInMs: 3_600_000,
      approve: true,
    })) as { proposal: string; height: number; status: string };
    if (created.status !== 'pending') throw new Error(`proposal ${created.proposal} is ${created.status}, not pending`);
    await net.waitForHeight(created.height, 30_000); // the proposal is on every node before the deciding approval

    const start = performance.now();
    const approved = (await sockets[via]!.call('proposal.approve', {
      signer: `${member}-treasury-2`,
      id: created.proposal,
    })) as { status: string };
    const answered = performance.now() - start;
    if (approved.status !== 'executed') throw new Error(`proposal ${created.proposal} is ${approved.status}`);
    await waitUntil(
      async () => (executedAt.get(created.proposal)?.size ?? 0) === net.homes.length,
      30_000,
      `proposal ${created.proposal} executed on every node`,
    );
    if (s < WARMUP) continue;
    const seen = executedAt.get(created.proposal)!;
    apiAnswer.push(answered);
    everyNode.push(Math.max(...seen.values()) - start);
    ownNode.push(seen.get(via)! - start);
  }
} finally {
  for (const ws of sockets) await ws.close();
  await net.stopAll();
  net.cleanup(values.keep);
}

const all = summarize(everyNode);
const own = summarize(ownNode);
const api = summarize(apiAnswer);
const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
const rows = [
  { figure: 'deciding approval → executed on every node', p50: ms(all.p50), p99: ms(all.p99), max: ms(all.max) },
  { figure: '  → executed on the node it was submitted to', p50: ms(own.p50), p99: ms(own.p99), max: ms(own.max) },
  { figure: '  → proposal.approve answered (committed there)', p50: ms(api.p50), p99: ms(api.p99), max: ms(api.max) },
];
console.log(
  `\n${SAMPLES} transfer proposals under 2-of-3 policies, 4 validators, block interval ${values['block-interval']} ms\n`,
);
printTable(rows);
const file = writeResult('approval', {
  setup: { validators: 4, samples: SAMPLES, blockIntervalMs: Number(values['block-interval']) },
  everyNodeMs: all,
  submittingNodeMs: own,
  apiAnswerMs: api,
  rows,
});
console.log(`\nwritten to ${file}`);
