/**
 * State keys. State is a key → canonical-CBOR map; these builders are the only place key shapes are written, so the
 * storage layer's indexes (which read prefixes) and the ledger agree. Keys sort bytewise (UTF-8), and components
 * are ids whose alphabets exclude "/", so a prefix never matches across kinds.
 */
export const StateKey = {
  governance: () => 'governance',
  member: (lei: string) => `member/${lei}`,
  signatory: (id: string) => `signatory/${id}`,
  account: (id: string) => `account/${id}`,
  asset: (id: string) => `asset/${id}`,
  balance: (account: string, asset: string) => `balance/${account}/${asset}`,
  proposal: (id: string) => `proposal/${id}`,
  /** Index of pending proposals by what guards them ("gov" or an account id), for re-evaluation on policy changes. */
  pending: (guard: string, proposal: string) => `pending/${guard}/${proposal}`,
  bill: (serial: string) => `bill/${serial}`,
  /** Settlement (main/node/settlement/store.ts): instructions, the open queue in FIFO order, wake-up times, cycles. */
  instruction: (id: string) => `instruction/${id}`,
  settlementOpen: (seq: bigint, id: string) => `settlement/open/${pad20(seq)}/${id}`,
  settlementTimer: (time: bigint, id: string) => `settlement/timer/${pad20(time)}/${id}`,
  settlementCycle: (asset: string) => `settlement/cycle/${asset}`,
  settlementSeq: () => 'settlement/seq',
  validator: (publicKeyHex: string) => `validator/${publicKeyHex}`,
  /** A validator-set change decided by governance, waiting for its height (zero-padded so keys sort by height). */
  validatorChange: (effectiveHeight: number, publicKeyHex: string) =>
    `validator-change/${String(effectiveHeight).padStart(12, '0')}/${publicKeyHex}`,
  evidence: (publicKeyHex: string, height: number, round: number, type: string) =>
    `evidence/${publicKeyHex}/${height}/${round}/${type}`,
  contract: (id: string) => `contract/${id}`,
  /**
   * Index of contracts by the block time of their next timed step: the time as 20 zero-padded digits, so key order
   * is time order and the end-of-block phase reads only what is due.
   */
  contractTimer: (time: bigint, id: string) => `contract-timer/${time.toString().padStart(20, '0')}/${id}`,
} as const;

/**
 * The pseudo-account that holds a contract's locked funds (escrow): its balances live under `balance/` like any
 * account's, so Σ balances = supply still holds per asset. ":" and "@" are outside the account-id alphabet, so no
 * real account can be confused with a holding.
 */
export const contractHolding = (id: string) => `@contract:${id}`;

export const StatePrefix = {
  member: 'member/',
  signatory: 'signatory/',
  account: 'account/',
  asset: 'asset/',
  balance: 'balance/',
  proposal: 'proposal/',
  pending: 'pending/',
  bill: 'bill/',
  instruction: 'instruction/',
  settlementOpen: 'settlement/open/',
  settlementTimer: 'settlement/timer/',
  settlementCycle: 'settlement/cycle/',
  validator: 'validator/',
  validatorChange: 'validator-change/',
  evidence: 'evidence/',
  contract: 'contract/',
  contractTimer: 'contract-timer/',
} as const;

/**
 * The guard key of the governance policy in the pending index and in a proposal's `guards`. "@" is outside the
 * account-id alphabet, so no account can be confused with governance.
 */
export const GOVERNANCE_GUARD = '@governance';

/** A u64 as 20 decimal digits, so that bytewise key order is numeric order (settlement queue and timers). */
export function pad20(n: bigint): string {
  return n.toString().padStart(20, '0');
}
