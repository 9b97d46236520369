import path from 'node:path';
import { bytesToHex } from '../../../shared/crypto/index.ts';
import {
  proposalSignBytes,
  voteSignBytes,
  type CommitCertificate,
  type ConsensusMessage,
  type SignedBlockProposal,
  type SignedVote,
} from '../../../shared/domain/index.ts';
import {
  ConsensusMachine,
  ValidatorSet,
  type ConsensusEffect,
  type ConsensusEvent,
  type ConsensusView,
  type Proposal,
  type TimeoutConfig,
  type Vote,
} from '../consensus/index.ts';
import type { BlockExecutor } from '../execution/block-executor.ts';
import type { BuiltBlock } from '../execution/build-block.ts';
import type { CommittedBlock } from '../execution/ports.ts';
import type { TxPreparer } from '../execution/tx-preparer.ts';
import { executeBlockFromPeer } from '../execution/validate-block.ts';
import type { Logger } from '../log.ts';
import type { Mempool } from '../mempool/mempool.ts';
import type { LastSignedGuard } from '../signer/last-signed-guard.ts';
import { toMachineProposal, toMachineVote, toWireProposal, toWireVote, voteSlot } from './messages.ts';
import { AheadMessages } from './ahead-messages.ts';
import { LockedBlocks } from './locked-blocks.ts';
import { readWal, writeWal } from './wal.ts';

/** A peer's proposal, with its block's bytes as received when p2p has them. */
interface ReceivedProposal {
  readonly signed: SignedBlockProposal;
  readonly blockBytes: Uint8Array | undefined;
}

type AheadMessage = { kind: 'vote'; vote: SignedVote } | { kind: 'proposal'; received: ReceivedProposal };

/**
 * What is kept of messages for later heights: as far ahead as p2p lets messages through (its height window) and more,
 * every vote of a 100-validator set for a dozen rounds a height, and a few proposals (each carries its block).
 */
const AHEAD_LIMITS = { maxAhead: 16, maxVotes: 20_000, maxProposals: 16 };

/** A signed vote's key among those seen: its slot (height, round, type, validator) and the value it votes for. */
function signatureKey(vote: Vote): string {
  return `${voteSlot(vote)}/${vote.value ?? 'nil'}`;
}

/** Where consensus messages go out; p2p implements it. */
export interface ConsensusNetwork {
  broadcastConsensus(message: ConsensusMessage): void;
}

