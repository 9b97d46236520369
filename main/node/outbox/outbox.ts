import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from '../fs/durable-file.ts';

const TX_FILE = /^([0-9a-f]{64})\.tx$/;

/**
 * Transactions submitted on this node that the network has not committed yet, one file each (written durably), so a
 * branch office can accept approvals while cut off, survive a restart, and deliver them when peers return. An entry
 * leaves the outbox only when its transaction is seen in a committed block (or can never be: expired, refused).
 */
export class Outbox {
  private readonly dir: string;
  private readonly pending = new Map<string, Uint8Array>();

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(dir)) {
      const m = TX_FILE.exec(name);
      if (m) this.pending.set(m[1]!, new Uint8Array(readFileSync(path.join(dir, name))));
      else if (name.endsWith('.tmp')) rmSync(path.join(dir, name), { force: true }); // a write cut short by a crash
    }
  }

  get size(): number {
    return this.pending.size;
  }

  add(id: string, encoded: Uint8Array): void {
    if (this.pending.has(id)) return;
    writeFileDurably(path.join(this.dir, `${id}.tx`), encoded);
    this.pending.set(id, encoded);
  }

  /** Pending transactions, oldest id order is not kept: delivery order does not matter (each is independent). */
  entries(): [string, Uint8Array][] {
    return [...this.pending];
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) {
      if (!this.pending.delete(id)) continue;
      rmSync(path.join(this.dir, `${id}.tx`), { force: true });
    }
  }
}
