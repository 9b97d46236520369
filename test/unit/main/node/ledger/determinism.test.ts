import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bytesToHex } from '../../../../../shared/crypto/index.ts';
import { MAX_AMOUNT } from '../../../../../shared/finance/index.ts';
import type { Operation } from '../../../../../shared/domain/index.ts';
import type { VerifiedTx } from '../../../../../main/node/ledger/interface.ts';
import { StatePrefix } from '../../../../../main/node/ledger/keys.ts';
import {
  ACCOUNT,
  approveOp,
  ASSET,
  consortiumGenesis,
  DAY,
  draftProposal,
  GENESIS_TIME,
  HOUR,
  id,
  LedgerHarness,
  op,
  POLICY,
  verifiedTx,
  type ActionInput,
  type ProposalDraft,
  type SignerName,
} from '../../../../helpers/ledger-harness.ts';

/**
 * Random blocks of valid and invalid transactions, executed on two fresh nodes: they must agree on every result
 * code and every app hash, and after every block each asset's supply must equal what its issue and redeem events
 * add up to and what its balances add up to.
 */

const SERIALS = ['B-0', 'B-1', 'B-2'] as const;
const NAMES: SignerName[] = [
  'alice',
  'bob',
  'carol',
  'ivan',
  'dave',
  'erin',
  'heidi',
  'frank',
  'grace',
  'mallory',
  'outsider',
];

const GOVERNANCE: SignerName[] = ['alice', 'dave', 'frank'];
/** Who can sign for each genesis account (enough for any tier). */
const ACCOUNT_SIGNERS: Record<string, SignerName[]> = {
  [ACCOUNT.alphaTreasury]: ['alice', 'bob', 'carol'],
  [ACCOUNT.betaTreasury]: ['dave', 'erin', 'heidi'],
  [ACCOUNT.gammaIssuer]: ['frank'],
  [ACCOUNT.gammaOps]: ['grace'],
  [ACCOUNT.alphaTrading]: ['alice', 'bob', 'carol', 'ivan'],
};
const ISSUER_OF: Record<string, string> = {
  [ASSET.CNY]: ACCOUNT.gammaIssuer,
  [ASSET.USD]: ACCOUNT.gammaIssuer,
  [ASSET.HKD]: ACCOUNT.gammaIssuer,
  [ASSET.BOND]: ACCOUNT.betaTreasury,
  [ASSET.EQUITY]: ACCOUNT.alphaTreasury,
  EUR: ACCOUNT.gammaOps,
  GBP: ACCOUNT.betaTreasury,
};

// ── Generated commands: indices and choices, turned into operations once block times are known ─────────────────

const pick = <T>(list: readonly T[]) => fc.nat({ max: list.length - 1 }).map((i) => list[i]!);
/** Mostly real choices, sometimes a wrong one. */
const mostly = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: usual, weight: 10 }, { arbitrary: odd, weight: 1 });
const account = mostly(pick(Object.values(ACCOUNT)), fc.constant('nobody'));
const asset = mostly(pick(Object.values(ASSET)), pick(['EUR', 'GBP'] as const));
const currency = mostly(pick([ASSET.CNY, ASSET.USD, ASSET.HKD]), pick([ASSET.BOND, 'EUR'] as const));
const amount = fc.oneof(
  { arbitrary: fc.bigInt({ min: 1n, max: 1_000_000n }), weight: 6 },
  { arbitrary: fc.bigInt({ min: 0n, max: 10n ** 12n }), weight: 2 },
  { arbitrary: fc.constantFrom(0n, MAX_AMOUNT, MAX_AMOUNT - 1n, 1n << 62n), weight: 1 },
);
/** null: someone who belongs (a signatory of the relevant policy, the bill's holder, the issuer); else anyone. */
const who = fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: pick(NAMES), weight: 1 });
const holder = fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: account, weight: 1 });

