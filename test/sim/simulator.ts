// Deterministic discrete-event simulation of N validators running the consensus machine over an unreliable
// in-memory network. Everything derives from one seed: same seed, same run. A run is a virtual-clock event loop;
// nothing here reads the wall clock.
//
// The runner modelled per node: it persists the machine's snapshot after every step and before sending anything
// (so a restarted node never signs a conflicting vote), relays the first copy of every vote it sees (gossip, which
// is what lets an honest node see both halves of an equivocation), re-sends its own messages of the current height
// every gossip tick (recovers drops), and answers a peer that is behind with the decided proposal + commit
// precommits of the peer's height (catch-up; line 49 decides on them in any round).
import { ConsensusMachine, ValidatorSet } from '../../main/node/consensus/index.ts';
import type {
  ConsensusEffect,
  PersistedConsensusState,
  Proposal,
  Step,
  TimeoutConfig,
  Vote,
} from '../../main/node/consensus/index.ts';

// ---- seeded randomness ------------------------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG; plenty for scheduling noise. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- event queue ------------------------------------------------------------------------------------------------

interface Queued<T> {
  readonly time: number;
  readonly seq: number;
  readonly item: T;
}

/** Min-heap by (time, seq): equal times pop in insertion order, so runs are reproducible. */
class EventQueue<T> {
  private readonly heap: Queued<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, item: T): void {
    const h = this.heap;
    h.push({ time, seq: this.seq++, item });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  pop(): Queued<T> | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && less(h[l]!, h[m]!)) m = l;
      if (r < h.length && less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
    return top;
  }
}

