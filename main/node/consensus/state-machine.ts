// The Tendermint state machine of Buchman, Kwon, Milosevic, "The latest gossip on BFT consensus"
// (arXiv:1807.04938), Algorithm 1, as one writer: `handle(event)` → effects. Pure: no clock, no I/O, no randomness.
//
// "2f + 1" is read as "more than 2/3 of the voting power", "f + 1" as "more than 1/3" (ValidatorSet).
// Own messages are counted locally when they are emitted; the runner signs, persists, then sends them and never
// delivers them back (if it does, they are duplicates and ignored).
//
// Messages for other heights: for height h + 1 they are buffered (bounded) and replayed when h + 1 starts; for
// height h − 1 votes are still checked for equivocation (late conflicting votes become evidence); anything else is
// ignored — a node further behind catches up from the gossip of decided heights (proposal + commit precommits,
// which line 49 accepts in any round).
import { STEP_ORDER, timeoutFor, DEFAULT_TIMEOUTS } from './types.ts';
import type {
  ConsensusEffect,
  ConsensusEvent,
  Proposal,
  Step,
  TimeoutConfig,
  ValidatorSet,
  Vote,
  VoteType,
} from './types.ts';
import { VoteBook } from './vote-book.ts';

export interface ConsensusOptions {
  readonly validators: ValidatorSet;
  /** Our validator id; a node outside the set follows consensus but never proposes or votes. */
  readonly self: string;
  readonly timeouts?: TimeoutConfig;
  /** Most buffered events for the next height (default 10 000). */
  readonly maxFutureEvents?: number;
  /** Messages for rounds beyond round + this are ignored, bounding memory against a flood (default 10 000). */
  readonly maxRoundsAhead?: number;
}

/** What the runner persists (before sending anything the same call emitted) to restart without double-signing. */
export interface PersistedConsensusState {
  readonly height: number;
  readonly round: number;
  readonly lockedValue: string | null;
  readonly lockedRound: number;
  readonly validValue: string | null;
  readonly validRound: number;
  /** Every vote we signed at `height`. */
  readonly ownVotes: readonly Vote[];
  /** Every proposal we signed at `height`. */
  readonly ownProposals: readonly Proposal[];
}

export type Phase = 'idle' | 'running' | 'decided';

export interface ConsensusView {
  readonly phase: Phase;
  readonly height: number;
  readonly round: number;
  readonly step: Step;
  readonly lockedValue: string | null;
  readonly lockedRound: number;
  readonly validValue: string | null;
  readonly validRound: number;
  readonly decision: { readonly round: number; readonly value: string } | undefined;
}

interface StoredProposal {
  readonly proposal: Proposal;
  readonly valid: boolean;
}

type Effects = ConsensusEffect[];

/** Most distinct proposals kept per round (only a Byzantine proposer sends more than one). */
const MAX_PROPOSALS_PER_ROUND = 4;

export class ConsensusMachine {
  private readonly set: ValidatorSet;
  private readonly self: string;
  private readonly timeouts: TimeoutConfig;
  private readonly maxFutureEvents: number;
  private readonly maxRoundsAhead: number;

  private phase: Phase = 'idle';
  private height = 0;
  private round = 0;
  private step: Step = 'propose';
  private lockedValue: string | null = null;
  private lockedRound = -1;
  private validValue: string | null = null;
  private validRound = -1;
  private decision: { round: number; value: string } | undefined;

  private book: VoteBook;
  private previousBook: VoteBook | undefined;
  /** Proposals by round, in arrival order. A Byzantine proposer may send different ones to different peers; each is a
   * message Algorithm 1's rules may use (a commit certificate can name the one we did not see first). Bounded. */
  private proposals = new Map<number, StoredProposal[]>();
  private ownProposals = new Map<number, Proposal>();
  private valueRequested = new Set<number>();
  /** Rounds in which the "for the first time" rules already fired (lines 34, 36, 47). */
  private firedPrevoteAny = new Set<number>();
  private firedPolka = new Set<number>();
  private firedPrecommitAny = new Set<number>();
  private future: ConsensusEvent[] = [];

  constructor(options: ConsensusOptions) {
    this.set = options.validators;
    this.self = options.self;
    this.timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
    this.maxFutureEvents = options.maxFutureEvents ?? 10_000;
    this.maxRoundsAhead = options.maxRoundsAhead ?? 10_000;
    this.book = new VoteBook(this.set, 0);
  }

  view(): ConsensusView {
    return {
      phase: this.phase,
      height: this.height,
      round: this.round,
      step: this.step,
      lockedValue: this.lockedValue,
      lockedRound: this.lockedRound,
      validValue: this.validValue,
      validRound: this.validRound,
      decision: this.decision === undefined ? undefined : { ...this.decision },
    };
  }

