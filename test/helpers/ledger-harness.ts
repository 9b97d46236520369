import assert from 'node:assert/strict';
import type { z } from 'zod';
import { bytesToHex, generateSecretKey, keyId, publicKeyOf, signWithSecretKey } from '../../shared/crypto/index.ts';
import { decodeCanonical } from '../../shared/encoding/index.ts';
import {
  accountCodec,
  assetCodec,
  billCodec,
  genesisSchema,
  governanceCodec,
  operationSchema,
  proposalCodec,
  proposalHash,
  proposalId,
  signatoryCodec,
  txBodySchema,
  txHash,
  type Account,
  type Action,
  type Approval,
  type Asset,
  type Bill,
  type Genesis,
  type LedgerEvent,
  type Operation,
  type Policy,
  type Proposal,
  type ProposalContent,
  type ProposalId,
  type Signatory,
  type SignatoryId,
  type Tx,
  type TxId,
} from '../../shared/domain/index.ts';
import { nextAppHash } from '../../main/node/ledger/app-hash.ts';
import { executeTxs } from '../../main/node/ledger/execute.ts';
import { buildGenesisState } from '../../main/node/ledger/genesis.ts';
import type { BlockContext, StateReader, TxResult, VerifiedTx } from '../../main/node/ledger/interface.ts';
import { StateKey, StatePrefix } from '../../main/node/ledger/keys.ts';
import { compareKeys, type Write } from '../../main/node/ledger/overlay.ts';

/**
 * A small consortium on an in-memory state store, for ledger tests: three members with real LEIs, signatories with
 * deterministic Ed25519 keys, accounts under 2-of-3, 1-of-1 and role/tier policies, currencies, a bond, an equity.
 * `run` executes one transaction as a block of its own and commits its writes, exactly as execution does (minus
 * signature verification, which happens before the ledger: `VerifiedTx.signers` are trusted).
 */

export const CHAIN_ID = 'countersign-ledger-test';
/** 2025-06-15T15:06:40Z. */
export const GENESIS_TIME = 1_750_000_000_000n;
export const BLOCK_INTERVAL_MS = 1_000n;
export const HOUR = 3_600_000n;
export const DAY = 24n * HOUR;

// ── Keys ────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface TestKey {
  readonly name: string;
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly id: SignatoryId;
}

export function testKey(name: string, seedByte: number): TestKey {
  const secretKey = generateSecretKey('ed25519', new Uint8Array(32).fill(seedByte));
  const publicKey = publicKeyOf('ed25519', secretKey);
  return { name, secretKey, publicKey, id: keyId(publicKey) as SignatoryId };
}

/** Real, published LEIs (test/vectors/identifiers.json). */
export const LEI = {
  alpha: 'HWUPKR0MPOU8FGXBT394',
  beta: '5493006MHB84DD0ZWV18',
  gamma: '549300FI8QIVYMUMBB43',
  /** Valid, not a member at genesis. */
  delta: '7LTWFZYICNSX8D621K86',
  /** Last check digit changed: fails MOD 97-10 but matches the id schema's shape. */
  bad: 'HWUPKR0MPOU8FGXBT395',
} as const;

/** Real, published ISINs. */
export const ISIN = {
  bond: 'XS1882693036',
  equity: 'US0378331005',
  other: 'DE0005140008',
  /** US0378331005 with its check digit changed. */
  bad: 'US0378331006',
} as const;

const SIGNATORIES = [
  // Alpha Bank (LEI.alpha)
  { name: 'alice', seed: 1, member: 'alpha', roles: ['treasury'] },
  { name: 'bob', seed: 2, member: 'alpha', roles: ['treasury'] },
  { name: 'carol', seed: 3, member: 'alpha', roles: ['trader'] },
  { name: 'ivan', seed: 4, member: 'alpha', roles: ['trader'] },
  // Beta Bank
  { name: 'dave', seed: 5, member: 'beta', roles: ['treasury'] },
  { name: 'erin', seed: 6, member: 'beta', roles: ['operations', 'trader'] },
  { name: 'heidi', seed: 7, member: 'beta', roles: ['operations'] },
  // Gamma Clearing
  { name: 'frank', seed: 8, member: 'gamma', roles: ['operations'] },
  { name: 'grace', seed: 9, member: 'gamma', roles: ['treasury'] },
  /** Registered, in no policy. */
  { name: 'mallory', seed: 10, member: 'gamma', roles: [] },
] as const;