/** The validator's key as the runner uses it; every signature goes through the LastSignedGuard first. */
export interface ValidatorKey {
  readonly publicKey: Uint8Array;
  sign(bytes: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

export interface RunnerOptions {
  readonly timeouts?: TimeoutConfig;
  /** Pause between a commit and the next height (CometBFT's timeout_commit): gathers transactions for the block. */
  readonly blockIntervalMs: number;
  readonly maxBlockTxs: number;
  /** How far ahead of our clock a proposed block's time may be. */
  readonly maxFutureMs: bigint;
  readonly walFile: string;
  /** Wall clock, ms since the epoch (block times never go backwards whatever it says). */
  readonly now: () => bigint;
  /**
   * How often our messages of the current height are sent again. Peers that connected late or lost a message get
   * it then: Tendermint assumes messages between correct validators are eventually delivered, and gossip makes it so.
   */
  readonly regossipMs?: number;
}

export interface RunnerDeps {
  readonly key: ValidatorKey;
  readonly guard: LastSignedGuard;
  readonly executor: BlockExecutor;
  readonly mempool: Mempool;
  readonly preparer: TxPreparer;
  readonly network: ConsensusNetwork;
  readonly log: Logger;
  readonly onCommitted: (block: CommittedBlock) => void;
  /** Two conflicting signed votes by one validator, to be committed as evidence. */
  readonly onEvidence: (a: SignedVote, b: SignedVote) => void;
  /** Consensus decided a block we do not have: sync must fetch it (then call resetAfterSync). */
  readonly onMissingBlock: (height: number) => void;
}

/**
 * Runs the pure Tendermint machine for one validator: a single-writer queue feeds it events (messages from peers,
 * timeouts, block execution) one at a time and applies its effects — sign through the guard, persist the WAL, then
 * send; build and validate blocks; commit with the certificate. Nothing else touches the machine.
 */
export class ConsensusRunner {
  private readonly opts: RunnerOptions;
  private readonly deps: RunnerDeps;
  private readonly chainId: string;
  /** The set deciding the current height, read from state (it changes by governance, see ledger validators.ts). */
  private set!: ValidatorSet;
  private setKey = '';
  private readonly self: string;
  private machine: ConsensusMachine;
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  /** Executed blocks of the current height by hash (ours or valid proposals), ready to commit. */
  private candidates = new Map<string, BuiltBlock>();
  /** Signatures of the votes seen, by slot and value: certificates and evidence need them. */
  private voteSignatures = new Map<string, SignedVote>();
  /** What we signed at the current height (persisted in the WAL; re-sent, never re-signed). */
  private ownVotes = new Map<string, SignedVote>();
  private ownProposals = new Map<number, { proposal: SignedBlockProposal['proposal']; signature: Uint8Array }>();
  /**
   * Peers' messages for heights above the machine's (ahead-messages.ts says why they must be kept): replayed when a
   * height starts. Proposals among them wait anyway: their blocks can only be checked on top of the previous one.
   */
  private readonly ahead = new AheadMessages<AheadMessage>(AHEAD_LIMITS);
  /** Signed proposals of the current height by round, ours and peers' valid ones: re-gossiped with our votes. */
  private heightProposals = new Map<number, SignedBlockProposal>();
  private regossipTimer: NodeJS.Timeout | undefined;
  private readonly lockedBlocks: LockedBlocks;
  private lastDecidedAt = 0n;

  constructor(opts: RunnerOptions, deps: RunnerDeps) {
    this.opts = opts;
    this.deps = deps;
    this.chainId = deps.executor.params.chainId;
    this.self = bytesToHex(deps.key.publicKey);
    this.lockedBlocks = new LockedBlocks(path.join(path.dirname(opts.walFile), 'consensus-blocks'));
    this.loadValidatorSet();
    this.machine = this.newMachine();
  }

  view(): ConsensusView {
    return this.machine.view();
  }

  /** Starts at the height after our tip, resuming from the WAL when it is for that height. */
  start(): void {
    this.enqueue(async () => {
      const next = (this.deps.executor.store.tip()?.height ?? 0) + 1;
      const wal = readWal(this.opts.walFile);
      if (wal !== undefined && wal.state.height === next) {
        for (const v of wal.signedVotes) this.ownVotes.set(voteSlot(toMachineVote(v.vote)), v);
        for (const p of wal.signedProposals) this.ownProposals.set(p.proposal.round, p);
        await this.restoreLockedBlocks(next, [wal.state.lockedValue, wal.state.validValue]);
        this.deps.log.info({ height: next, round: wal.state.round }, 'consensus resumed from its WAL');
        await this.apply(this.machine.resume(wal.state));
      } else {
        await this.apply(this.machine.handle({ type: 'start', height: next }));
      }
      await this.replayAhead();
    });
    this.regossipTimer = setInterval(() => this.enqueue(async () => this.regossip()), this.opts.regossipMs ?? 1000);
  }

  /** Sends again the current round's proposal and every vote we signed at this height. */
  private regossip(): void {
    const view = this.machine.view();
    if (view.phase !== 'running') return;
    const proposal = this.heightProposals.get(view.round);
    if (proposal !== undefined) this.deps.network.broadcastConsensus({ kind: 'proposal', proposal });
    for (const vote of this.ownVotes.values()) {
      if (vote.vote.height === view.height) this.deps.network.broadcastConsensus({ kind: 'vote', vote });
    }
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.regossipTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /**
   * A consensus message from a peer, already decoded and signature-checked by p2p; for a proposal, the bytes its
   * block was decoded from when p2p has them (its transactions are hashed and verified from them, not re-encoded).
   */
  receive(message: ConsensusMessage, blockBytes?: Uint8Array): void {
    this.enqueue(async () => {
      if (this.keepAhead(message, blockBytes)) return;
      if (message.kind === 'vote') await this.onVote(message.vote);
      else await this.onProposal({ signed: message.proposal, blockBytes });
    });
  }

  /** A peer's vote: its signature kept (certificates and evidence need it), the vote counted by the machine. */
  private async onVote(signed: SignedVote): Promise<void> {
    const vote = toMachineVote(signed.vote);
    this.voteSignatures.set(signatureKey(vote), signed);
    await this.apply(this.machine.handle({ type: 'vote', vote }));
  }

  /** Sync committed blocks while consensus was behind: start over at the height after the new tip. */
  resetAfterSync(): void {
    this.enqueue(async () => {
      const next = (this.deps.executor.store.tip()?.height ?? 0) + 1;
      if (this.machine.view().height === next && this.machine.view().phase === 'running') return;
      this.clearHeight();
      this.loadValidatorSet();
      this.machine = this.newMachine();
      await this.apply(this.machine.handle({ type: 'start', height: next }));
      await this.replayAhead();
    });
  }

  /**
   * Keeps a message of a later height for when the machine gets there; true when that is all there is to do with it
   * now. Votes of the next height also go to the machine, which counts them as soon as it moves on.
   */
  private keepAhead(message: ConsensusMessage, blockBytes: Uint8Array | undefined): boolean {
    const current = this.machine.view().height;
    if (message.kind === 'vote') {
      const vote = toMachineVote(message.vote.vote);
      this.ahead.keep(current, vote.height, 'vote', signatureKey(vote), { kind: 'vote', vote: message.vote });
      return vote.height > current + 1;
    }
    const { proposal } = message.proposal;
    const key = `${proposal.round}/${bytesToHex(proposal.blockHash)}`;
    this.ahead.keep(current, proposal.height, 'proposal', key, {
      kind: 'proposal',
      received: { signed: message.proposal, blockBytes },
    });
    return proposal.height > current;
  }

  /** Hands the machine what was kept for the height it is now at (a vote it already counted is a no-op). */
  private async replayAhead(): Promise<void> {
    for (const message of this.ahead.take(this.machine.view().height)) {
      if (message.kind === 'proposal') await this.onProposal(message.received);
      else await this.onVote(message.vote);
    }
  }

  /** Milliseconds since the last decision (for stall detection), measured on our clock. */
  sinceLastDecisionMs(): bigint {
    return this.opts.now() - this.lastDecidedAt;
  }

  /** Persists the blocks of our locked and valid values (before the WAL that names them). */
  private async keepLockedBlocks(): Promise<void> {
    const view = this.machine.view();
    for (const value of [view.lockedValue, view.validValue]) {
      const built = value === null ? undefined : this.candidates.get(value);
      if (value !== null && built !== undefined) await this.lockedBlocks.keep(value, built.block.block);
    }
  }

  /** After a restart: re-execute the kept blocks of the locked and valid values, so they can be proposed again. */
  private async restoreLockedBlocks(height: number, values: readonly (string | null)[]): Promise<void> {
    for (const value of values) {
      if (value === null || this.candidates.has(value)) continue;
      const block = this.lockedBlocks.load(value, height);
      if (block === undefined) continue;
      try {
        const built = await executeBlockFromPeer(this.deps.executor, this.deps.preparer, block, {
          now: this.opts.now,
          maxFutureMs: this.opts.maxFutureMs,
        });
        this.candidates.set(value, built);
      } catch (err) {
        this.deps.log.warn({ height, err }, 'kept block no longer valid');
      }
    }
  }

  /** Reads the validator set from the committed state; true when it differs from the one in use. */
  private loadValidatorSet(): boolean {
    const validators = this.deps.executor.validators();
    const key = validators.map((v) => `${bytesToHex(v.publicKey)}:${v.power}`).join(',');
    if (key === this.setKey) return false;
    this.setKey = key;
    this.set = new ValidatorSet(validators.map((v) => ({ id: bytesToHex(v.publicKey), power: v.power })));
    return true;
  }

  private newMachine(): ConsensusMachine {
    return new ConsensusMachine({
      validators: this.set,
      self: this.self,
      ...(this.opts.timeouts !== undefined && { timeouts: this.opts.timeouts }),
    });
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.stopped) return;
      try {
        await task();
      } catch (err) {
        this.deps.log.error({ err }, 'consensus step failed');
      }
    });
  }

