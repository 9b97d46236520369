import { AdmissionError, AdmissionErrorCode as E } from '../execution/errors.ts';
import type { BlockStore } from '../execution/ports.ts';
import { checkWindow, type PreparedTx } from '../execution/tx-checks.ts';
import type { TxPreparer } from '../execution/tx-preparer.ts';
import { isEvidenceOnly } from '../ledger/actions/evidence.ts';
import { StateKey } from '../ledger/keys.ts';

export interface MempoolOptions {
  readonly chainId: string;
  readonly maxTxLifetimeMs: bigint;
  /** Most transactions held at once; beyond it new ones are refused with MEMPOOL_FULL. */
  readonly capacity: number;
  /** The node's clock, ms since the epoch: admission only; blocks use their own time. */
  readonly now: () => bigint;
}

/**
 * Transactions waiting for a block, in arrival order. Admission does every check that needs no block: strict
 * decoding, chain id, expiry window, duplicates, known signers and every signature (verified once, here; execution
 * trusts the result for blocks this node builds). A refused transaction gets an error whose code says why.
 */
export class Mempool {
  private readonly opts: MempoolOptions;
  private readonly store: BlockStore;
  private readonly preparer: TxPreparer;
  private readonly pending = new Map<string, PreparedTx>();
  private readonly admittedListeners: ((tx: PreparedTx) => void)[] = [];
  private readonly refusedListeners: ((code: string) => void)[] = [];

  constructor(opts: MempoolOptions, deps: { store: BlockStore; preparer: TxPreparer }) {
    this.opts = opts;
    this.store = deps.store;
    this.preparer = deps.preparer;
  }

  get size(): number {
    return this.pending.size;
  }

  async admit(encoded: Uint8Array): Promise<PreparedTx> {
    let prepared: PreparedTx;
    try {
      this.refuseWhenFull();
      // Decoding and every signature check happen off this thread (see TxPreparer).
      prepared = await this.preparer.prepare(encoded);
    } catch (err) {
      this.refused(err);
      throw err;
    }
    return this.accept(prepared);
  }

  /** Admits transactions already decoded and verified (by prepareBatch), checking what needs state. */
  accept(prepared: PreparedTx): PreparedTx {
    try {
      return this.acceptChecked(prepared);
    } catch (err) {
      this.refused(err);
      throw err;
    }
  }

  /** Calls `listener` with the code of each refused transaction from now on (metrics: refusals by reason). */
  onRefused(listener: (code: string) => void): void {
    this.refusedListeners.push(listener);
  }

  private refused(err: unknown): void {
    const code = (err as { code?: unknown }).code;
    for (const listener of this.refusedListeners) listener(typeof code === 'string' ? code : 'INTERNAL_ERROR');
  }

  private refuseWhenFull(): void {
    if (this.pending.size >= this.opts.capacity) {
      throw new AdmissionError(E.MEMPOOL_FULL, `the mempool holds ${this.opts.capacity} transactions; retry shortly`);
    }
  }

  private acceptChecked(prepared: PreparedTx): PreparedTx {
    this.refuseWhenFull();
    checkWindow(prepared.tx, this.opts.chainId, this.opts.now(), this.opts.maxTxLifetimeMs);
    this.refuseDuplicate(prepared);
    // Evidence proves itself (two signed votes): whoever reports it need not be a signatory.
    for (const signer of isEvidenceOnly(prepared.tx.body.ops) ? [] : prepared.signers) {
      if (!this.store.get(StateKey.signatory(signer))) {
        throw new AdmissionError(E.UNKNOWN_SIGNER, `key ${signer} is not a registered signatory`);
      }
    }
    this.pending.set(prepared.id, prepared);
    for (const listener of this.admittedListeners) listener(prepared);
    return prepared;
  }

  /** Calls `listener` with each transaction admitted from now on (the network relays them to peers). */
  onAdmitted(listener: (tx: PreparedTx) => void): void {
    this.admittedListeners.push(listener);
  }

  /** Up to `max` transactions in arrival order; they stay pending until removed. */
  take(max: number): PreparedTx[] {
    const out: PreparedTx[] = [];
    for (const tx of this.pending.values()) {
      if (out.length >= max) break;
      out.push(tx);
    }
    return out;
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) this.pending.delete(id);
  }

  has(id: string): boolean {
    return this.pending.has(id);
  }

  /** A pending transaction, already decoded and verified at admission. */
  get(id: string): PreparedTx | undefined {
    return this.pending.get(id);
  }

  private refuseDuplicate(tx: PreparedTx): void {
    if (this.pending.has(tx.id)) throw new AdmissionError(E.ALREADY_PENDING, `transaction ${tx.id} is already pending`);
    if (this.store.hasTx(tx.hash)) {
      throw new AdmissionError(E.ALREADY_COMMITTED, `transaction ${tx.id} is already on the ledger`);
    }
  }
}