export type SignerName = (typeof SIGNATORIES)[number]['name'] | 'outsider' | 'newcomer' | 'validator';

export const KEYS: Readonly<Record<SignerName, TestKey>> = Object.freeze({
  ...(Object.fromEntries(SIGNATORIES.map((s) => [s.name, testKey(s.name, s.seed)])) as Record<
    (typeof SIGNATORIES)[number]['name'],
    TestKey
  >),
  /** A valid key that is not registered. */
  outsider: testKey('outsider', 100),
  /** A valid key, for signatory.add. */
  newcomer: testKey('newcomer', 101),
  validator: testKey('validator', 200),
});

export const id = (name: SignerName): SignatoryId => KEYS[name].id;

// ── Genesis ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const ACCOUNT = {
  /** 2-of-3: alice, bob (treasury), carol (trader). */
  alphaTreasury: 'alpha.treasury',
  /** 2-of-3: dave (treasury), erin (operations, trader), heidi (operations). */
  betaTreasury: 'beta.treasury',
  /** 1-of-1: frank. Issuer of the currencies. */
  gammaIssuer: 'gamma.issuer',
  /** 1-of-1: grace. */
  gammaOps: 'gamma.ops',
  /**
   * Weight 1 each: alice, bob (treasury), carol, ivan (trader); threshold 3 and "1 trader AND 2 treasury"; moving
   * more than 1,000,000.00 USD needs all four.
   */
  alphaTrading: 'alpha.trading',
} as const;

export const ASSET = { CNY: 'CNY', USD: 'USD', HKD: 'HKD', BOND: 'HSBC-PERP-2018', EQUITY: 'AAPL' } as const;

/** USD minor units above which alpha.trading needs every signatory. */
export const TRADING_TIER_ABOVE = 1_000_000_00n;

const weighted = (names: readonly SignerName[]) => names.map((n) => ({ signatory: id(n), weight: 1 }));

export const POLICY = {
  governance: { signatories: weighted(['alice', 'dave', 'frank']), threshold: 2 },
  alphaTreasury: { signatories: weighted(['alice', 'bob', 'carol']), threshold: 2 },
  betaTreasury: { signatories: weighted(['dave', 'erin', 'heidi']), threshold: 2 },
  gammaIssuer: { signatories: weighted(['frank']), threshold: 1 },
  gammaOps: { signatories: weighted(['grace']), threshold: 1 },
  alphaTrading: {
    signatories: weighted(['alice', 'bob', 'carol', 'ivan']),
    threshold: 3,
    roles: [
      { role: 'trader', min: 1 },
      { role: 'treasury', min: 2 },
    ],
    tiers: [{ asset: ASSET.USD, above: TRADING_TIER_ABOVE, threshold: 4 }],
  },
} satisfies Record<string, PolicyInput>;

export type PolicyInput = z.input<typeof genesisSchema>['governance'];

/** Initial balances, in minor units. */
export const INITIAL: readonly { account: string; asset: string; amount: bigint }[] = [
  { account: ACCOUNT.alphaTreasury, asset: ASSET.CNY, amount: 1_000_000_00n },
  { account: ACCOUNT.alphaTreasury, asset: ASSET.USD, amount: 500_000_00n },
  { account: ACCOUNT.alphaTreasury, asset: ASSET.EQUITY, amount: 10_000n },
  { account: ACCOUNT.betaTreasury, asset: ASSET.CNY, amount: 2_000_000_00n },
  { account: ACCOUNT.betaTreasury, asset: ASSET.HKD, amount: 300_000_00n },
  { account: ACCOUNT.betaTreasury, asset: ASSET.BOND, amount: 5_000n },
  { account: ACCOUNT.gammaIssuer, asset: ASSET.CNY, amount: 100_000_00n },
  { account: ACCOUNT.gammaIssuer, asset: ASSET.USD, amount: 100_000_00n },
  { account: ACCOUNT.gammaOps, asset: ASSET.USD, amount: 1_000_00n },
  { account: ACCOUNT.alphaTrading, asset: ASSET.USD, amount: 5_000_000_00n },
];

