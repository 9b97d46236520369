import type { StatusJson } from '../../../shared/api/index.ts';

export interface Readiness {
  readonly ready: boolean;
  /** Why not ready, one plain sentence each; empty when ready. */
  readonly reasons: string[];
}

/** The validator set's total voting power and the part of it this node sees connected (itself included). */
export function votingPower(s: StatusJson): { total: number; connected: number } {
  let total = 0;
  let connected = 0;
  for (const v of s.validators) {
    total += v.power;
    if (v.connected) connected += v.power;
  }
  return { total, connected };
}

/**
 * /readyz: a node is ready to serve when it is not catching up, its database takes writes, and — for a validator of a
 * network — it sees enough voting power (itself and connected validators) for a quorum, so its answers are current.
 */
export function readiness(s: StatusJson, databaseWritable: boolean): Readiness {
  const reasons: string[] = [];
  if (s.sync.syncing) reasons.push(`syncing: at height ${s.height} of ${s.sync.targetHeight}`);
  if (!databaseWritable) reasons.push('the database does not take writes');
  if (s.role === 'validator' && s.validators.length > 1) {
    const { total, connected } = votingPower(s);
    if (connected * 3 <= total * 2) {
      reasons.push(`validators with ${connected} of ${total} voting power connected; a quorum needs more than 2/3`);
    }
  }
  return { ready: reasons.length === 0, reasons };
}
