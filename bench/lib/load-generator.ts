/**
 * The open-loop load generator: a separate process (forked by load-client.ts) so that its work — signing ahead,
 * sending, reading responses and block events — is not the bench's or a node's. It pre-signs transfers before each
 * measured run, then sends them on a fixed schedule whatever the nodes answer (open loop: a slow node does not slow
 * the offered load), round-robin over the nodes, over WebSocket JSON-RPC (`tx.submit`). It subscribes to `blocks` on
 * every node; after a run it reads the committed blocks (`block.get`) to learn which block holds each transfer, so
 * a transfer's finality is the arrival of that block's event from the node it was submitted to, minus the moment it
 * was due to be sent.
 */
import { bytesToHex } from '../../shared/crypto/index.ts';
import { ApiCallError, connectSubscriptions, type SubscriptionClient } from '../../main/node/api/client.ts';
import type { BlockSummaryJson } from '../../shared/api/index.ts';
import { TransferSigner } from './sign-transfers.ts';
import { summarize } from './stats.ts';
import type { GeneratorCommand, GeneratorReply, RunResult } from './load-protocol.ts';

/** Requests one WebSocket connection may have outstanding (the node allows 32, then closes the connection). */
const MAX_IN_FLIGHT = 24;

interface Conn {
  client: SubscriptionClient;
  inFlight: number;
}

interface NodeLink {
  submit: Conn[];
  /** Subscribed to blocks; also used for block.get after a run. */
  events: SubscriptionClient;
  /** Arrival (performance.now()) of each block event, by height. */
  arrivals: Map<number, number>;
  blocks: { height: number; txCount: number; at: number }[];
}

let signer: TransferSigner | undefined;
let links: NodeLink[] = [];
let prepared: { hex: string; id: string }[] = [];