  /** State to persist; see PersistedConsensusState. */
  snapshot(): PersistedConsensusState {
    const ownVotes: Vote[] = [];
    for (const r of this.book.roundsSeen()) {
      for (const type of ['prevote', 'precommit'] as const) {
        const v = this.book.get(r, type, this.self);
        if (v !== undefined) ownVotes.push(v);
      }
    }
    return {
      height: this.height,
      round: this.round,
      lockedValue: this.lockedValue,
      lockedRound: this.lockedRound,
      validValue: this.validValue,
      validRound: this.validRound,
      ownVotes,
      ownProposals: [...this.ownProposals.keys()].sort((a, b) => a - b).map((r) => this.ownProposals.get(r)!),
    };
  }

  /**
   * Restart after a crash from persisted state (instead of a 'start' event). Our signed votes and proposals are
   * counted again and re-sent as they were; the double-sign guard in castVote then refuses any other vote for a
   * (round, type) we already signed, so a restarted node never contradicts itself.
   */
  resume(persisted: PersistedConsensusState): ConsensusEffect[] {
    const fx: Effects = [];
    if (this.phase !== 'idle') return fx;
    this.enterHeight(persisted.height);
    this.lockedValue = persisted.lockedValue;
    this.lockedRound = persisted.lockedRound;
    this.validValue = persisted.validValue;
    this.validRound = persisted.validRound;
    for (const v of persisted.ownVotes) if (v.height === this.height && v.validator === this.self) this.book.add(v);
    for (const p of persisted.ownProposals) {
      if (p.height !== this.height || p.proposer !== this.self) continue;
      this.ownProposals.set(p.round, p);
      this.storeProposal(p, true);
    }
    const round = persisted.round;
    const precommitted = this.book.get(round, 'precommit', this.self);
    const prevoted = this.book.get(round, 'prevote', this.self);
    if (precommitted === undefined && prevoted === undefined) {
      this.startRound(round, fx);
    } else {
      this.round = round;
      this.step = precommitted !== undefined ? 'precommit' : 'prevote';
      const own = this.ownProposals.get(round);
      if (own !== undefined) fx.push({ type: 'broadcastProposal', proposal: own });
      if (prevoted !== undefined) fx.push({ type: 'broadcastVote', vote: prevoted });
      if (precommitted !== undefined) fx.push({ type: 'broadcastVote', vote: precommitted });
    }
    this.evaluate(fx);
    return fx;
  }

  handle(event: ConsensusEvent): ConsensusEffect[] {
    const fx: Effects = [];
    switch (event.type) {
      case 'start':
        this.onStart(event.height, fx);
        break;
      case 'proposal':
        this.onProposal(event, fx);
        break;
      case 'vote':
        this.onVote(event, fx);
        break;
      case 'timeout':
        this.onTimeout(event.height, event.round, event.step, fx);
        break;
      case 'value':
        this.onValue(event.height, event.round, event.value, fx);
        break;
      case 'blockExecuted':
        this.onBlockExecuted(event.height, fx);
        break;
    }
    return fx;
  }

  // ---- entry points ---------------------------------------------------------------------------------------------

  /** Line 10: "upon start do StartRound(0)". Guard: only once, from idle. */
  private onStart(height: number, fx: Effects): void {
    if (this.phase !== 'idle' || !Number.isSafeInteger(height) || height < 1) return;
    this.enterHeight(height);
    this.startRound(0, fx);
    this.evaluate(fx);
  }

  /** Lines 54: after the decided block is executed, "h_p ← h_p + 1; reset…; StartRound(0)". Guard: the height we
   * decided. Buffered messages for the new height are replayed. */
  private onBlockExecuted(height: number, fx: Effects): void {
    if (this.phase !== 'decided' || height !== this.height) return;
    this.previousBook = this.book;
    this.enterHeight(height + 1);
    this.startRound(0, fx);
    const buffered = this.future.filter((e) => eventHeight(e) === this.height);
    this.future = [];
    for (const e of buffered) {
      if (e.type === 'proposal') this.onProposal(e, fx);
      else if (e.type === 'vote') this.onVote(e, fx);
    }
    this.evaluate(fx);
  }