const commandArb = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('transfer' as const), from: account, to: account, asset, amount }),
    weight: 8,
  },
  { arbitrary: fc.record({ kind: fc.constant('issue' as const), asset, to: account, amount }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('redeem' as const), asset, from: holder, amount }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('define' as const),
      asset: fc.constantFrom('EUR', 'GBP'),
      issuer: account,
      bad: fc.boolean(),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('bill.issue' as const),
      serial: pick(SERIALS),
      drawer: account,
      payee: account,
      currency,
      faceValue: amount,
      maturityHours: fc.integer({ min: -2, max: 24 * 20 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('bill.endorse' as const),
      serial: pick(SERIALS),
      from: holder,
      to: account,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('bill.discount' as const),
      serial: pick(SERIALS),
      from: holder,
      to: account,
      price: amount,
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('bill.pay' as const), serial: pick(SERIALS) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('propose' as const),
      issue: fc.boolean(),
      from: account,
      to: account,
      asset,
      amount,
      proposer: who,
      approve: fc.boolean(),
      expiresHours: fc.integer({ min: -1, max: 24 * 40 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('repropose' as const), which: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('approve' as const), which: fc.nat(), approver: who, nth: fc.nat() }),
    weight: 5,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('reject' as const), which: fc.nat(), by: who, nth: fc.nat() }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), which: fc.nat(), by: who }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('remove' as const),
      who: fc.constantFrom<SignerName>('carol', 'ivan', 'heidi', 'erin', 'mallory', 'frank'),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('policy.set' as const),
      account: pick(Object.values(ACCOUNT)),
      members: fc.subarray(['alice', 'bob', 'carol', 'ivan', 'dave', 'erin'] as SignerName[], { minLength: 1 }),
      threshold: fc.integer({ min: 1, max: 3 }),
    }),
    weight: 1,
  },
);
type Command = typeof commandArb extends fc.Arbitrary<infer C> ? C : never;