export function consortiumGenesis(): Genesis {
  const member = (m: (typeof SIGNATORIES)[number]['member']) => LEI[m];
  return genesisSchema.parse({
    chainId: CHAIN_ID,
    genesisTime: GENESIS_TIME,
    params: { maxTxLifetimeMs: DAY },
    validators: [{ name: 'validator-1', publicKey: KEYS.validator.publicKey, power: 1 }],
    members: [
      { id: LEI.alpha, name: 'Alpha Bank' },
      { id: LEI.beta, name: 'Beta Bank' },
      { id: LEI.gamma, name: 'Gamma Clearing' },
    ],
    signatories: SIGNATORIES.map((s) => ({
      publicKey: KEYS[s.name].publicKey,
      member: member(s.member),
      name: s.name,
      roles: [...s.roles],
    })),
    governance: POLICY.governance,
    accounts: [
      { id: ACCOUNT.alphaTreasury, owner: LEI.alpha, name: 'Alpha treasury', policy: POLICY.alphaTreasury },
      { id: ACCOUNT.betaTreasury, owner: LEI.beta, name: 'Beta treasury', policy: POLICY.betaTreasury },
      { id: ACCOUNT.gammaIssuer, owner: LEI.gamma, name: 'Gamma issuance', policy: POLICY.gammaIssuer },
      { id: ACCOUNT.gammaOps, owner: LEI.gamma, name: 'Gamma operations', policy: POLICY.gammaOps },
      { id: ACCOUNT.alphaTrading, owner: LEI.alpha, name: 'Alpha trading desk', policy: POLICY.alphaTrading },
    ],
    assets: [
      { id: ASSET.CNY, kind: 'currency', code: 'CNY', name: 'Renminbi', decimals: 2, issuer: ACCOUNT.gammaIssuer },
      { id: ASSET.USD, kind: 'currency', code: 'USD', name: 'US dollar', decimals: 2, issuer: ACCOUNT.gammaIssuer },
      {
        id: ASSET.HKD,
        kind: 'currency',
        code: 'HKD',
        name: 'Hong Kong dollar',
        decimals: 2,
        issuer: ACCOUNT.gammaIssuer,
      },
      {
        id: ASSET.BOND,
        kind: 'security',
        code: ISIN.bond,
        name: 'HSBC 5% perpetual',
        decimals: 0,
        issuer: ACCOUNT.betaTreasury,
      },
      {
        id: ASSET.EQUITY,
        kind: 'security',
        code: ISIN.equity,
        name: 'Apple Inc.',
        decimals: 0,
        issuer: ACCOUNT.alphaTreasury,
      },
    ],
    balances: INITIAL,
  });
}

// ── State store ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Committed state in memory: what storage provides, with `scan` in bytewise key order. */
export class MemoryStore implements StateReader {
  readonly map = new Map<string, Uint8Array>();

  get(key: string): Uint8Array | undefined {
    return this.map.get(key);
  }

  *scan(prefix: string): Iterable<[string, Uint8Array]> {
    const keys = [...this.map.keys()].filter((k) => k.startsWith(prefix)).sort(compareKeys);
    for (const k of keys) yield [k, this.map.get(k)!];
  }

  apply(writes: readonly { key: string; value: Write }[]): void {
    for (const { key, value } of writes) {
      if (value === null) this.map.delete(key);
      else this.map.set(key, value);
    }
  }

  /** Every entry as [key, hex], sorted: compare two snapshots with deepEqual. */
  snapshot(): [string, string][] {
    return [...this.scan('')].map(([k, v]) => [k, bytesToHex(v)]);
  }

  clone(): MemoryStore {
    const copy = new MemoryStore();
    for (const [k, v] of this.map) copy.map.set(k, v);
    return copy;
  }
}

// ── Operations and transactions ─────────────────────────────────────────────────────────────────────────────────

/** An operation as a test writes it: plain strings for ids, numbers or bigints for amounts. */
export type OpInput = z.input<typeof operationSchema>;
export type ActionInput = Extract<OpInput, { type: Action['type'] }>;