  /** Stores ⟨PROPOSAL, h_p, r, v, vr⟩ from proposer(h_p, r) (the first per round); the upon-rules of lines 22, 28,
   * 36, 49 and 55 read it in evaluate(). Guard: current height (next height buffered), a sane validRound. */
  private onProposal(event: { proposal: Proposal; valid: boolean }, fx: Effects): void {
    const p = event.proposal;
    if (this.phase === 'idle') return;
    if (p.height === this.height + 1) {
      this.buffer({ type: 'proposal', proposal: p, valid: event.valid });
      return;
    }
    if (p.height !== this.height || !this.roundInRange(p.round)) return;
    if (p.proposer !== this.set.proposer(p.height, p.round)) return;
    if (!Number.isSafeInteger(p.validRound) || p.validRound < -1 || p.validRound >= p.round) return;
    if (!this.storeProposal(p, event.valid)) return;
    this.evaluate(fx);
  }

  /** Counts ⟨PREVOTE|PRECOMMIT, h_p, r, id(v)⟩ for the upon-rules (lines 28, 34, 36, 44, 47, 49, 55); a second,
   * different vote of one validator for the same (h, r, type) is evidence. Guard: a validator of the set; current
   * height (h + 1 buffered, h − 1 checked for evidence only). */
  private onVote(event: { vote: Vote }, fx: Effects): void {
    const v = event.vote;
    if (this.phase === 'idle' || !this.set.has(v.validator) || !Number.isSafeInteger(v.round) || v.round < 0) return;
    if (v.type !== 'prevote' && v.type !== 'precommit') return;
    if (v.height === this.height + 1) {
      this.buffer({ type: 'vote', vote: v });
      return;
    }
    const book =
      v.height === this.height ? this.book : v.height === this.previousBook?.height ? this.previousBook : undefined;
    if (book === undefined || !this.roundInRange(v.round)) return;
    const result = book.add(v);
    if (result.kind === 'conflict' && result.firstReport) fx.push({ type: 'evidence', a: result.existing, b: v });
    if (result.kind !== 'duplicate' && book === this.book) this.evaluate(fx);
  }

  /** Lines 57–67: OnTimeoutPropose / OnTimeoutPrevote / OnTimeoutPrecommit. Guard: the timeout's (height, round) is
   * the current one (stale timeouts are dropped) and, for propose and prevote, we are still in that step. */
  private onTimeout(height: number, round: number, step: Step, fx: Effects): void {
    if (this.phase !== 'running' || height !== this.height || round !== this.round) return;
    if (step === 'propose') {
      // Lines 57–60.
      if (this.step !== 'propose') return;
      this.castVote('prevote', null, fx);
      this.step = 'prevote';
    } else if (step === 'prevote') {
      // Lines 61–64.
      if (this.step !== 'prevote') return;
      this.castVote('precommit', null, fx);
      this.step = 'precommit';
    } else {
      // Lines 65–67.
      this.startRound(this.round + 1, fx);
    }
    this.evaluate(fx);
  }

  /** Lines 17–19: the application's getValue() answer; we broadcast it as our proposal. Guard: still proposer of the
   * current (height, round), in step propose, and nothing proposed yet in this round. */
  private onValue(height: number, round: number, value: string, fx: Effects): void {
    if (this.phase !== 'running' || height !== this.height || round !== this.round || this.step !== 'propose') return;
    if (this.set.proposer(height, round) !== this.self || this.ownProposals.has(round)) return;
    this.propose(value, -1, fx);
    this.evaluate(fx);
  }

  // ---- Algorithm 1 procedures -----------------------------------------------------------------------------------

  /**
   * Lines 11–21: StartRound(round). As proposer: re-send what we already signed in this round (after a restart),
   * else propose validValue with validRound, else ask the application (requestValue). Deviation: the proposer also
   * schedules timeoutPropose (as CometBFT does), so an application that never answers costs a round, not liveness.
   */
  private startRound(round: number, fx: Effects): void {
    this.round = round;
    this.step = 'propose';
    if (this.set.has(this.self) && this.set.proposer(this.height, round) === this.self) {
      const own = this.ownProposals.get(round);
      if (own !== undefined) fx.push({ type: 'broadcastProposal', proposal: own });
      else if (this.validValue !== null) this.propose(this.validValue, this.validRound, fx);
      else if (!this.valueRequested.has(round)) {
        this.valueRequested.add(round);
        fx.push({ type: 'requestValue', height: this.height, round });
      }
    }
    this.scheduleTimeout('propose', fx);
  }

