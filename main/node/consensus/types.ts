// Consensus vocabulary: the validator set (power, quorums, proposer rotation), messages, events and effects.
// Pure: no clock, no I/O. Names follow shared/domain/block.ts (`VoteType`, `validator`, commit certificate =
// precommits for one value at one (height, round)); values here are opaque block ids (the block hash, hex-encoded,
// in the node; a label in the simulator), `null` being a vote for nil.
import type { VoteType } from '../../../shared/domain/block.ts';

export type { VoteType };

/** The three steps of a round (Algorithm 1's step_p), in the order they happen. */
export type Step = 'propose' | 'prevote' | 'precommit';
export const STEP_ORDER: Readonly<Record<Step, number>> = { propose: 0, prevote: 1, precommit: 2 };

export interface Validator {
  readonly id: string;
  readonly power: number;
}

/**
 * An ordered validator set. Quorum arithmetic is done on integers: `quorum` is the least power strictly greater than
 * two thirds of the total (Algorithm 1's 2f + 1), `skipThreshold` the least power strictly greater than one third
 * (Algorithm 1's f + 1).
 */
export class ValidatorSet {
  readonly validators: readonly Validator[];
  readonly totalPower: number;
  readonly quorum: number;
  readonly skipThreshold: number;
  private readonly powers: ReadonlyMap<string, number>;
  /** proposerSequence[k] = the proposer after k + 1 priority increments from genesis (all priorities 0). */
  private readonly proposerSequence: string[] = [];
  private readonly priorities: Map<string, number>;
  /** Once known: the sequence repeats with this period (the priorities returned to their genesis values). */
  private period: number | undefined;

  constructor(validators: readonly Validator[]) {
    if (validators.length === 0) throw new Error('validator set: empty');
    const powers = new Map<string, number>();
    let total = 0;
    for (const v of validators) {
      if (!Number.isSafeInteger(v.power) || v.power <= 0) throw new Error(`validator set: bad power for ${v.id}`);
      if (powers.has(v.id)) throw new Error(`validator set: duplicate validator ${v.id}`);
      powers.set(v.id, v.power);
      total += v.power;
    }
    if (!Number.isSafeInteger(total * 3)) throw new Error('validator set: total power too large');
    this.validators = validators.map((v) => ({ id: v.id, power: v.power }));
    this.powers = powers;
    this.totalPower = total;
    this.quorum = Math.floor((2 * total) / 3) + 1;
    this.skipThreshold = Math.floor(total / 3) + 1;
    this.priorities = new Map(this.validators.map((v) => [v.id, 0]));
  }

  has(id: string): boolean {
    return this.powers.has(id);
  }

  powerOf(id: string): number {
    return this.powers.get(id) ?? 0;
  }

  /** Sum of the power of the given validators; unknown ids and repeats count nothing. */
  powerOfAll(ids: Iterable<string>): number {
    let sum = 0;
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      sum += this.powerOf(id);
    }
    return sum;
  }

  /** > 2/3 of the total power. */
  hasQuorum(power: number): boolean {
    return power >= this.quorum;
  }

  /** > 1/3 of the total power: at least one correct validator is among them. */
  hasSkipThreshold(power: number): boolean {
    return power >= this.skipThreshold;
  }

  /**
   * The proposer of (height, round): CometBFT's weighted round-robin by proposer priority, advanced
   * (height - 1) + round steps from the genesis priorities (all 0). Each step every priority grows by its power, the
   * largest priority (ties: smallest id) proposes and loses the total power. A pure function of the set, height and
   * round; the sequence is cached, and once the priorities return to genesis the cache is reused modulo its period.
   */
  proposer(height: number, round: number): string {
    if (!Number.isSafeInteger(height) || height < 1) throw new Error('proposer: height must be >= 1');
    if (!Number.isSafeInteger(round) || round < 0) throw new Error('proposer: round must be >= 0');
    let index = height - 1 + round;
    if (this.period !== undefined) index %= this.period;
    while (this.proposerSequence.length <= index) {
      this.advance();
      if (this.period !== undefined) {
        index %= this.period;
        break;
      }
    }
    const id = this.proposerSequence[index];
    if (id === undefined) throw new Error('proposer: sequence out of range');
    return id;
  }

  private advance(): void {
    let best: string | undefined;
    let bestPriority = 0;
    for (const v of this.validators) {
      const p = (this.priorities.get(v.id) ?? 0) + v.power;
      this.priorities.set(v.id, p);
      if (best === undefined || p > bestPriority || (p === bestPriority && v.id < best)) {
        best = v.id;
        bestPriority = p;
      }
    }
    if (best === undefined) throw new Error('proposer: empty set');
    this.priorities.set(best, bestPriority - this.totalPower);
    this.proposerSequence.push(best);
    if (this.validators.every((v) => this.priorities.get(v.id) === 0)) this.period = this.proposerSequence.length;
  }
}

