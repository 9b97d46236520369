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
} as const;

export const StatePrefix = {
  member: 'member/',
  signatory: 'signatory/',
  account: 'account/',
  asset: 'asset/',
  balance: 'balance/',
  proposal: 'proposal/',
  pending: 'pending/',
  bill: 'bill/',
} as const;

/**
 * The guard key of the governance policy in the pending index and in a proposal's `guards`. "@" is outside the
 * account-id alphabet, so no account can be confused with governance.
 */
export const GOVERNANCE_GUARD = '@governance';
