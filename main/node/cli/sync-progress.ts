import type { StatusJson } from '../../../shared/api/index.ts';
import type { ApiClient } from '../api/client.ts';

/** One line of progress: `[██████░░░░░░] 1,234 / 5,000 blocks  62.1 blocks/s`. */
export function progressBar(done: number, total: number, perSecond: number, width = 30): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  const fmt = (n: number) => n.toLocaleString('en-US');
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${fmt(done)} / ${fmt(total)} blocks  ${perSecond.toFixed(1)} blocks/s`;
}

/**
 * Polls a node's status until it has caught up with the highest height its peers report, drawing a progress bar on
 * stderr (redrawn in place on a terminal, one line per second otherwise). Resolves with the final status.
 */
export async function followSync(
  client: ApiClient,
  opts: { timeoutMs: number; out?: NodeJS.WriteStream },
): Promise<StatusJson> {
  const out = opts.out ?? process.stderr;
  const started = Date.now();
  const first = (await client.call('node.status', {})) as StatusJson;
  let last = first;
  for (;;) {
    const elapsed = Math.max(1, Date.now() - started) / 1000;
    const line = progressBar(
      last.height,
      Math.max(last.sync.targetHeight, last.height),
      (last.height - first.height) / elapsed,
    );
    out.write(out.isTTY ? `\r${line}` : `${line}\n`);
    const caughtUp = !last.sync.syncing && last.height >= last.sync.targetHeight && last.peers.some((p) => p.connected);
    if (caughtUp) break;
    if (Date.now() - started > opts.timeoutMs) {
      if (out.isTTY) out.write('\n');
      throw new Error(`not caught up after ${opts.timeoutMs} ms (height ${last.height} of ${last.sync.targetHeight})`);
    }
    await new Promise((r) => setTimeout(r, 1000));
    last = (await client.call('node.status', {})) as StatusJson;
  }
  if (out.isTTY) out.write('\n');
  return last;
}
