import { LedgerError, type LedgerErrorCode } from '../ledger/errors.ts';

/**
 * Settlement's own failure codes, next to the ledger's (INSUFFICIENT_FUNDS, UNKNOWN_ACCOUNT, ALREADY_EXISTS, ...)
 * which settlement reuses where they say the same thing. Stable: stored with transaction results and instructions.
 */
export const SettlementErrorCode = {
  UNKNOWN_INSTRUCTION: 'UNKNOWN_INSTRUCTION',
  /** The instruction is settled, cancelled or expired: queue actions no longer apply. */
  INSTRUCTION_CLOSED: 'INSTRUCTION_CLOSED',
  /** A queue action that does not fit the instruction's state (release of one not held, ...). */
  BAD_QUEUE_ACTION: 'BAD_QUEUE_ACTION',
  /** The instruction itself is malformed (legs, mode, times). */
  BAD_INSTRUCTION: 'BAD_INSTRUCTION',
  /** A deferred-net instruction in a currency without a cycle. */
  NO_CYCLE: 'NO_CYCLE',
  /** Left out of a deferred-net cut-off (its participant could not cover, or the cycle is all-or-nothing). */
  NET_EXCLUDED: 'NET_EXCLUDED',
} as const;
export type SettlementErrorCode = (typeof SettlementErrorCode)[keyof typeof SettlementErrorCode];

/**
 * A LedgerError subclass so that everything that handles ledger failures — a transaction's rollback, a proposal
 * recorded as failed, an end-of-block hook's isolation — handles settlement's the same way. The code is one of
 * SettlementErrorCode (its static type is LedgerErrorCode only because LedgerError fixes it).
 */
export class SettlementError extends LedgerError {
  constructor(code: SettlementErrorCode, message: string) {
    super(code as unknown as LedgerErrorCode, message);
  }
}

export function settlementFail(code: SettlementErrorCode, message: string): never {
  throw new SettlementError(code, message);
}