  private async onProposal(received: ReceivedProposal): Promise<void> {
    const { signed, blockBytes } = received;
    const { proposal } = signed;
    const view = this.machine.view();
    if (proposal.height !== view.height || view.phase !== 'running') return;
    const value = bytesToHex(proposal.blockHash);
    let valid = this.candidates.has(value);
    if (!valid) {
      try {
        const built = await executeBlockFromPeer(this.deps.executor, this.deps.preparer, signed.block, {
          now: this.opts.now,
          maxFutureMs: this.opts.maxFutureMs,
          known: (id) => this.deps.mempool.get(id),
          ...(blockBytes !== undefined && { blockBytes }),
        });
        this.candidates.set(value, built);
        valid = true;
      } catch (err) {
        this.deps.log.warn({ height: proposal.height, round: proposal.round, err }, 'proposed block refused');
      }
    }
    if (valid && !this.heightProposals.has(proposal.round)) this.heightProposals.set(proposal.round, signed);
    await this.apply(this.machine.handle({ type: 'proposal', proposal: toMachineProposal(proposal), valid }));
  }

  /**
   * Applies effects: sign everything (the guard persists each signature) and keep the locked block, then persist the
   * WAL, then send and act.
   */
  private async apply(effects: readonly ConsensusEffect[]): Promise<void> {
    const outbox: ConsensusMessage[] = [];
    const signAll = async () => {
      for (const fx of effects) {
        if (fx.type === 'broadcastVote') outbox.push({ kind: 'vote', vote: await this.signVote(fx.vote) });
        if (fx.type === 'broadcastProposal') {
          const signed = await this.signProposal(fx.proposal);
          if (signed !== undefined) outbox.push({ kind: 'proposal', proposal: signed });
        }
      }
    };
    // The machine's lock is already set: its block is written while the signatures are (two disk waits at once).
    // Both are done before the WAL that names the lock, and all three before anything is sent.
    const sends = effects.some((fx) => fx.type === 'broadcastVote' || fx.type === 'broadcastProposal');
    await Promise.all([signAll(), sends ? this.keepLockedBlocks() : undefined]);
    if (outbox.length > 0) {
      await writeWal(this.opts.walFile, {
        state: this.machine.snapshot(),
        signedVotes: [...this.ownVotes.values()],
        signedProposals: [...this.ownProposals.values()],
      });
    }
    for (const message of outbox) this.deps.network.broadcastConsensus(message);
    for (const fx of effects) await this.act(fx);
  }