/** 0: every signer the operations need; 1: all but one; 2: a random set; 3: the needed ones and an unknown key. */
const txArb = fc.record({
  commands: fc.oneof(
    { arbitrary: fc.tuple(commandArb), weight: 4 },
    { arbitrary: fc.tuple(commandArb, commandArb), weight: 1 },
  ),
  signerMode: fc.oneof({ arbitrary: fc.constant(0), weight: 6 }, fc.integer({ min: 1, max: 3 })),
  randomSigners: fc.subarray(NAMES, { minLength: 1, maxLength: 4 }),
});
const scenarioArb = fc.record({
  txs: fc.array(txArb, { minLength: 30, maxLength: 60 }),
  blockSizes: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 60, maxLength: 60 }),
  advances: fc.array(fc.constantFrom(1_000n, HOUR, DAY, 10n * DAY), { minLength: 60, maxLength: 60 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

interface PlannedBlock {
  readonly time: bigint;
  readonly txs: VerifiedTx[];
}

/** What the planner remembers to aim later commands at something real (the ledger may still refuse them). */
interface Memory {
  readonly drafts: { draft: ProposalDraft; signers: SignerName[]; proposer: SignerName }[];
  readonly drawers: Map<string, string>;
  readonly holders: Map<string, string>;
}

/** Turns a scenario into concrete blocks of transactions (proposal ids and approvals need the block times). */
function plan(scenario: Scenario): PlannedBlock[] {
  const memory: Memory = { drafts: [], drawers: new Map(), holders: new Map() };
  const blocks: PlannedBlock[] = [];
  let time = GENESIS_TIME;
  let next = 0;
  for (let b = 0; next < scenario.txs.length; b++) {
    time += scenario.advances[b % scenario.advances.length]!;
    const size = scenario.blockSizes[b % scenario.blockSizes.length]!;
    const txs: VerifiedTx[] = [];
    for (const t of scenario.txs.slice(next, next + size)) {
      const ops: Operation[] = [];
      const needed: SignerName[] = [];
      for (const c of t.commands) ops.push(toOperation(c, time, memory, needed));
      let signers: SignerName[] = [...new Set(needed)];
      if (t.signerMode === 1) signers = signers.slice(0, -1);
      if (t.signerMode === 2) signers = t.randomSigners;
      if (t.signerMode === 3) signers = [...signers, 'outsider'];
      if (signers.length === 0) signers = t.randomSigners;
      txs.push(verifiedTx(ops, signers, { expiresAt: time + HOUR, sign: false }));
    }
    next += size;
    blocks.push({ time, txs });
  }
  return blocks;
}

function toOperation(c: Command, time: bigint, memory: Memory, needed: SignerName[]): Operation {
  const need = (names: readonly SignerName[] | undefined) => needed.push(...(names ?? []));
  const draftAt = (which: number) => memory.drafts[which % Math.max(memory.drafts.length, 1)];
  const holderOf = (serial: string, chosen: string | null) =>
    chosen ?? memory.holders.get(serial) ?? ACCOUNT.betaTreasury;
  switch (c.kind) {
    case 'transfer':
      need(ACCOUNT_SIGNERS[c.from]);
      return op({ type: 'transfer', from: c.from, to: c.to, asset: c.asset, amount: c.amount });
    case 'issue':
      need(ACCOUNT_SIGNERS[ISSUER_OF[c.asset] ?? '']);
      return op({ type: 'asset.issue', asset: c.asset, to: c.to, amount: c.amount });
    case 'redeem':
      need(ACCOUNT_SIGNERS[ISSUER_OF[c.asset] ?? '']);
      return op({
        type: 'asset.redeem',
        asset: c.asset,
        from: c.from ?? ISSUER_OF[c.asset] ?? 'nobody',
        amount: c.amount,
      });
    case 'define':
      need(ACCOUNT_SIGNERS[c.issuer]);
      return op({
        type: 'asset.define',
        asset: c.asset,
        kind: 'currency',
        code: c.bad ? 'XYZ' : c.asset,
        name: c.asset,
        decimals: 2,
        issuer: c.issuer,
      });
    case 'bill.issue':
      need(ACCOUNT_SIGNERS[c.drawer]);
      if (!memory.drawers.has(c.serial)) {
        memory.drawers.set(c.serial, c.drawer);
        memory.holders.set(c.serial, c.payee);
      }
      return op({
        type: 'bill.issue',
        serial: c.serial,
        drawer: c.drawer,
        payee: c.payee,
        currency: c.currency,
        faceValue: c.faceValue,
        maturity: time + BigInt(c.maturityHours) * HOUR,
      });
    case 'bill.endorse':
    case 'bill.discount': {
      const from = holderOf(c.serial, c.from);
      need(ACCOUNT_SIGNERS[from]);
      if (c.kind === 'bill.discount') need(ACCOUNT_SIGNERS[c.to]);
      memory.holders.set(c.serial, c.to);
      return c.kind === 'bill.endorse'
        ? op({ type: 'bill.endorse', serial: c.serial, from, to: c.to })
        : op({ type: 'bill.discount', serial: c.serial, from, to: c.to, price: c.price });
    }
    case 'bill.pay':
      need(ACCOUNT_SIGNERS[memory.drawers.get(c.serial) ?? '']);
      return op({ type: 'bill.pay', serial: c.serial });
    case 'propose': {
      const guard = c.issue ? (ISSUER_OF[c.asset] ?? '') : c.from;
      const signers = ACCOUNT_SIGNERS[guard] ?? ['alice'];
      const proposer = c.proposer ?? signers[0]!;
      const action: ActionInput = c.issue
        ? { type: 'asset.issue', asset: c.asset, to: c.to, amount: c.amount }
        : { type: 'transfer', from: c.from, to: c.to, asset: c.asset, amount: c.amount };
      const draft = draftProposal(action, {
        expiresAt: time + BigInt(c.expiresHours) * HOUR,
        ...(c.approve && { approver: proposer }),
      });
      memory.drafts.push({ draft, signers, proposer });
      needed.push(proposer);
      return draft.op;
    }
    case 'repropose': {
      const entry = draftAt(c.which);
      needed.push(entry?.proposer ?? 'alice');
      return entry ? entry.draft.op : op({ type: 'proposal.cancel', proposal: '00'.repeat(32) });
    }
    case 'approve': {
      const entry = draftAt(c.which);
      const approver = c.approver ?? entry?.signers[c.nth % entry.signers.length] ?? 'alice';
      needed.push(approver);
      return approveOp(entry?.draft ?? '11'.repeat(32), approver);
    }
    case 'reject': {
      const entry = draftAt(c.which);
      const by = c.by ?? entry?.signers[c.nth % entry.signers.length] ?? 'alice';
      needed.push(by);
      return op({ type: 'proposal.reject', proposal: entry?.draft.id ?? '22'.repeat(32), reason: 'random' });
    }
    case 'cancel': {
      const entry = draftAt(c.which);
      needed.push(c.by ?? entry?.proposer ?? 'alice');
      return op({ type: 'proposal.cancel', proposal: entry?.draft.id ?? '22'.repeat(32) });
    }
    case 'remove':
      need(GOVERNANCE);
      return op({ type: 'signatory.remove', signatory: id(c.who) });
    case 'policy.set':
      need(GOVERNANCE);
      return op({
        type: 'policy.set',
        account: c.account,
        policy: { signatories: c.members.map((n) => ({ signatory: id(n), weight: 1 })), threshold: c.threshold },
      });
  }
}

// ── Invariants ──────────────────────────────────────────────────────────────────────────────────────────────────

function checkInvariants(h: LedgerHarness, tracked: Map<string, bigint>): void {
  const supplies = h.supplies();
  const totals = h.balanceTotals();
  for (const [a, supply] of supplies) {
    assert.equal(supply, tracked.get(a) ?? 0n, `supply of ${a} vs issued − redeemed`);
    assert.equal(totals.get(a) ?? 0n, supply, `balances of ${a} vs its supply`);
  }
  for (const a of totals.keys()) assert.ok(supplies.has(a), `balance in an undefined asset ${a}`);
  for (const [k, total] of totals) assert.ok(total > 0n, `${k}: a stored balance total is positive`);
  // The pending index lists exactly the pending proposals, under each of their guards.
  const indexed = new Set(h.pendingIndex().map(([g, p]) => `${g}/${p}`));
  const expected = new Set<string>();
  for (const [k] of h.store.scan(StatePrefix.proposal)) {
    const p = h.proposal(k.slice(StatePrefix.proposal.length))!;
    if (p.status === 'pending') for (const g of p.guards) expected.add(`${g}/${p.id}`);
    else assert.ok(p.closed, `closed proposal ${p.id} records how it closed`);
  }
  assert.deepEqual(indexed, expected);
}

interface Run {
  readonly codes: string[][];
  readonly appHashes: string[];
}

function execute(blocks: readonly PlannedBlock[], reverse: boolean): Run {
  const h = new LedgerHarness(consortiumGenesis(), { reverseGenesisWrites: reverse });
  const tracked = h.supplies();
  const codes: string[][] = [];
  for (const block of blocks) {
    const out = h.block(block.txs, { at: block.time });
    codes.push(out.results.map((r) => r.code));
    for (const r of out.results) {
      if (r.code !== 'OK') assert.deepEqual(r.events, []);
      for (const e of r.events) {
        if (e.type === 'asset.issued') tracked.set(e.asset, (tracked.get(e.asset) ?? 0n) + e.amount);
        if (e.type === 'asset.redeemed') tracked.set(e.asset, (tracked.get(e.asset) ?? 0n) - e.amount);
        if (e.type === 'asset.issued' || e.type === 'asset.redeemed') assert.equal(e.supply, tracked.get(e.asset));
      }
    }
    checkInvariants(h, tracked);
  }
  return { codes, appHashes: h.appHashes.map(bytesToHex) };
}

describe('determinism and conservation under random blocks', () => {
  it('two nodes agree on every result and app hash; supply = issued − redeemed = Σ balances', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const blocks = plan(scenario);
        const a = execute(blocks, false);
        const b = execute(blocks, true);
        assert.deepEqual(b.codes, a.codes);
        assert.deepEqual(b.appHashes, a.appHashes);
        for (const code of a.codes.flat()) seen.set(code, (seen.get(code) ?? 0) + 1);
      }),
      { numRuns: 100 },
    );
    // The generator reaches both sides: successes and a good spread of failures.
    assert.ok((seen.get('OK') ?? 0) > 100, `OK results: ${seen.get('OK')}`);
    assert.ok(seen.size >= 12, `result codes seen: ${[...seen.keys()].join(', ')}`);
  });

  it('a policy used by the generator is valid', () => {
    // Guards the generator's assumptions about who can sign for what.
    assert.deepEqual(
      POLICY.alphaTrading.signatories.map((s) => s.signatory),
      ACCOUNT_SIGNERS[ACCOUNT.alphaTrading]!.map(id),
    );
  });
});
