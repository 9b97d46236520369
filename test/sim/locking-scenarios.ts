// Scenario builders for locking.sim.test.ts (see there): split lock (line 22), valid round (lines 28–33), chaos.
import { N, honestValue, proposal, vote } from './adversary.ts';
import type { Adversary, AdversarialConfig, Hold, Msg } from './adversary.ts';
import { mulberry32 } from './simulator.ts';

export const RUNS = { splitLock: 40, validRound: 40, chaos: 60 };
export const TARGET_HEIGHT = 3;

const ids = Array.from({ length: N }, (_, i) => `v${i}`);
const msgRound = (m: Msg) => (m.kind === 'proposal' ? m.proposal.round : m.vote.round);
const msgHeight = (m: Msg) => (m.kind === 'proposal' ? m.proposal.height : m.vote.height);
const isVote = (m: Msg, type: 'prevote' | 'precommit', round: number, value?: string | null) =>
  m.kind === 'vote' &&
  m.vote.type === type &&
  m.vote.round === round &&
  (value === undefined || m.vote.value === value);

/** The attacked height and the roles of the honest nodes there. */
export function roles(seed: number) {
  const rand = mulberry32(seed * 7919);
  const H = 1 + Math.floor(rand() * 3);
  const byz = (H - 1) % N;
  const swap = rand() < 0.5;
  return { rand, H, byz, r1: (byz + 1) % N, r2: (byz + 2) % N, r3: (byz + 3) % N, swap };
}

function splitLock(seed: number): AdversarialConfig {
  const { rand, H, byz, r1: p1, r2, r3, swap } = roles(seed);
  const [L1, L2] = swap ? [r3, r2] : [r2, r3];
  const A = `h${H}-vbyzA-r0`;
  const B = `h${H}-vbyzB-r0`;
  const B1 = honestValue(H, p1, 1);
  const commitA = rand() < 0.8;
  const byzPrevoteToP1 = rand() < 0.5 ? B : null;
  const fired = new Set<string>();
  const me = ids[byz]!;
  const adversary: Adversary = {
    policy(to, _from, m): Hold {
      if (msgHeight(m) !== H) return undefined;
      if (to === p1 && m.kind === 'proposal' && m.proposal.value === A) return 'gst';
      if (to !== p1 && m.kind === 'proposal' && m.proposal.value === B) return 'gst';
      if (to === p1 && isVote(m, 'prevote', 0, A) && m.kind === 'vote' && m.vote.validator !== ids[L1])
        return { untilRound: 2 };
      if (to !== L1 && isVote(m, 'precommit', 0, A) && m.kind === 'vote' && m.vote.validator === me) return 'gst';
      return undefined;
    },
    onEnterRound(node, h, r, raw) {
      // Each honest node gets the Byzantine messages of a round when it enters that round.
      if (h !== H || fired.has(`${node}/${r}`)) return;
      fired.add(`${node}/${r}`);
      const ctx = { send: (t: number, m: Msg) => (t === node ? raw.send(t, m) : undefined) };
      if (r === 0) {
        for (const L of [L1, L2]) {
          ctx.send(L, proposal(H, 0, A, -1, me));
          ctx.send(L, vote('prevote', H, 0, A, me));
        }
        ctx.send(p1, proposal(H, 0, B, -1, me));
        ctx.send(p1, vote('prevote', H, 0, byzPrevoteToP1, me));
        if (commitA) ctx.send(L1, vote('precommit', H, 0, A, me));
        for (const t of [L2, p1]) ctx.send(t, vote('precommit', H, 0, null, me));
      } else if (r === 1) {
        for (const t of [p1, L2]) {
          ctx.send(t, vote('prevote', H, 1, B1, me));
          ctx.send(t, vote('precommit', H, 1, B1, me));
        }
      }
    },
  };
  return {
    seed,
    byz,
    gstMs: 3_000 + Math.floor(rand() * 2_000),
    targetHeight: TARGET_HEIGHT,
    livenessBoundMs: 30_000,
    adversary,
  };
}

