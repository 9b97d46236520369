import { MAX_TX_BATCH, MAX_TX_BATCH_BYTES } from './protocols.ts';
import { encodeTxBatch } from './wire.ts';

/**
 * Transactions waiting to go to one peer as one frame. A frame leaves when the batch is full (count or bytes) or
 * `delayMs` after its first transaction, so a lone transaction is late by at most that, and a busy node sends a few
 * large frames instead of thousands of small ones.
 */
export class TxBatchQueue {
  private readonly delayMs: number;
  private readonly send: (frame: Uint8Array) => void;
  private txs: Uint8Array[] = [];
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(delayMs: number, send: (frame: Uint8Array) => void) {
    this.delayMs = delayMs;
    this.send = send;
  }

  add(encodedTx: Uint8Array): void {
    if (this.bytes + encodedTx.length > MAX_TX_BATCH_BYTES) this.flush();
    this.txs.push(encodedTx);
    this.bytes += encodedTx.length;
    if (this.txs.length >= MAX_TX_BATCH) this.flush();
    else if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.txs.length === 0) return;
    const txs = this.txs;
    this.txs = [];
    this.bytes = 0;
    this.send(encodeTxBatch(txs));
  }

  /** Drops what is queued (the peer is gone). */
  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.txs = [];
    this.bytes = 0;
  }
}
