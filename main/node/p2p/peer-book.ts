import type { PeerJson } from '../../../shared/api/types.ts';
import { Offence } from './errors.ts';
import type { P2PLimits, PeerIdentity, PeerRole } from './interface.ts';

/**
 * Penalty per offence. Protocol breaks cost 40 (the peer is also disconnected at once; a third within a half-life
 * bans it), an invalid signature 20 and a vote from a non-validator 10: those can come from an honest node whose view
 * of the validator set lags ours, so they only add up.
 */
export const PENALTY: Readonly<Record<Offence, number>> = {
  [Offence.MALFORMED]: 40,
  [Offence.OVERSIZED]: 40,
  [Offence.WRONG_CHAIN]: 40,
  [Offence.FLOOD]: 25,
  [Offence.BAD_SYNC_RESPONSE]: 40,
  [Offence.BAD_SIGNATURE]: 20,
  [Offence.UNKNOWN_VALIDATOR]: 10,
};

/** What this node knows of one peer of the registry, connected or not. */
export interface PeerRecord {
  readonly peerId: string;
  readonly name: string;
  readonly role: PeerRole;
  address: string;
  connected: boolean;
  /** Last height it reported (0 = none yet). */
  height: number;
  latencyMs: number | null;
  score: number;
  scoredAt: number;
  bans: number;
  bannedUntil: number;
}

type Limits = Pick<P2PLimits, 'banThreshold' | 'banBaseMs' | 'banMaxMs' | 'scoreHalfLifeMs'>;

/** Peer records, misbehaviour scores (decaying by half-life) and bans with a doubling duration. */
export class PeerBook {
  private readonly records = new Map<string, PeerRecord>();
  private readonly limits: Limits;
  private readonly now: () => number;

  constructor(limits: Limits, now: () => number) {
    this.limits = limits;
    this.now = now;
  }

  get(peerId: string): PeerRecord | undefined {
    return this.records.get(peerId);
  }

  ensure(identity: PeerIdentity, address = ''): PeerRecord {
    let record = this.records.get(identity.peerId);
    if (!record) {
      record = {
        ...identity,
        address,
        connected: false,
        height: 0,
        latencyMs: null,
        score: 0,
        scoredAt: this.now(),
        bans: 0,
        bannedUntil: 0,
      };
      this.records.set(identity.peerId, record);
    } else if (address !== '') {
      record.address = address;
    }
    return record;
  }

  /** The decayed score now. */
  score(peerId: string): number {
    const record = this.records.get(peerId);
    return record ? this.decayed(record) : 0;
  }

  /** Adds the offence's penalty; bans the peer once its score reaches the threshold. */
  penalise(peerId: string, offence: Offence): { score: number; banned: boolean } {
    const record = this.records.get(peerId);
    if (!record) return { score: 0, banned: false };
    const now = this.now();
    record.score = this.decayed(record) + PENALTY[offence];
    record.scoredAt = now;
    if (record.score >= this.limits.banThreshold && !this.isBanned(peerId)) {
      const duration = Math.min(this.limits.banMaxMs, this.limits.banBaseMs * 2 ** record.bans);
      record.bans += 1;
      record.bannedUntil = now + duration;
    }
    return { score: record.score, banned: this.isBanned(peerId) };
  }

  isBanned(peerId: string): boolean {
    return this.banRemainingMs(peerId) > 0;
  }

  banRemainingMs(peerId: string): number {
    const record = this.records.get(peerId);
    return record ? Math.max(0, record.bannedUntil - this.now()) : 0;
  }

  list(): PeerRecord[] {
    return [...this.records.values()];
  }

  toJson(record: PeerRecord): PeerJson {
    return {
      id: record.peerId,
      name: record.name,
      role: record.role,
      address: record.address,
      connected: record.connected,
      height: record.height,
      latencyMs: record.latencyMs,
      score: Math.round(this.decayed(record)),
    };
  }

  private decayed(record: PeerRecord): number {
    const elapsed = Math.max(0, this.now() - record.scoredAt);
    return record.score * 0.5 ** (elapsed / this.limits.scoreHalfLifeMs);
  }
}
