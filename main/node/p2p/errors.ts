import { CodedError } from '../../../shared/errors.ts';

/** Why a p2p operation failed (for the caller: sync decides whom to ask next on these codes). */
export const P2PErrorCode = {
  NOT_STARTED: 'P2P_NOT_STARTED',
  NOT_CONNECTED: 'P2P_NOT_CONNECTED',
  BAD_RANGE: 'P2P_BAD_RANGE',
  BAD_RESPONSE: 'P2P_BAD_RESPONSE',
  TIMEOUT: 'P2P_TIMEOUT',
  BAD_NODE_KEY: 'P2P_BAD_NODE_KEY',
  BAD_ADDRESS: 'P2P_BAD_ADDRESS',
} as const;
export type P2PErrorCode = (typeof P2PErrorCode)[keyof typeof P2PErrorCode];

export class P2PError extends CodedError<P2PErrorCode> {
  override readonly name = 'P2PError';
}

/**
 * What a peer did wrong. The first group breaks the protocol (the bytes cannot have come from an honest node on this
 * chain): the peer is disconnected at once. The second group can come from an honest node with a bug or a stale view
 * and only costs score.
 */
export const Offence = {
  MALFORMED: 'malformed',
  OVERSIZED: 'oversized',
  WRONG_CHAIN: 'wrong-chain',
  FLOOD: 'flood',
  BAD_SYNC_RESPONSE: 'bad-sync-response',
  BAD_SIGNATURE: 'bad-signature',
  UNKNOWN_VALIDATOR: 'unknown-validator',
} as const;
export type Offence = (typeof Offence)[keyof typeof Offence];

/** Offences after which the connection is closed at once, whatever the score. */
export const DISCONNECTING_OFFENCES: ReadonlySet<Offence> = new Set([
  Offence.MALFORMED,
  Offence.OVERSIZED,
  Offence.WRONG_CHAIN,
  Offence.FLOOD,
  Offence.BAD_SYNC_RESPONSE,
]);
