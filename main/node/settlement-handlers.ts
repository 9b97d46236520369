import type { ApiHandlers } from './api/index.ts';
import { notFound } from './api/index.ts';
import type { Instruction, SettlementCycle } from '../../shared/domain/index.ts';
import { LedgerState } from './ledger/ledger-state.ts';
import { StateOverlay } from './ledger/overlay.ts';
import type { StateReader } from './ledger/interface.ts';
import type { CountersignNode } from './node.ts';
import { effectiveInstructionStatus } from './settlement/instructions.ts';
import { runCutoff } from './settlement/netting.ts';
import { bilateralPositions, multilateralPositions } from './settlement/positions.ts';
import { allCycles, getInstruction, openInstructions } from './settlement/store.ts';
import { stateReaderOf } from './state-reader.ts';
import { instructionTrail, listInstructionIds } from './storage/index.ts';

const CLASS_ORDER = { urgent: 0, normal: 1 } as const;

/**
 * The settlement API: the queue with each cycle's net-position preview, and one instruction with its trail.
 * Reads committed state through the read handle, with the settlement module's own functions, so the preview is
 * computed exactly as the cut-off will compute it (on the balances as of the last block).
 */
export function settlementHandlers(node: CountersignNode): ApiHandlers {
  const db = node.readDb;
  const reader: StateReader = stateReaderOf(db);
  const now = () => node.store.tip()?.time ?? node.genesis.genesisTime;
  // A fresh state per request: its entity cache must not outlive the block it was read at.
  const state = () => new LedgerState(new StateOverlay(reader));
  const shown = (i: Instruction, time: bigint) => ({ ...i, status: effectiveInstructionStatus(i, time) });

  return {
    'settlement.queue': (params) => {
      const time = now();
      const s = state();
      const ids = listInstructionIds(db, { status: params.status, mode: params.mode, limit: params.limit ?? 200 });
      let instructions = ids.flatMap((id) => getInstruction(s, id) ?? []).map((i) => shown(i, time));
      if (params.status === undefined) {
        instructions.sort((a, b) => CLASS_ORDER[a.priority] - CLASS_ORDER[b.priority] || cmp(a.seq, b.seq));
      } else {
        // An open instruction past its expiry reads as expired before the block that closes it.
        instructions = instructions.filter((i) => i.status === params.status);
      }
      const open = openInstructions(s);
      const cycles = allCycles(s).map((c) => ({ ...c, preview: preview(s, c, open) }));
      return { time, instructions, cycles };
    },

    'settlement.instruction': ({ id }) => {
      const found = getInstruction(state(), id);
      if (!found) throw notFound(`instruction "${id}"`);
      return { instruction: shown(found, now()), trail: instructionTrail(db, id) };
    },
  };
}

/** What the cycle's next cut-off would do if it ran on the balances of the last block. */
function preview(s: LedgerState, cycle: SettlementCycle, open: readonly Instruction[]) {
  const at = cycle.nextCutoff;
  const eligible = open.filter(
    (i) =>
      i.status === 'queued' &&
      i.mode === 'deferred-net' &&
      i.legs[0]!.asset === cycle.asset &&
      (i.expiresAt === undefined || i.expiresAt >= at) &&
      (i.settleAt ?? 0n) <= at,
  );
  const balance = (account: string) => s.balance(account, cycle.asset);
  const outcome = runCutoff(eligible, balance, cycle.onShortfall);
  const legs = eligible.flatMap((i) => i.legs);
  // Positions of every eligible instruction, so a participant that would be excluded still shows its shortfall.
  const positions = multilateralPositions(legs).map((p) => {
    const held = balance(p.account);
    return { account: p.account, position: p.position, balance: held, covered: held + p.position >= 0n };
  });
  return {
    instructions: eligible.map((i) => i.id),
    positions,
    bilateral: bilateralPositions(legs),
    outcome: outcome.outcome,
    excluded: outcome.excluded,
  };
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
