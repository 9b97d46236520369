// Adversarial scheduler for the consensus machine: 4 validators (f = 1), one of them a scripted Byzantine process,
// and an adversary that holds individual honest messages (by receiver, sender, round, type, value) until the receiver
// reaches a round, or until GST. No message is ever lost: everything held is delivered at GST at the latest, and after
// GST honest nodes re-gossip what a peer at their height still lacks (reliable gossip, as the paper assumes).
//
// Invariants checked: SAFETY (honest nodes never commit different values at one height), LOCK (an honest node locked
// on v at round lr prevotes v' ≠ v in round r only if it has seen a polka for v' at some round in [lr, r), Algorithm 1
// lines 22 and 28), NO-DOUBLE-VOTE (an honest node never signs two different votes for one (height, round, type)),
// and LIVENESS (every honest node reaches the target height after GST).
import { ConsensusMachine, ValidatorSet } from '../../main/node/consensus/index.ts';
import type {
  ConsensusEffect,
  PersistedConsensusState,
  Proposal,
  Step,
  Vote,
} from '../../main/node/consensus/index.ts';
import { mulberry32, SIM_TIMEOUTS } from './simulator.ts';

export type Msg =
  { readonly kind: 'proposal'; readonly proposal: Proposal } | { readonly kind: 'vote'; readonly vote: Vote };

/** What the adversary does with one honest message before GST: a delay, hold until the receiver is in a round
 * ≥ untilRound (or past the message's height), or hold until GST. `undefined`: the default small random delay. */
export type Hold = number | { readonly untilRound: number } | 'gst' | undefined;

export interface Adversary {
  /** Message `msg` (signed by anyone, relayed by honest `from`) to honest `to`. */
  readonly policy?: (to: number, from: number, msg: Msg, ctx: AdversaryContext) => Hold;
  /** Called whenever an honest node enters a new (height, round); the Byzantine process reacts through ctx.send. */
  readonly onEnterRound?: (node: number, height: number, round: number, ctx: AdversaryContext) => void;
}

export interface AdversaryContext {
  readonly now: number;
  readonly rand: () => number;
  readonly ids: readonly string[];
  readonly byz: number;
  /** Send a message as the Byzantine process (it signs anything it likes as itself). */
  send(to: number, msg: Msg, delayMs?: number): void;
  position(node: number): { height: number; round: number };
}

export interface AdversarialConfig {
  readonly seed: number;
  readonly byz: number;
  readonly gstMs: number;
  readonly targetHeight: number;
  readonly livenessBoundMs: number;
  readonly adversary: Adversary;
  readonly crash?: { readonly node: number; readonly atMs: number; readonly restartAtMs: number };
}

export interface AdversarialResult {
  readonly ok: boolean;
  readonly failures: string[];
  readonly heights: number[];
  readonly maxRound: number;
  readonly locks: number;
  /** Every lock taken by an honest node: `node/height/round/value`. */
  readonly lockEvents: string[];
  readonly commits: Map<number, Map<number, string>>;
}

export const N = 4;
export const honestValue = (height: number, node: number, round: number) => `h${height}-vv${node}-r${round}`;
export const vote = (
  type: Vote['type'],
  height: number,
  round: number,
  value: string | null,
  validator: string,
): Msg => ({
  kind: 'vote',
  vote: { type, height, round, value, validator },
});
export const proposal = (height: number, round: number, value: string, validRound: number, proposer: string): Msg => ({
  kind: 'proposal',
  proposal: { height, round, value, validRound, proposer },
});

const msgKey = (m: Msg) =>
  m.kind === 'proposal'
    ? `p/${m.proposal.height}/${m.proposal.round}/${m.proposal.value}/${m.proposal.validRound}`
    : `v/${m.vote.type}/${m.vote.height}/${m.vote.round}/${m.vote.validator}/${m.vote.value ?? 'nil'}`;
const msgHeight = (m: Msg) => (m.kind === 'proposal' ? m.proposal.height : m.vote.height);