  /**
   * The upon-rules of Algorithm 1, applied until none fires (each firing changes the state or marks a "for the first
   * time" rule as fired, so this terminates). Order: decision first, then round skip, then the rules of the current
   * round in the paper's order.
   */
  private evaluate(fx: Effects): void {
    for (;;) {
      if (this.phase !== 'running') return;
      if (this.tryDecide(fx)) continue;
      if (this.tryRoundSkip(fx)) continue;
      if (this.tryProposalFresh(fx)) continue;
      if (this.tryProposalWithValidRound(fx)) continue;
      if (this.tryPrevoteAny(fx)) continue;
      if (this.tryPolkaForValue(fx)) continue;
      if (this.tryPolkaNil(fx)) continue;
      if (this.tryPrecommitAny(fx)) continue;
      return;
    }
  }

  /** Lines 49–54: upon ⟨PROPOSAL, h_p, r, v, ∗⟩ and 2f+1 ⟨PRECOMMIT, h_p, r, id(v)⟩ while decision_p[h_p] = nil
   * (any round r): if valid(v), decide v. The state waits in 'decided' for blockExecuted (line 54's h_p + 1). */
  private tryDecide(fx: Effects): boolean {
    for (const r of [...this.proposals.keys()].sort((a, b) => a - b)) {
      const stored = this.proposalsIn(r).find(
        (s) => s.valid && this.set.hasQuorum(this.book.power(r, 'precommit', s.proposal.value)),
      );
      if (stored === undefined) continue;
      const value = stored.proposal.value;
      this.phase = 'decided';
      this.decision = { round: r, value };
      fx.push({
        type: 'commit',
        height: this.height,
        round: r,
        value,
        certificate: this.book.votesFor(r, 'precommit', value),
      });
      return true;
    }
    return false;
  }

  /** Lines 55–56: upon f+1 ⟨∗, h_p, round, ∗, ∗⟩ with round > round_p: StartRound(round) (the highest such). */
  private tryRoundSkip(fx: Effects): boolean {
    const rounds = new Set<number>([...this.book.roundsSeen(), ...this.proposals.keys()]);
    const higher = [...rounds].filter((r) => r > this.round).sort((a, b) => b - a);
    for (const r of higher) {
      const senders = this.book.senders(r);
      for (const p of this.proposalsIn(r)) senders.add(p.proposal.proposer);
      if (this.set.hasSkipThreshold(this.set.powerOfAll(senders))) {
        this.startRound(r, fx);
        return true;
      }
    }
    return false;
  }

  /** Lines 22–27: upon ⟨PROPOSAL, h_p, round_p, v, −1⟩ while step_p = propose: prevote id(v) if valid(v) and
   * (lockedRound_p = −1 or lockedValue_p = v), else nil; step_p ← prevote. */
  private tryProposalFresh(fx: Effects): boolean {
    if (this.step !== 'propose') return false;
    const stored = this.proposalsIn(this.round).find((s) => s.proposal.validRound === -1);
    if (stored === undefined) return false;
    const v = stored.proposal.value;
    const ok = stored.valid && (this.lockedRound === -1 || this.lockedValue === v);
    this.castVote('prevote', ok ? v : null, fx);
    this.step = 'prevote';
    return true;
  }

  /** Lines 28–33: upon ⟨PROPOSAL, h_p, round_p, v, vr⟩ and 2f+1 ⟨PREVOTE, h_p, vr, id(v)⟩ while step_p = propose and
   * 0 ≤ vr < round_p: prevote id(v) if valid(v) and (lockedRound_p ≤ vr or lockedValue_p = v), else nil. */
  private tryProposalWithValidRound(fx: Effects): boolean {
    if (this.step !== 'propose') return false;
    const stored = this.proposalsIn(this.round).find(({ proposal: { value, validRound: vr } }) => {
      return vr >= 0 && vr < this.round && this.set.hasQuorum(this.book.power(vr, 'prevote', value));
    });
    if (stored === undefined) return false;
    const { value: v, validRound: vr } = stored.proposal;
    const ok = stored.valid && (this.lockedRound <= vr || this.lockedValue === v);
    this.castVote('prevote', ok ? v : null, fx);
    this.step = 'prevote';
    return true;
  }

  /** Lines 34–35: upon 2f+1 ⟨PREVOTE, h_p, round_p, ∗⟩ while step_p = prevote for the first time: schedule
   * OnTimeoutPrevote(h_p, round_p). */
  private tryPrevoteAny(fx: Effects): boolean {
    if (this.step !== 'prevote' || this.firedPrevoteAny.has(this.round)) return false;
    if (!this.set.hasQuorum(this.book.power(this.round, 'prevote'))) return false;
    this.firedPrevoteAny.add(this.round);
    this.scheduleTimeout('prevote', fx);
    return true;
  }