/** Timeout for a step in a round: base + delta × round (grows with the round, so that after GST rounds last long
 * enough for a correct proposer's value to gather a quorum). */
export interface StepTimeout {
  readonly baseMs: number;
  readonly deltaMs: number;
}
export type TimeoutConfig = Readonly<Record<Step, StepTimeout>>;

export const DEFAULT_TIMEOUTS: TimeoutConfig = {
  propose: { baseMs: 3000, deltaMs: 500 },
  prevote: { baseMs: 1000, deltaMs: 500 },
  precommit: { baseMs: 1000, deltaMs: 500 },
};

export function timeoutFor(config: TimeoutConfig, step: Step, round: number): number {
  const t = config[step];
  return t.baseMs + t.deltaMs * round;
}

// ---- Messages -------------------------------------------------------------------------------------------------

/** ⟨PROPOSAL, h, r, v, vr⟩ from `proposer`. `validRound` is −1 or a round < `round`. */
export interface Proposal {
  readonly height: number;
  readonly round: number;
  readonly value: string;
  readonly validRound: number;
  readonly proposer: string;
}

/** ⟨PREVOTE|PRECOMMIT, h, r, id(v)⟩ from `validator`; `value` null is a vote for nil. */
export interface Vote {
  readonly type: VoteType;
  readonly height: number;
  readonly round: number;
  readonly value: string | null;
  readonly validator: string;
}

// ---- Events in ------------------------------------------------------------------------------------------------

export type ConsensusEvent =
  /** Begin consensus at `height` (the first height after the last block in the store). */
  | { readonly type: 'start'; readonly height: number }
  /** A proposal, with the application's verdict on the block it names (valid(v) in Algorithm 1). */
  | { readonly type: 'proposal'; readonly proposal: Proposal; readonly valid: boolean }
  | { readonly type: 'vote'; readonly vote: Vote }
  /** A timeout scheduled earlier by a scheduleTimeout effect, carrying what it was scheduled for. */
  | { readonly type: 'timeout'; readonly height: number; readonly round: number; readonly step: Step }
  /** The application's answer to requestValue (getValue() in Algorithm 1). */
  | { readonly type: 'value'; readonly height: number; readonly round: number; readonly value: string }
  /** The block decided at `height` has been executed and stored: consensus moves on to height + 1. */
  | { readonly type: 'blockExecuted'; readonly height: number };

// ---- Effects out ----------------------------------------------------------------------------------------------

export type ConsensusEffect =
  /** Sign, persist, then send; the runner delivers nothing back: the machine already counted its own message. */
  | { readonly type: 'broadcastProposal'; readonly proposal: Proposal }
  | { readonly type: 'broadcastVote'; readonly vote: Vote }
  | {
      readonly type: 'scheduleTimeout';
      readonly height: number;
      readonly round: number;
      readonly step: Step;
      readonly delayMs: number;
    }
  /** We propose in (height, round) and hold no valid value: ask the application for a block (answer: 'value'). */
  | { readonly type: 'requestValue'; readonly height: number; readonly round: number }
  /** Decision: `certificate` holds precommits for `value` at (height, round) with > 2/3 of the power. */
  | {
      readonly type: 'commit';
      readonly height: number;
      readonly round: number;
      readonly value: string;
      readonly certificate: readonly Vote[];
    }
  /** Two conflicting votes signed by one validator for the same (height, round, type). */
  | { readonly type: 'evidence'; readonly a: Vote; readonly b: Vote };