export function op(input: OpInput): Operation {
  return operationSchema.parse(input);
}

export function sign(name: SignerName, message: Uint8Array): Uint8Array {
  return signWithSecretKey('ed25519', KEYS[name].secretKey, message);
}

/** An approval: `name`'s signature over the proposal hash, as an approver's device makes it. */
export function approvalOf(name: SignerName, proposal: Uint8Array | ProposalContent): Approval {
  const hash = proposal instanceof Uint8Array ? proposal : proposalHash(CHAIN_ID, proposal);
  return { publicKey: KEYS[name].publicKey, signature: sign(name, hash) };
}

export function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
}

let saltCounter = 0;
/** A fresh 16-byte salt (deterministic: a counter). */
export function nextSalt(): Uint8Array {
  const salt = new Uint8Array(16);
  new DataView(salt.buffer).setUint32(12, ++saltCounter);
  return salt;
}

export interface ProposalDraft {
  readonly id: ProposalId;
  readonly hash: Uint8Array;
  readonly content: ProposalContent;
  /** The proposal.create operation. */
  readonly op: Operation;
}

/**
 * A proposal.create operation. `approve` (default true) attaches the approval of `approver` (default: the
 * proposer, who must be named so the approval is theirs).
 */
export function draftProposal(
  action: ActionInput,
  opts: {
    expiresAt: bigint;
    account?: string;
    salt?: Uint8Array;
    approver?: SignerName;
  },
): ProposalDraft {
  const parsedAction = op(action) as Action;
  const content: ProposalContent = {
    ...(opts.account !== undefined && { account: opts.account }),
    action: parsedAction,
    expiresAt: opts.expiresAt,
    salt: opts.salt ?? nextSalt(),
  };
  const hash = proposalHash(CHAIN_ID, content);
  const create = op({
    type: 'proposal.create',
    ...(opts.account !== undefined && { account: opts.account }),
    action: parsedAction,
    expiresAt: content.expiresAt,
    salt: content.salt,
    ...(opts.approver !== undefined && { approval: approvalOf(opts.approver, hash) }),
  });
  return { id: proposalId(CHAIN_ID, content), hash, content, op: create };
}

export function approveOp(proposal: ProposalDraft | string, name: SignerName): Operation {
  const pid = typeof proposal === 'string' ? proposal : proposal.id;
  return op({ type: 'proposal.approve', proposal: pid, approval: approvalOf(name, hexToBytes(pid)) });
}

let nonceCounter = 0;

/**
 * A transaction as execution hands it to the ledger. With `sign` the envelope carries real signatures of every
 * signer (the ledger does not read them; execution has verified them); without, placeholders (faster, for
 * property tests).
 */
export function verifiedTx(
  ops: readonly Operation[],
  signers: readonly SignerName[],
  opts: { expiresAt: bigint; sign?: boolean },
): VerifiedTx {
  const nonce = new Uint8Array(8);
  new DataView(nonce.buffer).setBigUint64(0, BigInt(++nonceCounter));
  const body = txBodySchema.parse({ chainId: CHAIN_ID, expiresAt: opts.expiresAt, nonce, ops });
  const hash = txHash(body);
  const withSignatures = opts.sign ?? true;
  const tx: Tx = {
    body,
    signatures: signers.map((n) => ({
      publicKey: KEYS[n].publicKey,
      signature: withSignatures ? sign(n, hash) : new Uint8Array(65),
    })),
  };
  return { tx, id: bytesToHex(hash) as TxId, signers: signers.map((n) => KEYS[n].id) };
}

// ── The ledger over the store, block by block ───────────────────────────────────────────────────────────────────

export interface BlockOutcome {
  readonly height: number;
  readonly time: bigint;
  readonly results: TxResult[];
  /** Events of the end-of-block phase (settlement, contract obligations). */
  readonly blockEvents: LedgerEvent[];
  readonly writes: { key: string; value: Write }[];
  readonly appHash: Uint8Array;
}

export interface TxOutcome extends BlockOutcome {
  readonly code: string;
  readonly message: string | undefined;
  readonly events: readonly LedgerEvent[];
}

