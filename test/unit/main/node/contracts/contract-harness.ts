import assert from 'node:assert/strict';
import { decodeCanonical } from '../../../../../shared/encoding/index.ts';
import { contractCodec, type Contract, type LedgerEvent } from '../../../../../shared/domain/index.ts';
import { hasDueWork } from '../../../../../main/node/ledger/end-block.ts';
import type { VerifiedTx } from '../../../../../main/node/ledger/interface.ts';
import { contractHolding, StateKey, StatePrefix } from '../../../../../main/node/ledger/keys.ts';
import { LedgerState } from '../../../../../main/node/ledger/ledger-state.ts';
import { StateOverlay } from '../../../../../main/node/ledger/overlay.ts';
import {
  consortiumGenesis,
  LedgerHarness,
  type BlockOutcome,
  type OpInput,
  type SignerName,
} from '../../../../helpers/ledger-harness.ts';

/** One step of a contract's timeline as the node's index records it: the block, the transaction (null: block event). */
export interface TimelineStep {
  readonly height: number;
  readonly txId: string | null;
  readonly event: LedgerEvent;
}

/**
 * The ledger harness with contracts made visible: every event that names a contract is logged with its block and
 * transaction (null for a block event of the end-of-block phase), which is what the node's timeline query returns.
 */
export class ContractHarness extends LedgerHarness {
  readonly log: TimelineStep[] = [];
  lastBlockEvents: LedgerEvent[] = [];

  constructor(opts: { reverseGenesisWrites?: boolean } = {}) {
    super(consortiumGenesis(), opts);
  }

  override block(txs: readonly VerifiedTx[], opts: { at?: bigint } = {}): BlockOutcome {
    const out = super.block(txs, opts);
    this.lastBlockEvents = out.blockEvents;
    out.results.forEach((r, i) => {
      for (const event of r.events)
        if ('contract' in event) this.log.push({ height: out.height, txId: txs[i]!.id, event });
    });
    for (const event of out.blockEvents)
      if ('contract' in event) this.log.push({ height: out.height, txId: null, event });
    return out;
  }

  /** A block with no transactions (the producer makes one when work is due). */
  tick(at?: bigint): BlockOutcome {
    return this.block([], at !== undefined ? { at } : {});
  }

  /** Whether an end-of-block hook has work due at `time` (what makes a producer build an empty block). */
  due(time: bigint): boolean {
    return hasDueWork(new LedgerState(new StateOverlay(this.store)), time);
  }

  contract(id: string): Contract | undefined {
    const bytes = this.store.get(StateKey.contract(id));
    return bytes && contractCodec.decode(bytes);
  }

  /** What a contract holds of an asset (its escrow). */
  holding(id: string, asset: string): bigint {
    return this.balance(contractHolding(id), asset);
  }

  /** The timeline of one contract: event types in order, with their block and transaction. */
  timeline(id: string): TimelineStep[] {
    return this.log.filter((s) => 'contract' in s.event && s.event.contract === id);
  }

  /** Σ balances (accounts and contract holdings) per asset equals each asset's supply. */
  assertConservation(): void {
    const totals = this.balanceTotals();
    for (const [asset, supply] of this.supplies())
      assert.equal(totals.get(asset) ?? 0n, supply, `conservation of ${asset}`);
  }

  /** Every timer entry points at a live contract whose nextAt it is, and every scheduled contract has one. */
  assertTimerIndex(): void {
    const entries = [...this.store.scan(StatePrefix.contractTimer)].map(([k]) => k);
    const expected: string[] = [];
    for (const [, v] of this.store.scan(StatePrefix.contract)) {
      const c = contractCodec.decode(v);
      if (c.nextAt !== undefined) expected.push(StateKey.contractTimer(c.nextAt, c.id));
    }
    assert.deepEqual(entries, expected.sort());
  }

  /** Holdings of closed contracts are empty. */
  assertClosedHoldNothing(): void {
    for (const [, v] of this.store.scan(StatePrefix.contract)) {
      const c = contractCodec.decode(v);
      if (c.status === 'drafted' || c.status === 'active') continue;
      const prefix = `${StatePrefix.balance}${contractHolding(c.id)}/`;
      const held = [...this.store.scan(prefix)].map(([k, val]) => [k, decodeCanonical(val)]);
      assert.deepEqual(held, [], `closed contract ${c.id} (${c.status}) holds nothing`);
    }
  }

  /** Runs ops signed by `signers` as a block; must succeed. */
  okOps(ops: readonly OpInput[], signers: readonly SignerName[], at?: bigint) {
    return this.ok(ops, signers, at !== undefined ? { at } : {});
  }
}

// ── Drafts used across the tests ────────────────────────────────────────────────────────────────────────────────

type Terms = Record<string, string | bigint | boolean>;

/** A contract.create operation. */
export function createOp(
  id: string,
  template: string,
  parties: Record<string, string>,
  terms: Terms,
  version = 1,
): OpInput {
  return {
    type: 'contract.create',
    contract: id,
    template,
    version,
    parties: Object.entries(parties).map(([role, account]) => ({ role, account })),
    terms,
  };
}

export const signOp = (id: string, party: string): OpInput => ({ type: 'contract.sign', contract: id, party });
export const attestOp = (id: string, party: string, fact: string): OpInput => ({
  type: 'contract.attest',
  contract: id,
  party,
  fact,
});
export const terminateOp = (id: string, reason = 'agreed'): OpInput => ({
  type: 'contract.terminate',
  contract: id,
  reason,
});

/** Signers that satisfy each harness account's policy directly. */
export const SIGNERS: Readonly<Record<string, readonly SignerName[]>> = {
  'alpha.treasury': ['alice', 'bob'],
  'beta.treasury': ['dave', 'erin'],
  'gamma.issuer': ['frank'],
  'gamma.ops': ['grace'],
  'alpha.trading': ['alice', 'bob', 'carol', 'ivan'],
};

export function signersOf(account: string): readonly SignerName[] {
  const s = SIGNERS[account];
  if (!s) throw new Error(`no signers for ${account}`);
  return s;
}

/** Drafts a contract (signed by the drafter's signatories) and has every party sign it, each in its own block. */
export function draftAndSign(
  h: ContractHarness,
  id: string,
  template: string,
  parties: Record<string, string>,
  terms: Terms,
): void {
  const drafter = Object.values(parties)[0]!;
  h.okOps([createOp(id, template, parties, terms)], signersOf(drafter));
  for (const [role, account] of Object.entries(parties)) h.okOps([signOp(id, role)], signersOf(account));
  assert.equal(h.contract(id)?.status, 'active');
}

/** The types of a contract's events in order, marked tx or block. */
export function steps(h: ContractHarness, id: string): string[] {
  return h.timeline(id).map((s) => `${s.txId === null ? 'block' : 'tx'}:${s.event.type}`);
}