  private async act(fx: ConsensusEffect): Promise<void> {
    switch (fx.type) {
      case 'broadcastVote':
      case 'broadcastProposal':
        return;
      case 'scheduleTimeout': {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.enqueue(() =>
            this.apply(this.machine.handle({ type: 'timeout', height: fx.height, round: fx.round, step: fx.step })),
          );
        }, fx.delayMs);
        this.timers.add(timer);
        return;
      }
      case 'requestValue':
        return this.buildValue(fx.height, fx.round);
      case 'commit':
        return this.commit(fx.height, fx.round, fx.value, fx.certificate);
      case 'evidence': {
        const a = this.voteSignatures.get(signatureKey(fx.a));
        const b = this.voteSignatures.get(signatureKey(fx.b));
        if (a && b) this.deps.onEvidence(a, b);
        return;
      }
    }
  }

  private async signVote(vote: Vote): Promise<SignedVote> {
    const slot = voteSlot(vote);
    const own = this.ownVotes.get(slot);
    if (own !== undefined && toMachineVote(own.vote).value === vote.value) return own;
    const wire = toWireVote(this.chainId, vote);
    const signature = await this.deps.guard.sign(
      { height: vote.height, round: vote.round, step: vote.type },
      voteSignBytes(wire),
      (bytes) => this.deps.key.sign(bytes),
    );
    const signed: SignedVote = { vote: wire, signature };
    this.ownVotes.set(slot, signed);
    this.voteSignatures.set(signatureKey(vote), signed);
    return signed;
  }

  /** Signs our proposal; undefined when we no longer hold its block (after a restart): the round then times out. */
  private async signProposal(proposal: Proposal): Promise<SignedBlockProposal | undefined> {
    const built = this.candidates.get(proposal.value);
    if (built === undefined) return undefined;
    const own = this.ownProposals.get(proposal.round);
    const wire = toWireProposal(this.chainId, proposal);
    const signature =
      own !== undefined && bytesToHex(own.proposal.blockHash) === proposal.value
        ? own.signature
        : await this.deps.guard.sign(
            { height: proposal.height, round: proposal.round, step: 'proposal' },
            proposalSignBytes(wire),
            (bytes) => this.deps.key.sign(bytes),
          );
    this.ownProposals.set(proposal.round, { proposal: wire, signature });
    const signed = { proposal: wire, signature, block: built.block.block };
    this.heightProposals.set(proposal.round, signed);
    return signed;
  }

  /** getValue(): a block from the mempool, executed, on top of our tip. */
  private async buildValue(height: number, round: number): Promise<void> {
    const tip = this.deps.executor.store.tip();
    if ((tip?.height ?? 0) + 1 !== height) return;
    const earliest = (tip?.time ?? 0n) + 1n;
    const wall = this.opts.now();
    const candidates = this.deps.mempool.take(this.opts.maxBlockTxs);
    const built = this.deps.executor.build(candidates, wall > earliest ? wall : earliest, this.deps.key.publicKey);
    if (built.excluded.length > 0) this.deps.mempool.remove(built.excluded.map((e) => e.tx.id));
    const value = bytesToHex(built.block.hash);
    this.candidates.set(value, built);
    await this.apply(this.machine.handle({ type: 'value', height, round, value }));
  }

  private async commit(height: number, round: number, value: string, certificate: readonly Vote[]): Promise<void> {
    this.lastDecidedAt = this.opts.now();
    const built = this.candidates.get(value);
    if (built === undefined) {
      this.deps.log.warn({ height, block: value }, 'decided a block we do not hold; fetching it');
      this.deps.onMissingBlock(height);
      return;
    }
    const precommits = certificate.map((v) => {
      const signed = this.voteSignatures.get(signatureKey(v));
      if (signed === undefined) throw new Error(`no signature kept for the precommit of ${v.validator}`);
      return { validator: signed.vote.validator, signature: signed.signature };
    });
    const cert: CommitCertificate = { height, round, blockHash: built.block.hash, precommits };
    const committed = this.deps.executor.commit(built, cert);
    this.deps.mempool.remove(built.block.block.txs.length > 0 ? this.includedIds(built) : []);
    this.deps.onCommitted(committed);
    // timeout_commit: wait for transactions (and late precommits) before the next height begins.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue(async () => {
        this.clearHeight();
        if (this.loadValidatorSet()) {
          // A governance change took effect: a machine for the new set starts the next height.
          this.machine = this.newMachine();
          await this.apply(this.machine.handle({ type: 'start', height: height + 1 }));
        } else {
          await this.apply(this.machine.handle({ type: 'blockExecuted', height } satisfies ConsensusEvent));
        }
        await this.replayAhead();
      });
    }, this.opts.blockIntervalMs);
    this.timers.add(timer);
  }

  private includedIds(built: BuiltBlock): string[] {
    return built.block.txIds.map((id) => bytesToHex(id));
  }

  /** Forgets the finished height (votes of the previous height are kept by the machine for evidence only). */
  private clearHeight(): void {
    this.lockedBlocks.clear();
    this.candidates = new Map();
    this.heightProposals = new Map();
    this.ownVotes = new Map();
    this.ownProposals = new Map();
    const keep = new Map<string, SignedVote>();
    const height = this.machine.view().height;
    for (const [k, v] of this.voteSignatures) if (v.vote.height >= height) keep.set(k, v);
    this.voteSignatures = keep;
  }
}
