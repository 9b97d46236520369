import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { blockCodec, type Block } from '../../../shared/domain/index.ts';
import { writeFileDurablyAsync } from '../fs/durable-file.ts';

/**
 * The blocks behind a validator's locked and valid values, kept on disk (durably) for the current height. A validator
 * locked on a value must be able to propose it again after a crash (Algorithm 1 re-proposes validValue); if the block
 * were lost with the process, the locked validators could never agree on anything else, nor get that block from
 * anyone — a network-wide stall after a simultaneous restart. One file per block hash; cleared at each new height.
 */
export class LockedBlocks {
  private readonly dir: string;
  private readonly kept = new Set<string>();

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  has(value: string): boolean {
    return this.kept.has(value);
  }

  async keep(value: string, block: Block): Promise<void> {
    if (this.kept.has(value)) return;
    await writeFileDurablyAsync(path.join(this.dir, `${value}.block`), blockCodec.encode(block));
    this.kept.add(value);
  }

  /** The kept block of `value` at `height`, if any (after a restart). */
  load(value: string, height: number): Block | undefined {
    const file = path.join(this.dir, `${value}.block`);
    try {
      const block = blockCodec.decode(new Uint8Array(readFileSync(file)));
      if (block.header.height !== height) return undefined;
      this.kept.add(value);
      return block;
    } catch {
      return undefined; // absent (or unreadable: it was never used before the crash)
    }
  }

  clear(): void {
    for (const name of readdirSync(this.dir)) rmSync(path.join(this.dir, name), { force: true });
    this.kept.clear();
  }
}
