import assert from 'node:assert/strict';
import {
  genesisSchema,
  instructionCodec,
  settlementCycleCodec,
  type Genesis,
  type Instruction,
  type LedgerEvent,
  type SettlementCycle,
} from '../../shared/domain/index.ts';
import { StateKey } from '../../main/node/ledger/keys.ts';
import {
  ACCOUNT,
  consortiumGenesis,
  GENESIS_TIME,
  HOUR,
  LedgerHarness,
  type OpInput,
  type SignerName,
} from './ledger-harness.ts';

/**
 * Settlement on the ledger harness's consortium, plus a currency for settlement tests, EUR, that nobody holds at
 * genesis unless a test says so (so gridlock and shortfalls are easy to set up), and optional deferred-net cycles.
 */

export const EUR = 'EUR';
export const { alphaTreasury: ALPHA, betaTreasury: BETA, gammaOps: GAMMA, gammaIssuer: ISSUER } = ACCOUNT;

/** Signers that satisfy each account's policy on their own, for direct (non-proposal) operations. */
export const SIGNERS: Readonly<Record<string, readonly SignerName[]>> = {
  [ACCOUNT.alphaTreasury]: ['alice', 'bob'],
  [ACCOUNT.betaTreasury]: ['dave', 'erin'],
  [ACCOUNT.gammaOps]: ['grace'],
  [ACCOUNT.gammaIssuer]: ['frank'],
};
export const GOVERNANCE_SIGNERS: readonly SignerName[] = ['alice', 'dave'];

export interface CycleInput {
  asset: string;
  firstCutoff: bigint;
  intervalMs: bigint;
  onShortfall: 'all-or-nothing' | 'exclude';
}

export function settlementGenesis(
  opts: { eur?: Partial<Record<string, bigint>>; cycles?: CycleInput[] } = {},
): Genesis {
  const base = consortiumGenesis();
  const eur = Object.entries(opts.eur ?? {}).filter(([, v]) => v !== undefined && v > 0n);
  return genesisSchema.parse({
    ...base,
    assets: [
      ...base.assets,
      { id: EUR, kind: 'currency', code: 'EUR', name: 'Euro', decimals: 2, issuer: ACCOUNT.gammaIssuer },
    ],
    balances: [...base.balances, ...eur.map(([account, amount]) => ({ account, asset: EUR, amount }))],
    ...(opts.cycles && { settlement: { cycles: opts.cycles } }),
  });
}

export type InstructionInput = {
  id: string;
  mode?: 'rtgs' | 'scheduled' | 'deferred-net';
  priority?: 'urgent' | 'normal';
  legs: { from: string; to: string; asset: string; amount: bigint }[];
  settleAt?: bigint;
  expiresAt?: bigint;
};

export function instructOp(i: InstructionInput): OpInput {
  return {
    type: 'settlement.instruct',
    instruction: i.id,
    mode: i.mode ?? 'rtgs',
    priority: i.priority ?? 'normal',
    legs: i.legs,
    ...(i.settleAt !== undefined && { settleAt: i.settleAt }),
    ...(i.expiresAt !== undefined && { expiresAt: i.expiresAt }),
  } as OpInput;
}

export function pay(id: string, from: string, to: string, amount: bigint, more: Partial<InstructionInput> = {}) {
  return { id, legs: [{ from, to, asset: EUR, amount }], ...more };
}

/** The signers that satisfy every debtor's policy of an instruction. */
export function signersFor(i: InstructionInput): SignerName[] {
  const names = new Set<SignerName>();
  for (const leg of i.legs)
    for (const n of SIGNERS[leg.from] ?? assert.fail(`no signers for ${leg.from}`)) names.add(n);
  return [...names];
}

export class SettlementHarness extends LedgerHarness {
  /** Block events of every block so far, by height. */
  readonly blockEventsByHeight = new Map<number, LedgerEvent[]>();

  constructor(genesis: Genesis = settlementGenesis()) {
    super(genesis);
  }

  override block(...args: Parameters<LedgerHarness['block']>) {
    const outcome = super.block(...args);
    this.blockEventsByHeight.set(outcome.height, outcome.blockEvents);
    // Nothing is created or destroyed, whatever settlement did in the block.
    assert.deepEqual(this.balanceTotals(), nonZero(this.supplies()), `conservation after block ${outcome.height}`);
    return outcome;
  }

  /** Submits instructions in one block, each in its own transaction signed by its debtors. */
  submit(list: InstructionInput[], opts: { at?: bigint } = {}) {
    const txs = list.map((i) => this.tx([instructOp(i)], signersFor(i), opts));
    return this.block(txs, opts);
  }

  /** An empty block (only the end-of-block phase runs). */
  tick(at?: bigint) {
    return this.block([], at !== undefined ? { at } : {});
  }

  instruction(id: string): Instruction {
    const bytes = this.store.get(StateKey.instruction(id));
    assert.ok(bytes, `instruction ${id} exists`);
    return instructionCodec.decode(bytes);
  }

  cycle(asset: string): SettlementCycle | undefined {
    const bytes = this.store.get(StateKey.settlementCycle(asset));
    return bytes && settlementCycleCodec.decode(bytes);
  }

  status(id: string): string {
    return this.instruction(id).status;
  }

  act(id: string, action: 'hold' | 'release' | 'cancel' | 'reprioritise', signers: SignerName[], priority?: string) {
    return this.run(
      [{ type: 'settlement.action', instruction: id, action, ...(priority && { priority }) } as OpInput],
      signers,
    );
  }
}

function nonZero(m: Map<string, bigint>): Map<string, bigint> {
  return new Map([...m].filter(([, v]) => v !== 0n));
}

export { GENESIS_TIME, HOUR };
