import type { LedgerEvent, SignatoryId, Tx, TxId } from '../../../shared/domain/index.ts';

/**
 * The ledger's ports. The ledger is a pure function of (state, transaction, block context): it reads state through
 * StateReader, and everything it changes stays in an overlay that the caller commits (execution/) or discards.
 */

/** Read access to committed state, provided by storage. Values are canonical CBOR. */
export interface StateReader {
  get(key: string): Uint8Array | undefined;
  /** Keys with this prefix, in bytewise order, with their values. Used for small index scans only. */
  scan(prefix: string): Iterable<[string, Uint8Array]>;
}

/** The block a transaction executes in. Time is the block's time, never the wall clock. */
export interface BlockContext {
  readonly chainId: string;
  readonly height: number;
  /** Block time, ms since the Unix epoch. */
  readonly time: bigint;
}

/** A transaction that execution/ has already checked: chain id, expiry window, uniqueness and every signature. */
export interface VerifiedTx {
  readonly tx: Tx;
  readonly id: TxId;
  /** Key ids of the public keys whose signatures verified, in the order they appear. */
  readonly signers: readonly SignatoryId[];
}

/** The outcome of one transaction. A failed transaction changes nothing but is recorded with its code. */
export interface TxResult {
  readonly code: string;
  readonly message?: string;
  readonly events: readonly LedgerEvent[];
}

export const OK = 'OK';