  /** Lines 36–43: upon ⟨PROPOSAL, h_p, round_p, v, ∗⟩ and 2f+1 ⟨PREVOTE, h_p, round_p, id(v)⟩ while valid(v) and
   * step_p ≥ prevote for the first time: if step_p = prevote, lock v and precommit it; in any case validValue ← v. */
  private tryPolkaForValue(fx: Effects): boolean {
    if (STEP_ORDER[this.step] < STEP_ORDER.prevote || this.firedPolka.has(this.round)) return false;
    const stored = this.proposalsIn(this.round).find(
      (s) => s.valid && this.set.hasQuorum(this.book.power(this.round, 'prevote', s.proposal.value)),
    );
    if (stored === undefined) return false;
    const v = stored.proposal.value;
    this.firedPolka.add(this.round);
    if (this.step === 'prevote') {
      this.lockedValue = v;
      this.lockedRound = this.round;
      this.castVote('precommit', v, fx);
      this.step = 'precommit';
    }
    this.validValue = v;
    this.validRound = this.round;
    return true;
  }

  /** Lines 44–46: upon 2f+1 ⟨PREVOTE, h_p, round_p, nil⟩ while step_p = prevote: precommit nil. */
  private tryPolkaNil(fx: Effects): boolean {
    if (this.step !== 'prevote') return false;
    if (!this.set.hasQuorum(this.book.power(this.round, 'prevote', null))) return false;
    this.castVote('precommit', null, fx);
    this.step = 'precommit';
    return true;
  }

  /** Lines 47–48: upon 2f+1 ⟨PRECOMMIT, h_p, round_p, ∗⟩ for the first time: schedule
   * OnTimeoutPrecommit(h_p, round_p). */
  private tryPrecommitAny(fx: Effects): boolean {
    if (this.firedPrecommitAny.has(this.round)) return false;
    if (!this.set.hasQuorum(this.book.power(this.round, 'precommit'))) return false;
    this.firedPrecommitAny.add(this.round);
    this.scheduleTimeout('precommit', fx);
    return true;
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private propose(value: string, validRound: number, fx: Effects): void {
    const proposal: Proposal = { height: this.height, round: this.round, value, validRound, proposer: this.self };
    this.ownProposals.set(this.round, proposal);
    this.storeProposal(proposal, true);
    fx.push({ type: 'broadcastProposal', proposal });
  }

  /** Signs (via the runner) and counts our vote. Double-sign guard: never a second vote for a (round, type). */
  private castVote(type: VoteType, value: string | null, fx: Effects): void {
    if (!this.set.has(this.self)) return;
    if (this.book.get(this.round, type, this.self) !== undefined) return;
    const vote: Vote = { type, height: this.height, round: this.round, value, validator: this.self };
    this.book.add(vote);
    fx.push({ type: 'broadcastVote', vote });
  }

  private scheduleTimeout(step: Step, fx: Effects): void {
    fx.push({
      type: 'scheduleTimeout',
      height: this.height,
      round: this.round,
      step,
      delayMs: timeoutFor(this.timeouts, step, this.round),
    });
  }

  private enterHeight(height: number): void {
    this.phase = 'running';
    this.height = height;
    this.round = 0;
    this.step = 'propose';
    this.lockedValue = null;
    this.lockedRound = -1;
    this.validValue = null;
    this.validRound = -1;
    this.decision = undefined;
    this.book = new VoteBook(this.set, height);
    this.proposals = new Map();
    this.ownProposals = new Map();
    this.valueRequested = new Set();
    this.firedPrevoteAny = new Set();
    this.firedPolka = new Set();
    this.firedPrecommitAny = new Set();
  }

  private proposalsIn(round: number): readonly StoredProposal[] {
    return this.proposals.get(round) ?? [];
  }

  /** Keeps a proposal unless it repeats one we hold for its round or the round already holds the maximum. */
  private storeProposal(proposal: Proposal, valid: boolean): boolean {
    const list = this.proposals.get(proposal.round) ?? [];
    const same = (p: Proposal) => p.value === proposal.value && p.validRound === proposal.validRound;
    if (list.length >= MAX_PROPOSALS_PER_ROUND || list.some((s) => same(s.proposal))) return false;
    list.push({ proposal, valid });
    this.proposals.set(proposal.round, list);
    return true;
  }

  private roundInRange(round: number): boolean {
    return Number.isSafeInteger(round) && round >= 0 && round <= this.round + this.maxRoundsAhead;
  }

  private buffer(event: ConsensusEvent): void {
    if (this.future.length < this.maxFutureEvents) this.future.push(event);
  }
}

function eventHeight(e: ConsensusEvent): number {
  switch (e.type) {
    case 'proposal':
      return e.proposal.height;
    case 'vote':
      return e.vote.height;
    default:
      return e.height;
  }
}
