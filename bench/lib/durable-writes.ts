import path from 'node:path';
import { writeFileDurably } from '../../main/node/fs/durable-file.ts';

/**
 * Durable file writes per second, the way the node writes its outbox entries, consensus WAL and signer state
 * (main/node/fs/durable-file.ts: write a temporary file, fsync it, rename it over the target, fsync the directory):
 * what this disk allows a node that does one per submitted transaction or per signature.
 */
export function durableWritesPerSecond(dir: string, ms = 1500, bytes = 300): number {
  const content = new Uint8Array(bytes).fill(7);
  for (let i = 0; i < 5; i++) writeFileDurably(path.join(dir, `warm-${i}.tx`), content);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) writeFileDurably(path.join(dir, `${n++ % 1000}.tx`), content);
  return Math.round(n / ((performance.now() - start) / 1000));
}