function less<T>(a: Queued<T>, b: Queued<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

// ---- configuration ----------------------------------------------------------------------------------------------

export interface NetworkConfig {
  /** Delay of a message, uniform in [minDelayMs, maxDelayMs] (reordering follows from the spread). */
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** Before GST the delay can be up to this much larger. */
  readonly preGstExtraDelayMs: number;
  readonly dropRate: number;
  readonly duplicateRate: number;
}

export interface SimConfig {
  readonly seed: number;
  readonly powers: readonly number[];
  /** Every honest node must commit up to this height. */
  readonly targetHeight: number;
  readonly network: NetworkConfig;
  /** Global stabilisation time: partitions heal here and pre-GST extra delays stop. */
  readonly gstMs: number;
  /** Liveness bound: all honest nodes reach targetHeight by gstMs + livenessBoundMs. */
  readonly livenessBoundMs: number;
  /** Validator indices split into groups that cannot talk to each other from `fromMs` until GST. */
  readonly partition?: { readonly groups: readonly (readonly number[])[]; readonly fromMs: number };
  readonly crash?: { readonly node: number; readonly atMs: number; readonly restartAtMs: number };
  /** Validator indices that equivocate: each vote and proposal goes to half the peers, a conflicting one to the
   * other half. */
  readonly byzantine?: readonly number[];
  readonly timeouts?: TimeoutConfig;
  readonly gossipIntervalMs?: number;
}

export const SIM_TIMEOUTS: TimeoutConfig = {
  propose: { baseMs: 300, deltaMs: 100 },
  prevote: { baseMs: 200, deltaMs: 100 },
  precommit: { baseMs: 200, deltaMs: 100 },
};

// ---- nodes and messages -----------------------------------------------------------------------------------------

type Message =
  { readonly kind: 'proposal'; readonly proposal: Proposal } | { readonly kind: 'vote'; readonly vote: Vote };

type SimEvent =
  | { readonly kind: 'deliver'; readonly to: number; readonly from: number; readonly msg: Message }
  | {
      readonly kind: 'timeout';
      readonly node: number;
      readonly epoch: number;
      readonly height: number;
      readonly round: number;
      readonly step: Step;
    }
  | {
      readonly kind: 'value';
      readonly node: number;
      readonly epoch: number;
      readonly height: number;
      readonly round: number;
    }
  | { readonly kind: 'executed'; readonly node: number; readonly epoch: number; readonly height: number }
  | { readonly kind: 'gossip'; readonly node: number; readonly epoch: number }
  | { readonly kind: 'crash'; readonly node: number }
  | { readonly kind: 'restart'; readonly node: number };

interface Decided {
  readonly round: number;
  readonly value: string;
  readonly certificate: readonly Vote[];
  readonly proposal: Proposal | undefined;
}

interface SimNode {
  readonly index: number;
  readonly id: string;
  readonly byzantine: boolean;
  machine: ConsensusMachine;
  alive: boolean;
  /** Bumped on crash: timers and ticks of an earlier life are dropped. */
  epoch: number;
  /** The runner's durable state: machine snapshot + block store. Survives crashes. */
  persisted: PersistedConsensusState | undefined;
  readonly committed: Map<number, Decided>;
  committedHeight: number;
  /** Proposals seen, by height/round/value (kept to serve catch-up of a decided height). */
  proposalsSeen: Map<string, Proposal>;
  seen: Set<string>;
  /** Others' votes seen at `votesHeight`, re-gossiped now and then (reliable gossip, as the paper assumes). */
  heightVotes: Map<string, Vote>;
  votesHeight: number;
  ticks: number;
  lastCatchUp: Map<string, number>;
  readonly evidence: { a: Vote; b: Vote }[];
}

export interface SimResult {
  readonly seed: number;
  readonly ok: boolean;
  readonly failures: string[];
  readonly heights: number[];
  readonly evidenceCount: number;
  readonly equivocated: boolean;
  readonly virtualTimeMs: number;
  readonly messages: number;
  readonly maxRound: number;
}

const voteKey = (v: Vote) => `${v.type}/${v.height}/${v.round}/${v.validator}/${v.value ?? 'nil'}`;
const blockValue = (height: number, proposer: string, round: number) => `h${height}-v${proposer}-r${round}`;

/** The application's verdict: a block for this height in the agreed shape. */
function isValidBlock(p: Proposal): boolean {
  return new RegExp(`^h${p.height}-v[^-]+-r\\d+$`).test(p.value);
}

export function runSimulation(config: SimConfig): SimResult {
  const rand = mulberry32(config.seed);
  const timeouts = config.timeouts ?? SIM_TIMEOUTS;
  const gossipMs = config.gossipIntervalMs ?? 150;
  const ids = config.powers.map((_, i) => `v${i}`);
  const set = new ValidatorSet(ids.map((id, i) => ({ id, power: config.powers[i]! })));
  const byz = new Set(config.byzantine ?? []);
  const queue = new EventQueue<SimEvent>();
  const failures: string[] = [];
  let now = 0;
  let messages = 0;
  let equivocated = false;
  let maxRound = 0;

  const nodes: SimNode[] = ids.map((id, index) => ({
    index,
    id,
    byzantine: byz.has(index),
    machine: new ConsensusMachine({ validators: set, self: id, timeouts }),
    alive: true,
    epoch: 0,
    persisted: undefined,
    committed: new Map(),
    committedHeight: 0,
    proposalsSeen: new Map(),
    seen: new Set(),
    heightVotes: new Map(),
    votesHeight: 0,
    ticks: 0,
    lastCatchUp: new Map(),
    evidence: [],
  }));
  const honest = nodes.filter((n) => !n.byzantine);

  const groupOf = (i: number): number => config.partition?.groups.findIndex((g) => g.includes(i)) ?? 0;
  const partitioned = (a: number, b: number): boolean =>
    config.partition !== undefined && now >= config.partition.fromMs && now < config.gstMs && groupOf(a) !== groupOf(b);

  function send(from: number, to: number, msg: Message): void {
    if (from === to || partitioned(from, to)) return;
    const net = config.network;
    if (rand() < net.dropRate) return;
    const copies = rand() < net.duplicateRate ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      const extra = now < config.gstMs ? rand() * net.preGstExtraDelayMs : 0;
      const delay = net.minDelayMs + rand() * (net.maxDelayMs - net.minDelayMs) + extra;
      messages++;
      queue.push(now + delay, { kind: 'deliver', to, from, msg });
    }
  }

  function broadcast(from: number, msg: Message): void {
    for (const n of nodes) send(from, n.index, msg);
  }

  /** A Byzantine node's vote: the real one to the first half of its peers, a conflicting one to the rest. */
  function equivocate(node: SimNode, vote: Vote): void {
    const other: Vote = { ...vote, value: vote.value === null ? `h${vote.height}-vEVIL-r${vote.round}` : null };
    const peers = nodes.filter((n) => n.index !== node.index);
    const half = Math.ceil(peers.length / 2);
    peers.forEach((p, i) => send(node.index, p.index, { kind: 'vote', vote: i < half ? vote : other }));
    equivocated = true;
  }

  /** A Byzantine proposer: its block to half of its peers, a different valid block to the rest. */
  function equivocateProposal(node: SimNode, proposal: Proposal): void {
    const other: Proposal = { ...proposal, value: `h${proposal.height}-v${node.id}x-r${proposal.round}` };
    const peers = nodes.filter((n) => n.index !== node.index);
    const half = Math.ceil(peers.length / 2);
    peers.forEach((p, i) => send(node.index, p.index, { kind: 'proposal', proposal: i < half ? proposal : other }));
  }

  function apply(node: SimNode, effects: readonly ConsensusEffect[]): void {
    // Persist before sending anything: the restarted node resumes from here.
    node.persisted = node.machine.snapshot();
    for (const fx of effects) {
      switch (fx.type) {
        case 'broadcastProposal':
          node.proposalsSeen.set(`${fx.proposal.height}/${fx.proposal.round}/${fx.proposal.value}`, fx.proposal);
          if (node.byzantine) equivocateProposal(node, fx.proposal);
          else broadcast(node.index, { kind: 'proposal', proposal: fx.proposal });
          break;
        case 'broadcastVote':
          node.seen.add(voteKey(fx.vote));
          if (node.byzantine) equivocate(node, fx.vote);
          else broadcast(node.index, { kind: 'vote', vote: fx.vote });
          break;
        case 'scheduleTimeout':
          maxRound = Math.max(maxRound, fx.round);
          queue.push(now + fx.delayMs, {
            kind: 'timeout',
            node: node.index,
            epoch: node.epoch,
            height: fx.height,
            round: fx.round,
            step: fx.step,
          });
          break;
        case 'requestValue':
          queue.push(now + 1, {
            kind: 'value',
            node: node.index,
            epoch: node.epoch,
            height: fx.height,
            round: fx.round,
          });
          break;
        case 'commit': {
          if (node.committed.has(fx.height)) failures.push(`${node.id} committed height ${fx.height} twice`);
          const proposal = node.proposalsSeen.get(`${fx.height}/${fx.round}/${fx.value}`);
          node.committed.set(fx.height, { round: fx.round, value: fx.value, certificate: fx.certificate, proposal });
          node.committedHeight = Math.max(node.committedHeight, fx.height);
          queue.push(now + 2, { kind: 'executed', node: node.index, epoch: node.epoch, height: fx.height });
          break;
        }
        case 'evidence':
          node.evidence.push({ a: fx.a, b: fx.b });
          break;
      }
    }
  }

  /** Catch-up: `peer` speaks for a height we have decided; send it that decision. */
  function serveCatchUp(node: SimNode, peer: number, height: number): void {
    const decided = node.committed.get(height);
    if (decided === undefined || decided.proposal === undefined) return;
    const key = `${peer}/${height}`;
    if (now - (node.lastCatchUp.get(key) ?? -Infinity) < gossipMs) return;
    node.lastCatchUp.set(key, now);
    send(node.index, peer, { kind: 'proposal', proposal: decided.proposal });
    for (const v of decided.certificate) send(node.index, peer, { kind: 'vote', vote: v });
  }

  function deliver(node: SimNode, from: number, msg: Message): void {
    const height = node.machine.view().height;
    if (msg.kind === 'proposal') {
      const p = msg.proposal;
      if (p.proposer === ids[from] && p.height < height) serveCatchUp(node, from, p.height);
      if (p.height === height || p.height === height + 1)
        node.proposalsSeen.set(`${p.height}/${p.round}/${p.value}`, p);
      apply(node, node.machine.handle({ type: 'proposal', proposal: p, valid: isValidBlock(p) }));
      return;
    }
    const v = msg.vote;
    if (v.validator === ids[from] && v.height < height) serveCatchUp(node, from, v.height);
    // Gossip: relay the first copy of every vote of a recent height. Every copy still goes to the machine (it drops
    // duplicates itself): a vote it ignored earlier, for a height it had not reached, may matter now.
    const key = voteKey(v);
    if (v.height === height) {
      if (node.votesHeight !== height) {
        node.votesHeight = height;
        node.heightVotes = new Map();
      }
      node.heightVotes.set(key, v);
    }
    if (!node.seen.has(key)) {
      node.seen.add(key);
      if (v.height >= height - 1) broadcast(node.index, { kind: 'vote', vote: v });
    }
    apply(node, node.machine.handle({ type: 'vote', vote: v }));
  }

  function gossip(node: SimNode): void {
    const p = node.persisted;
    if (p === undefined) return;
    const height = node.machine.view().height;
    if (p.height !== height) return;
    const round = node.machine.view().round;
    for (const prop of p.ownProposals) {
      if (prop.round !== round) continue;
      if (node.byzantine) equivocateProposal(node, prop);
      else broadcast(node.index, { kind: 'proposal', proposal: prop });
    }
    // All rounds: liveness needs every message of a correct process eventually delivered after GST — a polka of an
    // old round is what lets an unlocked proposer's peers accept a locked value (line 28).
    for (const v of p.ownVotes) {
      if (node.byzantine) equivocate(node, v);
      else broadcast(node.index, { kind: 'vote', vote: v });
    }
    // Every few ticks, everything else seen at this height: a polka that counted a Byzantine vote only some of us
    // saw must reach everyone for an old-round lock to be accepted (line 28) — the paper's reliable-gossip assumption.
    node.ticks++;
    if (node.ticks % 4 === 0 && node.votesHeight === height) {
      for (const v of node.heightVotes.values()) broadcast(node.index, { kind: 'vote', vote: v });
    }
  }

  function restart(node: SimNode): void {
    node.alive = true;
    node.machine = new ConsensusMachine({ validators: set, self: node.id, timeouts });
    node.seen = new Set();
    node.heightVotes = new Map();
    node.lastCatchUp = new Map();
    node.proposalsSeen = new Map();
    const p = node.persisted;
    if (p !== undefined && p.height > node.committedHeight) {
      for (const prop of p.ownProposals) node.proposalsSeen.set(`${prop.height}/${prop.round}/${prop.value}`, prop);
      apply(node, node.machine.resume(p));
    } else {
      apply(node, node.machine.handle({ type: 'start', height: node.committedHeight + 1 }));
    }
    queue.push(now + gossipMs, { kind: 'gossip', node: node.index, epoch: node.epoch });
  }

  // ---- run --------------------------------------------------------------------------------------------------------
  if (config.crash !== undefined) {
    queue.push(config.crash.atMs, { kind: 'crash', node: config.crash.node });
    queue.push(config.crash.restartAtMs, { kind: 'restart', node: config.crash.node });
  }
  for (const node of nodes) {
    apply(node, node.machine.handle({ type: 'start', height: 1 }));
    queue.push(gossipMs * (1 + rand()), { kind: 'gossip', node: node.index, epoch: node.epoch });
  }

  const deadline = config.gstMs + config.livenessBoundMs;
  const done = () => honest.every((n) => n.committedHeight >= config.targetHeight);
  while (!done()) {
    const next = queue.pop();
    if (next === undefined || next.time > deadline) break;
    now = next.time;
    const ev = next.item;
    switch (ev.kind) {
      case 'deliver': {
        const node = nodes[ev.to]!;
        if (node.alive) deliver(node, ev.from, ev.msg);
        break;
      }
      case 'timeout': {
        const node = nodes[ev.node]!;
        if (node.alive && node.epoch === ev.epoch)
          apply(node, node.machine.handle({ type: 'timeout', height: ev.height, round: ev.round, step: ev.step }));
        break;
      }
      case 'value': {
        const node = nodes[ev.node]!;
        if (node.alive && node.epoch === ev.epoch)
          apply(
            node,
            node.machine.handle({
              type: 'value',
              height: ev.height,
              round: ev.round,
              value: blockValue(ev.height, node.id, ev.round),
            }),
          );
        break;
      }
      case 'executed': {
        const node = nodes[ev.node]!;
        if (node.alive && node.epoch === ev.epoch)
          apply(node, node.machine.handle({ type: 'blockExecuted', height: ev.height }));
        break;
      }
      case 'gossip': {
        const node = nodes[ev.node]!;
        if (!node.alive || node.epoch !== ev.epoch) break;
        gossip(node);
        queue.push(now + gossipMs, { kind: 'gossip', node: node.index, epoch: node.epoch });
        break;
      }
      case 'crash': {
        const node = nodes[ev.node]!;
        node.alive = false;
        node.epoch++;
        break;
      }
      case 'restart':
        restart(nodes[ev.node]!);
        break;
    }
  }

  // ---- invariants -------------------------------------------------------------------------------------------------
  // SAFETY: no two different values committed at one height across honest nodes.
  const byHeight = new Map<number, string>();
  for (const n of honest) {
    for (const [h, d] of [...n.committed.entries()].sort((a, b) => a[0] - b[0])) {
      const prior = byHeight.get(h);
      if (prior === undefined) byHeight.set(h, d.value);
      else if (prior !== d.value) failures.push(`SAFETY: height ${h} committed as ${prior} and ${d.value}`);
    }
  }
  // CERTIFICATES: precommits for the value at (height, round), distinct validators, > 2/3 of the power.
  for (const n of honest) {
    for (const [h, d] of n.committed) {
      const signers = new Set<string>();
      for (const v of d.certificate) {
        if (v.type !== 'precommit' || v.height !== h || v.round !== d.round || v.value !== d.value)
          failures.push(`CERTIFICATE: ${n.id} height ${h} holds a foreign vote ${voteKey(v)}`);
        signers.add(v.validator);
      }
      if (signers.size !== d.certificate.length) failures.push(`CERTIFICATE: ${n.id} height ${h} repeats a signer`);
      if (!set.hasQuorum(set.powerOfAll(signers))) failures.push(`CERTIFICATE: ${n.id} height ${h} lacks > 2/3`);
    }
  }
  // LIVENESS: every honest node reached the target height within the bound after GST.
  for (const n of honest)
    if (n.committedHeight < config.targetHeight)
      failures.push(`LIVENESS: ${n.id} at height ${n.committedHeight} < ${config.targetHeight} by ${deadline} ms`);
  // EVIDENCE: an equivocation is seen by at least one honest node; evidence only ever names a Byzantine validator.
  const evidence = honest.flatMap((n) => n.evidence);
  for (const e of evidence) {
    const culprit = ids.indexOf(e.a.validator);
    if (!byz.has(culprit) || e.a.validator !== e.b.validator)
      failures.push(`EVIDENCE: against honest ${e.a.validator}`);
  }
  for (const b of byz) {
    if (equivocated && !evidence.some((e) => e.a.validator === ids[b]))
      failures.push(`EVIDENCE: equivocation by ${ids[b]} not detected`);
  }

  return {
    seed: config.seed,
    ok: failures.length === 0,
    failures,
    heights: nodes.map((n) => n.committedHeight),
    evidenceCount: evidence.length,
    equivocated,
    virtualTimeMs: Math.round(now),
    messages,
    maxRound,
  };
}