type Ev =
  | { readonly kind: 'deliver'; readonly to: number; readonly from: number; readonly msg: Msg }
  | {
      readonly kind: 'timeout';
      readonly node: number;
      readonly epoch: number;
      readonly h: number;
      readonly r: number;
      readonly step: Step;
    }
  | { readonly kind: 'value'; readonly node: number; readonly epoch: number; readonly h: number; readonly r: number }
  | { readonly kind: 'executed'; readonly node: number; readonly epoch: number; readonly h: number }
  | { readonly kind: 'gossip' }
  | { readonly kind: 'crash' }
  | { readonly kind: 'restart' };

interface Node {
  readonly index: number;
  machine: ConsensusMachine;
  alive: boolean;
  epoch: number;
  persisted: PersistedConsensusState | undefined;
  committedHeight: number;
  readonly commits: Map<number, string>;
  /** Every message seen or signed, by key (the log re-gossiped after GST). */
  readonly log: Map<string, Msg>;
  /** Prevotes seen (own included): height/round/value → validators. */
  readonly prevotes: Map<string, Set<string>>;
  /** Own signed votes: height/round/type → value. */
  readonly signed: Map<string, string | null>;
  last: string;
}

export function runAdversarial(config: AdversarialConfig): AdversarialResult {
  const rand = mulberry32(config.seed);
  const ids = Array.from({ length: N }, (_, i) => `v${i}`);
  const set = new ValidatorSet(ids.map((id) => ({ id, power: 1 })));
  const queue: { time: number; seq: number; ev: Ev }[] = [];
  let seq = 0;
  let now = 0;
  let maxRound = 0;
  let locks = 0;
  const lockEvents: string[] = [];
  const failures: string[] = [];
  const push = (time: number, ev: Ev) => {
    // Sorted insert (runs are small); equal times keep insertion order.
    const item = { time, seq: seq++, ev };
    let i = queue.length;
    while (i > 0 && (queue[i - 1]!.time > time || (queue[i - 1]!.time === time && queue[i - 1]!.seq > item.seq))) i--;
    queue.splice(i, 0, item);
  };
  const jitter = () => 1 + rand() * 19;
  const held: { to: number; from: number; msg: Msg; untilRound: number }[] = [];

  const nodes: (Node | undefined)[] = ids.map((id, index) =>
    index === config.byz
      ? undefined
      : {
          index,
          machine: new ConsensusMachine({ validators: set, self: id, timeouts: SIM_TIMEOUTS }),
          alive: true,
          epoch: 0,
          persisted: undefined,
          committedHeight: 0,
          commits: new Map(),
          log: new Map(),
          prevotes: new Map(),
          signed: new Map(),
          last: '',
        },
  );
  const honest = nodes.filter((n): n is Node => n !== undefined);
  const position = (i: number) => {
    const v = nodes[i]?.machine.view();
    return { height: v?.height ?? 0, round: v?.round ?? 0 };
  };

  const ctx: AdversaryContext = {
    get now() {
      return now;
    },
    rand,
    ids,
    byz: config.byz,
    send(to, msg, delayMs) {
      if (to !== config.byz) push(now + (delayMs ?? jitter()), { kind: 'deliver', to, from: config.byz, msg });
    },
    position,
  };

  function send(from: number, to: number, msg: Msg): void {
    if (from === to || to === config.byz) return;
    if (now >= config.gstMs) {
      push(now + jitter(), { kind: 'deliver', to, from, msg });
      return;
    }
    const hold = config.adversary.policy?.(to, from, msg, ctx);
    if (hold === undefined) push(now + jitter(), { kind: 'deliver', to, from, msg });
    else if (typeof hold === 'number') push(now + hold, { kind: 'deliver', to, from, msg });
    else if (hold === 'gst') push(config.gstMs + jitter(), { kind: 'deliver', to, from, msg });
    else held.push({ to, from, msg, untilRound: hold.untilRound });
  }

  function notePrevote(node: Node, v: Vote): void {
    if (v.type !== 'prevote' || v.value === null) return;
    const key = `${v.height}/${v.round}/${v.value}`;
    const s = node.prevotes.get(key) ?? new Set<string>();
    s.add(v.validator);
    node.prevotes.set(key, s);
  }

  function apply(
    node: Node,
    fx: readonly ConsensusEffect[],
    before: { height: number; lockedRound: number; lockedValue: string | null },
  ): void {
    node.persisted = node.machine.snapshot();
    const id = ids[node.index]!;
    for (const e of fx) {
      switch (e.type) {
        case 'broadcastProposal': {
          const m: Msg = { kind: 'proposal', proposal: e.proposal };
          node.log.set(msgKey(m), m);
          for (let j = 0; j < N; j++) send(node.index, j, m);
          break;
        }
        case 'broadcastVote': {
          const v = e.vote;
          const sk = `${v.height}/${v.round}/${v.type}`;
          const prior = node.signed.get(sk);
          if (prior !== undefined && prior !== v.value)
            failures.push(`DOUBLE-VOTE: ${id} signed ${v.type} ${String(prior)} and ${String(v.value)} at ${sk}`);
          node.signed.set(sk, v.value);
          if (
            v.type === 'prevote' &&
            v.value !== null &&
            v.height === before.height &&
            before.lockedRound >= 0 &&
            before.lockedValue !== v.value
          ) {
            let justified = false;
            for (let r = before.lockedRound; r < v.round; r++) {
              if (set.hasQuorum(set.powerOfAll(node.prevotes.get(`${v.height}/${r}/${v.value}`) ?? [])))
                justified = true;
            }
            if (!justified)
              failures.push(
                `LOCK: ${id} locked on ${before.lockedValue}@${before.lockedRound} prevoted ${v.value}@${v.round} without a polka`,
              );
          }
          notePrevote(node, v);
          const m: Msg = { kind: 'vote', vote: v };
          node.log.set(msgKey(m), m);
          for (let j = 0; j < N; j++) send(node.index, j, m);
          break;
        }
        case 'scheduleTimeout':
          maxRound = Math.max(maxRound, e.round);
          push(now + e.delayMs, {
            kind: 'timeout',
            node: node.index,
            epoch: node.epoch,
            h: e.height,
            r: e.round,
            step: e.step,
          });
          break;
        case 'requestValue':
          push(now + 1, { kind: 'value', node: node.index, epoch: node.epoch, h: e.height, r: e.round });
          break;
        case 'commit': {
          const prior = node.commits.get(e.height);
          if (prior !== undefined && prior !== e.value) failures.push(`${id} committed height ${e.height} twice`);
          node.commits.set(e.height, e.value);
          node.committedHeight = Math.max(node.committedHeight, e.height);
          push(now + 2, { kind: 'executed', node: node.index, epoch: node.epoch, h: e.height });
          break;
        }
        case 'evidence':
          break;
      }
    }
    const view = node.machine.view();
    if (view.height === before.height && view.lockedRound > before.lockedRound) {
      locks++;
      lockEvents.push(`${node.index}/${view.height}/${view.lockedRound}/${view.lockedValue}`);
    }
  }

  function handle(node: Node, run: () => readonly ConsensusEffect[]): void {
    const view = node.machine.view();
    apply(node, run(), { height: view.height, lockedRound: view.lockedRound, lockedValue: view.lockedValue });
  }

  function deliver(node: Node, from: number, msg: Msg): void {
    const key = msgKey(msg);
    if (!node.log.has(key)) {
      node.log.set(key, msg);
      // Gossip: relay the first copy of everything (through the adversary, like any honest message).
      for (let j = 0; j < N; j++) if (j !== from) send(node.index, j, msg);
    }
    if (msg.kind === 'proposal') {
      handle(node, () =>
        node.machine.handle({ type: 'proposal', proposal: msg.proposal, valid: !msg.proposal.value.includes('bad') }),
      );
    } else {
      notePrevote(node, msg.vote);
      handle(node, () => node.machine.handle({ type: 'vote', vote: msg.vote }));
    }
  }

  /** After every event: adversary hooks for nodes in a new round, and release of held messages. */
  function afterEvent(): void {
    for (const n of honest) {
      if (!n.alive) continue;
      const v = n.machine.view();
      const key = `${v.height}/${v.round}`;
      if (key !== n.last) {
        n.last = key;
        config.adversary.onEnterRound?.(n.index, v.height, v.round, ctx);
      }
    }
    for (let i = held.length - 1; i >= 0; i--) {
      const h = held[i]!;
      const p = position(h.to);
      if (p.height > msgHeight(h.msg) || p.round >= h.untilRound || now >= config.gstMs) {
        held.splice(i, 1);
        push(now + jitter(), { kind: 'deliver', to: h.to, from: h.from, msg: h.msg });
      }
    }
  }

  /** After GST: everything a peer at height h still lacks, from every honest node's log. */
  const given = new Set<string>();
  function gossip(): void {
    for (const n of honest) {
      if (!n.alive) continue;
      for (const p of honest) {
        if (p === n || !p.alive) continue;
        const h = position(p.index).height;
        for (const [k, m] of n.log) {
          const gk = `${p.index}/${k}`;
          if (msgHeight(m) !== h || given.has(gk)) continue;
          given.add(gk);
          push(now + jitter(), { kind: 'deliver', to: p.index, from: n.index, msg: m });
        }
      }
    }
  }

  for (const n of honest) handle(n, () => n.machine.handle({ type: 'start', height: 1 }));
  afterEvent();
  push(config.gstMs, { kind: 'gossip' });
  if (config.crash !== undefined) {
    push(config.crash.atMs, { kind: 'crash' });
    push(config.crash.restartAtMs, { kind: 'restart' });
  }

  const deadline = config.gstMs + config.livenessBoundMs;
  while (!honest.every((n) => n.committedHeight >= config.targetHeight)) {
    const next = queue.shift();
    if (next === undefined || next.time > deadline) break;
    now = next.time;
    const ev = next.ev;
    switch (ev.kind) {
      case 'deliver': {
        const n = nodes[ev.to];
        if (n?.alive) deliver(n, ev.from, ev.msg);
        break;
      }
      case 'timeout': {
        const n = nodes[ev.node];
        if (n?.alive && n.epoch === ev.epoch)
          handle(n, () => n.machine.handle({ type: 'timeout', height: ev.h, round: ev.r, step: ev.step }));
        break;
      }
      case 'value': {
        const n = nodes[ev.node];
        if (n?.alive && n.epoch === ev.epoch)
          handle(n, () =>
            n.machine.handle({ type: 'value', height: ev.h, round: ev.r, value: honestValue(ev.h, ev.node, ev.r) }),
          );
        break;
      }
      case 'executed': {
        const n = nodes[ev.node];
        if (n?.alive && n.epoch === ev.epoch)
          handle(n, () => n.machine.handle({ type: 'blockExecuted', height: ev.h }));
        break;
      }
      case 'gossip':
        gossip();
        push(now + 100, { kind: 'gossip' });
        break;
      case 'crash': {
        const n = nodes[config.crash!.node];
        if (n !== undefined) {
          n.alive = false;
          n.epoch++;
        }
        break;
      }
      case 'restart': {
        const n = nodes[config.crash!.node];
        if (n === undefined) break;
        n.alive = true;
        n.machine = new ConsensusMachine({ validators: set, self: ids[n.index]!, timeouts: SIM_TIMEOUTS });
        for (const k of [...given]) if (k.startsWith(`${n.index}/`)) given.delete(k);
        const p = n.persisted;
        if (p !== undefined && p.height > n.committedHeight) handle(n, () => n.machine.resume(p));
        else handle(n, () => n.machine.handle({ type: 'start', height: n.committedHeight + 1 }));
        // Peers re-send what they hold for its height (it lost its in-memory message log).
        for (const m of honest) if (m !== n) for (const msg of m.log.values()) send(m.index, n.index, msg);
        break;
      }
    }
    afterEvent();
  }

  const byHeight = new Map<number, string>();
  for (const n of honest) {
    for (const [h, v] of [...n.commits].sort((a, b) => a[0] - b[0])) {
      const prior = byHeight.get(h);
      if (prior === undefined) byHeight.set(h, v);
      else if (prior !== v) failures.push(`SAFETY: height ${h} committed as ${prior} and ${v}`);
    }
  }
  for (const n of honest)
    if (n.committedHeight < config.targetHeight)
      failures.push(
        `LIVENESS: ${ids[n.index]} at height ${n.committedHeight} < ${config.targetHeight} by ${deadline} ms`,
      );
  return {
    ok: failures.length === 0,
    failures,
    heights: nodes.map((n) => n?.committedHeight ?? -1),
    maxRound,
    locks,
    lockEvents,
    commits: new Map(honest.map((n) => [n.index, n.commits])),
  };
}
