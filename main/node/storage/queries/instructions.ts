import type { Database } from '../db.ts';
import { prepared } from '../statement-cache.ts';
import { checkLimit } from './page.ts';

export interface InstructionFilter {
  /** Stored status; absent: the open ones (queued and held). */
  readonly status?: string | undefined;
  readonly mode?: string | undefined;
  readonly limit: number;
}

/**
 * Instruction ids from the read-side index (0002-block-events): open instructions in queue order (urgent first, then
 * by enqueue sequence), closed ones newest first.
 */
export const INSTRUCTION_LIST_SQL = {
  open: `SELECT id FROM instructions WHERE status IN ('queued', 'held') AND (@mode IS NULL OR mode = @mode)
         ORDER BY priority <> 'urgent', seq LIMIT @limit`,
  status: `SELECT id FROM instructions WHERE status = @status AND (@mode IS NULL OR mode = @mode)
           ORDER BY seq DESC LIMIT @limit`,
} as const;

interface Params {
  mode: string | null;
  limit: number;
  status?: string;
}

export function listInstructionIds(db: Database, f: InstructionFilter): string[] {
  const params: Params = { mode: f.mode ?? null, limit: checkLimit(f.limit) };
  if (f.status === undefined) return prepared<[Params], string>(db, INSTRUCTION_LIST_SQL.open, 'pluck').all(params);
  return prepared<[Params], string>(db, INSTRUCTION_LIST_SQL.status, 'pluck').all({ ...params, status: f.status });
}
