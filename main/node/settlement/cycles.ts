import type { Action, SettlementCycle } from '../../../shared/domain/index.ts';
import type { ExecContext } from '../ledger/context.ts';
import { fail, LedgerErrorCode as E } from '../ledger/errors.ts';
import { putCycle, getCycle } from './store.ts';

type CycleFields = Pick<SettlementCycle, 'firstCutoff' | 'intervalMs'>;

/**
 * The cut-offs of a cycle are firstCutoff + k × intervalMs for k = 0, 1, ... This is the first one at or after
 * `time` (a cycle set at its own cut-off time runs that cut-off in the same block).
 */
export function cutoffAtOrAfter(c: CycleFields, time: bigint): bigint {
  if (time <= c.firstCutoff) return c.firstCutoff;
  const k = (time - c.firstCutoff + c.intervalMs - 1n) / c.intervalMs;
  return c.firstCutoff + k * c.intervalMs;
}

/** The first cut-off strictly after `time`: where a cycle goes next once a cut-off has run at block time `time`. */
export function cutoffAfter(c: CycleFields, time: bigint): bigint {
  return cutoffAtOrAfter(c, time + 1n);
}

/**
 * The latest cut-off at or before `time`: the one a block at `time` runs. When blocks were missing across several
 * cut-offs, they collapse into this one run (nothing settles twice; everything eligible by then is in it).
 */
export function latestCutoff(c: CycleFields, time: bigint): bigint {
  if (time < c.firstCutoff) return c.firstCutoff;
  return c.firstCutoff + ((time - c.firstCutoff) / c.intervalMs) * c.intervalMs;
}

/**
 * Governance (and genesis) define or change a currency's cycle. A change takes effect from the next cut-off of the
 * new schedule; instructions already waiting for the old cut-off wait for that one.
 */
export function setCycle(ctx: ExecContext, op: Extract<Action, { type: 'settlement.cycle.set' }>): void {
  const asset = ctx.state.asset(op.asset);
  if (!asset) fail(E.UNKNOWN_ASSET, `asset "${op.asset}" does not exist`);
  if (asset.kind !== 'currency') {
    fail(E.CURRENCY_MISMATCH, `deferred-net cycles are for currencies; ${op.asset} is a ${asset.kind}`);
  }
  const previous = getCycle(ctx.state, op.asset);
  const nextCutoff = cutoffAtOrAfter(op, ctx.block.time);
  putCycle(ctx.state, {
    asset: op.asset,
    firstCutoff: op.firstCutoff,
    intervalMs: op.intervalMs,
    onShortfall: op.onShortfall,
    nextCutoff,
    ...(previous?.last !== undefined && { last: previous.last }),
  });
  ctx.events.push({ type: 'settlement.cycle-set', asset: op.asset, nextCutoff });
}