export interface BlockOptions {
  /** Absolute block time; default: previous block time + BLOCK_INTERVAL_MS. */
  readonly at?: bigint;
  /** Sign transaction envelopes for real (default true). */
  readonly sign?: boolean;
}

export class LedgerHarness {
  readonly store: MemoryStore;
  readonly genesis: Genesis;
  height = 0;
  time: bigint;
  appHash: Uint8Array;
  /** App hash after each block, genesis first. */
  readonly appHashes: Uint8Array[];

  constructor(genesis: Genesis = consortiumGenesis(), opts: { reverseGenesisWrites?: boolean } = {}) {
    this.genesis = genesis;
    const built = buildGenesisState(genesis);
    this.store = new MemoryStore();
    // Applying in reverse changes only the Map's insertion order: a ledger that depends on it would show it.
    this.store.apply(opts.reverseGenesisWrites ? [...built.writes].reverse() : built.writes);
    this.time = genesis.genesisTime;
    this.appHash = built.appHash;
    this.appHashes = [built.appHash];
  }

  /** The next block's time unless told otherwise. */
  get nextTime(): bigint {
    return this.time + BLOCK_INTERVAL_MS;
  }

  /** Executes transactions as the next block, commits its writes and advances the chain. */
  block(txs: readonly VerifiedTx[], opts: { at?: bigint } = {}): BlockOutcome {
    const time = opts.at ?? this.nextTime;
    if (time < this.time) throw new Error(`block time ${time} is before the previous block's ${this.time}`);
    const height = this.height + 1;
    const context: BlockContext = { chainId: this.genesis.chainId, height, time };
    const { results, blockEvents, writes } = executeTxs(this.store, txs, context);
    const appHash = nextAppHash(this.genesis.chainId, this.appHash, height, writes, results, blockEvents);
    this.store.apply(writes);
    this.height = height;
    this.time = time;
    this.appHash = appHash;
    this.appHashes.push(appHash);
    return { height, time, results, blockEvents, writes, appHash };
  }

  /** A transaction for the next block (expiring an hour after it). */
  tx(ops: readonly (Operation | OpInput)[], signers: readonly SignerName[], opts: BlockOptions = {}): VerifiedTx {
    const time = opts.at ?? this.nextTime;
    return verifiedTx(
      ops.map((o) => op(o as OpInput)),
      signers,
      { expiresAt: time + HOUR, ...(opts.sign !== undefined && { sign: opts.sign }) },
    );
  }

  /** Executes one transaction as a block of its own. */
  run(ops: readonly (Operation | OpInput)[], signers: readonly SignerName[], opts: BlockOptions = {}): TxOutcome {
    const outcome = this.block([this.tx(ops, signers, opts)], opts.at !== undefined ? { at: opts.at } : {});
    const result = outcome.results[0]!;
    return { ...outcome, code: result.code, message: result.message, events: result.events };
  }

  /** Runs a transaction that must succeed. */
  ok(ops: readonly (Operation | OpInput)[], signers: readonly SignerName[], opts: BlockOptions = {}): TxOutcome {
    const outcome = this.run(ops, signers, opts);
    assert.equal(outcome.code, 'OK', outcome.message);
    return outcome;
  }

  /**
   * Runs a transaction that must fail with `code`, and checks that it changed nothing: no events, no writes in its
   * block, the store exactly as before.
   */
  fails(
    code: string,
    ops: readonly (Operation | OpInput)[],
    signers: readonly SignerName[],
    opts: BlockOptions = {},
  ): TxOutcome {
    const before = this.store.snapshot();
    const outcome = this.run(ops, signers, opts);
    assert.equal(outcome.code, code, outcome.message);
    assert.ok(outcome.message, 'a failure explains itself');
    assert.deepEqual(outcome.events, []);
    assert.deepEqual(outcome.writes, []);
    assert.deepEqual(this.store.snapshot(), before);
    return outcome;
  }