process.on('message', (msg: GeneratorCommand) => {
  void handle(msg).then(
    (reply) => process.send!(reply),
    (err: unknown) =>
      process.send!({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

async function handle(msg: GeneratorCommand): Promise<GeneratorReply> {
  switch (msg.type) {
    case 'init': {
      signer = new TransferSigner(msg.chainId, msg.plan);
      links = await Promise.all(
        msg.nodes.map(async (n) => {
          const connect = () => connectSubscriptions({ wsUrl: n.wsUrl, token: n.token, timeoutMs: 30_000 });
          const events = await connect();
          const link: NodeLink = {
            events,
            submit: await Promise.all(
              Array.from({ length: msg.connectionsPerNode }, async () => ({ client: await connect(), inFlight: 0 })),
            ),
            arrivals: new Map(),
            blocks: [],
          };
          await events.subscribe('blocks', (payload) => {
            const b = payload as BlockSummaryJson;
            const at = performance.now();
            link.arrivals.set(b.height, at);
            link.blocks.push({ height: b.height, txCount: b.txCount, at });
          });
          return link;
        }),
      );
      return { type: 'ready' };
    }
    case 'prepare': {
      const start = performance.now();
      const txs = await signer!.sign(msg.count, BigInt(Date.now()));
      prepared = txs.map((t) => ({ hex: bytesToHex(t.encoded), id: t.id }));
      return { type: 'prepared', count: prepared.length, ms: performance.now() - start };
    }
    case 'run':
      return { type: 'ran', result: await run(msg.rate, msg.durationMs, msg.warmupMs, msg.settleMs) };
    case 'close':
      for (const l of links) await Promise.all([l.events.close(), ...l.submit.map((c) => c.client.close())]);
      setImmediate(() => process.exit(0));
      return { type: 'closed' };
  }
}

async function run(rate: number, durationMs: number, warmupMs: number, settleMs: number): Promise<RunResult> {
  const total = Math.min(prepared.length, Math.floor((rate * durationMs) / 1000));
  const due = new Float64Array(total); // when each transfer was due to be sent: the start of its finality
  const nodeOf = new Uint8Array(total);
  const queues: number[][] = links.map(() => []);
  const rejected: Record<string, number> = {};
  let accepted = 0;
  let answered = 0;
  let maxQueued = 0;
  for (const l of links) l.blocks = [];
  const cpuBefore = process.cpuUsage();

  const send = (k: number, conn: Conn) => {
    conn.inFlight++;
    conn.client
      .call('tx.submit', { tx: prepared[k]!.hex })
      .then(
        () => {
          accepted++;
        },
        (err: unknown) => {
          const code =
            err instanceof ApiCallError ? err.code : `TRANSPORT_${(err as { code?: string }).code ?? 'ERROR'}`;
          rejected[code] = (rejected[code] ?? 0) + 1;
        },
      )
      .finally(() => {
        conn.inFlight--;
        answered++;
      });
  };
  const flush = () => {
    let queued = 0;
    queues.forEach((q, n) => {
      const conns = links[n]!.submit;
      while (q.length > 0) {
        const conn = conns.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
        if (conn.inFlight >= MAX_IN_FLIGHT) break; // the node is behind: keep them queued, in order
        send(q.shift()!, conn);
      }
      queued += q.length;
    });
    if (queued > maxQueued) maxQueued = queued;
  };

  const start = performance.now();
  let scheduled = 0;
  while (scheduled < total) {
    const now = performance.now();
    const upTo = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
    for (; scheduled < upTo; scheduled++) {
      due[scheduled] = start + (scheduled * 1000) / rate;
      const n = scheduled % links.length;
      nodeOf[scheduled] = n;
      queues[n]!.push(scheduled);
    }
    flush();
    await new Promise((r) => setTimeout(r, 1));
  }
  const end = start + durationMs;
  while (performance.now() < end) await new Promise((r) => setTimeout(r, 1));
  const sendCpu = process.cpuUsage(cpuBefore);
  // Drain what is still queued (late: counted from its due time) and wait for the answers.
  while (queues.some((q) => q.length > 0) || answered < total) {
    flush();
    await new Promise((r) => setTimeout(r, 2));
  }

  // The committed rate over the measured window, from node0's block events.
  const windowStart = start + warmupMs;
  const inWindow = links[0]!.blocks.filter((b) => b.at > windowStart && b.at <= end);
  const committedInWindow = inWindow.reduce((s, b) => s + b.txCount, 0);

  // Settle: wait until node0 has committed as many transfers as were accepted, or settleMs.
  const committedSince = () => links[0]!.blocks.reduce((s, b) => s + b.txCount, 0);
  const settleUntil = performance.now() + settleMs;
  while (committedSince() < accepted && performance.now() < settleUntil) await new Promise((r) => setTimeout(r, 20));

  // Which block holds each transfer: read node0's blocks of this run.
  const heightOf = new Map<string, number>();
  for (const b of links[0]!.blocks) {
    if (b.txCount === 0) continue;
    const block = (await links[0]!.events.call('block.get', { height: b.height })) as { txs: { id: string }[] };
    for (const t of block.txs) heightOf.set(t.id, b.height);
  }
  const latencies: number[] = [];
  let uncommitted = 0;
  for (let k = 0; k < total; k++) {
    if (due[k]! < windowStart) continue; // warm-up
    const h = heightOf.get(prepared[k]!.id);
    const at = h === undefined ? undefined : (links[nodeOf[k]!]!.arrivals.get(h) ?? links[0]!.arrivals.get(h));
    if (at === undefined) uncommitted++;
    else latencies.push(at - due[k]!);
  }
  const measuredMs = end - windowStart;
  return {
    rate,
    scheduled: total,
    accepted,
    rejected,
    maxQueued,
    measuredMs,
    committedInWindow,
    committedPerSecond: (committedInWindow * 1000) / measuredMs,
    blocksInWindow: inWindow.length,
    txsPerBlock: inWindow.length === 0 ? 0 : committedInWindow / inWindow.length,
    finalityMs: summarize(latencies),
    uncommitted,
    generatorCpuCores: (sendCpu.user + sendCpu.system) / 1000 / durationMs,
  };
}