function validRound(seed: number): AdversarialConfig {
  const { rand, H, byz, r1: a, r2: q, r3: c } = roles(seed);
  const B = `h${H}-vbyzB-r0`;
  const A = honestValue(H, a, 1);
  const commitA = rand() < 0.8;
  const fired = new Set<string>();
  const me = ids[byz]!;
  const adversary: Adversary = {
    policy(to, _from, m): Hold {
      if (msgHeight(m) !== H) return undefined;
      // a never sees the round-0 proposal (it prevotes nil and stays unlocked until it proposes in round 1).
      if (m.kind === 'proposal') return to === a && m.proposal.round === 0 ? 'gst' : undefined;
      const v = m.vote;
      if (to === a && isVote(m, 'prevote', 0, B) && v.validator !== ids[c]) return { untilRound: 2 };
      if (to === c && isVote(m, 'prevote', 0, B) && v.validator !== ids[c]) return 'gst';
      if (to === q && isVote(m, 'prevote', 1, A) && (v.validator === ids[c] || v.validator === me)) return 'gst';
      if (to !== c && isVote(m, 'precommit', 1, A) && v.validator === me) return 'gst';
      return undefined;
    },
    onEnterRound(node, h, r, raw) {
      // Each honest node gets the Byzantine messages of a round when it enters that round.
      if (h !== H || fired.has(`${node}/${r}`)) return;
      fired.add(`${node}/${r}`);
      const ctx = { send: (t: number, m: Msg) => (t === node ? raw.send(t, m) : undefined) };
      if (r === 0) {
        for (const t of [q, c]) ctx.send(t, proposal(H, 0, B, -1, me));
        ctx.send(q, vote('prevote', H, 0, B, me));
        for (const t of [c, a]) ctx.send(t, vote('prevote', H, 0, null, me));
        for (const t of [a, q, c]) ctx.send(t, vote('precommit', H, 0, null, me));
      } else if (r === 1) {
        for (const t of [a, c]) ctx.send(t, vote('prevote', H, 1, A, me));
        ctx.send(q, vote('prevote', H, 1, null, me));
        if (commitA) ctx.send(c, vote('precommit', H, 1, A, me));
        for (const t of [a, q]) ctx.send(t, vote('precommit', H, 1, null, me));
      } else if (r === 2) {
        for (const t of [a, q]) {
          ctx.send(t, vote('prevote', H, 2, B, me));
          ctx.send(t, vote('precommit', H, 2, B, me));
        }
      }
    },
  };
  return {
    seed,
    byz,
    gstMs: 4_000 + Math.floor(rand() * 2_000),
    targetHeight: TARGET_HEIGHT,
    livenessBoundMs: 30_000,
    adversary,
  };
}

function chaos(seed: number): AdversarialConfig {
  const rand = mulberry32(seed * 104_729);
  const byz = Math.floor(rand() * N);
  const honestIdx = [0, 1, 2, 3].filter((i) => i !== byz);
  const gstMs = 3_000 + Math.floor(rand() * 4_000);
  // Repeated partitions before GST, each healing mid-round: cross-group messages sent inside a window arrive at its end.
  const windows: { from: number; to: number; side: Set<number> }[] = [];
  for (let t = rand() * 500; t < gstMs;) {
    const len = 200 + rand() * 900;
    const side = new Set(honestIdx.filter(() => rand() < 0.5));
    windows.push({ from: t, to: Math.min(t + len, gstMs), side });
    t += len + rand() * 600;
  }
  const me = ids[byz]!;
  const fired = new Set<string>();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const adversary: Adversary = {
    policy(to, from, m, ctx): Hold {
      const w = windows.find((x) => ctx.now >= x.from && ctx.now < x.to);
      if (w !== undefined && w.side.has(to) !== w.side.has(from)) return w.to - ctx.now + rand() * 30;
      const x = rand();
      if (x < 0.1) return { untilRound: msgRound(m) + 1 + Math.floor(rand() * 2) };
      if (x < 0.15) return 'gst';
      if (x < 0.4) return rand() * 400;
      return undefined;
    },
    onEnterRound(_node, h, r, ctx) {
      const key = `${h}/${r}`;
      if (fired.has(key) || ctx.now >= gstMs + 2_000) return;
      fired.add(key);
      const proposer = (h - 1 + r) % N;
      const values = [
        honestValue(h, proposer, r),
        `h${h}-vbyzA-r${r}`,
        `h${h}-vbyzB-r${r}`,
        ...(r > 0 ? [honestValue(h, (h - 2 + r + N) % N, r - 1)] : []),
        null,
      ];
      if (proposer === byz) {
        for (const t of honestIdx) {
          const vr = r > 0 && rand() < 0.3 ? Math.floor(rand() * r) : -1;
          ctx.send(t, proposal(h, r, pick([`h${h}-vbyzA-r${r}`, `h${h}-vbyzB-r${r}`]), vr, me), rand() * 200);
        }
      }
      for (const t of honestIdx) {
        ctx.send(t, vote('prevote', h, r, pick(values), me), rand() * 300);
        ctx.send(t, vote('precommit', h, r, pick(values), me), rand() * 500);
      }
    },
  };
  const crashNode = pick(honestIdx);
  const crashAt = 200 + rand() * 2_000;
  return {
    seed,
    byz,
    gstMs,
    targetHeight: TARGET_HEIGHT,
    livenessBoundMs: 30_000,
    adversary,
    ...(rand() < 0.3 ? { crash: { node: crashNode, atMs: crashAt, restartAtMs: crashAt + 300 + rand() * 1_500 } } : {}),
  };
}

export const families: { name: string; runs: number; make: (seed: number) => AdversarialConfig }[] = [
  { name: 'split lock: locked node vs. a fresh proposal (line 22)', runs: RUNS.splitLock, make: splitLock },
  { name: 'valid round: locked node vs. an older polka (lines 28–33)', runs: RUNS.validRound, make: validRound },
  { name: 'chaos: Byzantine votes, healing partitions, holds, crash', runs: RUNS.chaos, make: chaos },
];
