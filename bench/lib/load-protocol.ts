import type { Summary } from './stats.ts';
import type { TransferPlan } from './transfer-accounts.ts';

/** Messages between the bench (load-client.ts) and the load generator process (load-generator.ts). */
export type GeneratorCommand =
  | {
      type: 'init';
      chainId: string;
      plan: TransferPlan;
      nodes: { wsUrl: string; token: string }[];
      connectionsPerNode: number;
    }
  /** Sign `count` transfers now, before the run that sends them. */
  | { type: 'prepare'; count: number }
  /** Send `rate` transfers/s for `durationMs`; measure over the part after `warmupMs`; wait up to `settleMs`. */
  | { type: 'run'; rate: number; durationMs: number; warmupMs: number; settleMs: number }
  | { type: 'close' };

export type GeneratorReply =
  | { type: 'ready' }
  | { type: 'prepared'; count: number; ms: number }
  | { type: 'ran'; result: RunResult }
  | { type: 'closed' }
  | { type: 'error'; message: string };

export interface RunResult {
  readonly rate: number;
  readonly scheduled: number;
  /** Admitted by a node's mempool (tx.submit answered without error). */
  readonly accepted: number;
  /** Refusals by error code (MEMPOOL_FULL, ...). */
  readonly rejected: Record<string, number>;
  /** Most transfers waiting in the generator for a free request slot at once (the nodes fell behind answering). */
  readonly maxQueued: number;
  readonly measuredMs: number;
  /** Transfers in the blocks node0 announced during the measured window. */
  readonly committedInWindow: number;
  readonly committedPerSecond: number;
  readonly blocksInWindow: number;
  readonly txsPerBlock: number;
  /** Due-to-send → block event from the node it was sent to, for transfers due in the measured window. */
  readonly finalityMs: Summary;
  /** Transfers due in the window and not committed by the end of the settle time. */
  readonly uncommitted: number;
  /** The generator's own CPU while sending, in cores. */
  readonly generatorCpuCores: number;
}
