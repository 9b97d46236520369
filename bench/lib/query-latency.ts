import { accountHistory, openDatabase, proposalTrail } from '../../main/node/storage/index.ts';
import { summarize, type Summary } from './stats.ts';

/**
 * Read-side latency on a large ledger (lib/history-ledger.ts), through the node's own query functions on a read-only
 * handle, as the API serves them.
 */

/**
 * 50-row account-history pages of the hot account: the first page and pages deep in its history, reached through
 * their cursors (every 10th of the first 200 pages), `pages` times in turn. Milliseconds per page.
 */
export function historyPageLatency(file: string, account: string, pages: number): Summary {
  const db = openDatabase(file, { readonly: true });
  try {
    const cursors: (string | undefined)[] = [undefined];
    let cursor: string | null | undefined;
    for (let i = 0; i < 200; i++) {
      const page = accountHistory(db, { account, limit: 50, ...(cursor ? { cursor } : {}) });
      cursor = page.nextCursor;
      if (!cursor) break;
      if (i % 10 === 0) cursors.push(cursor);
    }
    const latencies: number[] = [];
    for (let i = 0; i < pages; i++) {
      const c = cursors[i % cursors.length];
      const t = performance.now();
      const page = accountHistory(db, { account, limit: 50, ...(c ? { cursor: c } : {}) });
      latencies.push(performance.now() - t);
      if (page.entries.length !== 50) throw new Error('a history page came back short');
    }
    return summarize(latencies);
  } finally {
    db.close();
  }
}

/** A proposal's whole trail (created, approvals, outcome), for `queries` proposals picked evenly. Milliseconds each. */
export function proposalTrailLatency(file: string, proposalIds: readonly string[], queries: number): Summary {
  const db = openDatabase(file, { readonly: true });
  try {
    for (const id of proposalIds.slice(0, 100)) proposalTrail(db, id); // warm-up: statements prepared, code compiled
    const latencies: number[] = [];
    const stride = Math.max(1, Math.floor(proposalIds.length / queries));
    for (let i = 0; i < queries; i++) {
      const id = proposalIds[(i * stride + (i % stride)) % proposalIds.length]!;
      const t = performance.now();
      const trail = proposalTrail(db, id);
      latencies.push(performance.now() - t);
      if (trail.length !== 4) throw new Error(`proposal ${id} has a trail of ${trail.length} events, expected 4`);
    }
    return summarize(latencies);
  } finally {
    db.close();
  }
}