  /**
   * Creates a proposal in its own block, signed by `proposer` and (unless `approve` is false) carrying the
   * proposer's approval. Expires a day after the block unless told otherwise.
   */
  propose(
    proposer: SignerName,
    action: ActionInput,
    opts: { account?: string; expiresAt?: bigint; salt?: Uint8Array; approve?: boolean; at?: bigint } = {},
  ): { draft: ProposalDraft; outcome: TxOutcome } {
    const time = opts.at ?? this.nextTime;
    const draft = draftProposal(action, {
      expiresAt: opts.expiresAt ?? time + DAY,
      ...(opts.account !== undefined && { account: opts.account }),
      ...(opts.salt !== undefined && { salt: opts.salt }),
      ...(opts.approve !== false && { approver: proposer }),
    });
    const outcome = this.run([draft.op], [proposer], opts.at !== undefined ? { at: opts.at } : {});
    return { draft, outcome };
  }

  /** Approves a proposal in its own block; the transaction is signed by the approver unless `by` says otherwise. */
  approve(
    proposal: ProposalDraft | string,
    name: SignerName,
    opts: BlockOptions & { by?: SignerName } = {},
  ): TxOutcome {
    return this.run([approveOp(proposal, name)], [opts.by ?? name], opts);
  }

  // ── Reading state ─────────────────────────────────────────────────────────────────────────────────────────────

  balance(account: string, asset: string): bigint {
    const bytes = this.store.get(StateKey.balance(account, asset));
    return bytes ? BigInt(decodeCanonical(bytes) as number | bigint) : 0n;
  }

  proposal(pid: string): Proposal | undefined {
    const bytes = this.store.get(StateKey.proposal(pid));
    return bytes && proposalCodec.decode(bytes);
  }

  bill(serial: string): Bill | undefined {
    const bytes = this.store.get(StateKey.bill(serial));
    return bytes && billCodec.decode(bytes);
  }

  asset(asset: string): Asset | undefined {
    const bytes = this.store.get(StateKey.asset(asset));
    return bytes && assetCodec.decode(bytes);
  }

  account(account: string): Account | undefined {
    const bytes = this.store.get(StateKey.account(account));
    return bytes && accountCodec.decode(bytes);
  }

  signatory(sid: string): Signatory | undefined {
    const bytes = this.store.get(StateKey.signatory(sid));
    return bytes && signatoryCodec.decode(bytes);
  }

  governancePolicy(): Policy {
    return governanceCodec.decode(this.store.get(StateKey.governance())!).policy;
  }

  /** Pending-index entries: [guard, proposal id]. */
  pendingIndex(): [string, string][] {
    return [...this.store.scan(StatePrefix.pending)].map(([k]) => {
      const [, guard, pid] = k.split('/');
      return [guard!, pid!];
    });
  }

  /** Sum of every account's balance of each asset, from state. */
  balanceTotals(): Map<string, bigint> {
    const totals = new Map<string, bigint>();
    for (const [k, v] of this.store.scan(StatePrefix.balance)) {
      const asset = k.slice(k.lastIndexOf('/') + 1);
      totals.set(asset, (totals.get(asset) ?? 0n) + BigInt(decodeCanonical(v) as number | bigint));
    }
    return totals;
  }

  /** Every asset's recorded supply. */
  supplies(): Map<string, bigint> {
    const supplies = new Map<string, bigint>();
    for (const [, v] of this.store.scan(StatePrefix.asset)) {
      const a = assetCodec.decode(v);
      supplies.set(a.id, a.supply);
    }
    return supplies;
  }
}

/**
 * The app hash chain as execution computes it (nextAppHash per block over the block's writes and results), from
 * the genesis app hash: for checking a harness's chain independently.
 */
export function appHashChain(genesisAppHash: Uint8Array, blocks: readonly BlockOutcome[]): Uint8Array[] {
  const chain = [genesisAppHash];
  for (const b of blocks) {
    chain.push(nextAppHash(CHAIN_ID, chain[chain.length - 1]!, b.height, b.writes, b.results, b.blockEvents));
  }
  return chain;
}

/** Events of one type, typed. */
export function eventsOf<T extends LedgerEvent['type']>(
  events: readonly LedgerEvent[],
  type: T,
): Extract<LedgerEvent, { type: T }>[] {
  return events.filter((e): e is Extract<LedgerEvent, { type: T }> => e.type === type);
}
