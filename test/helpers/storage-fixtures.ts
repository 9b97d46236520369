import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { encodeCanonical } from '../../shared/encoding/index.ts';
import { generateSecretKey, keyId, publicKeyOf, signWithSecretKey } from '../../shared/crypto/index.ts';
import {
  blockHash,
  commitCertificateSchema,
  proposalCodec,
  proposalSchema,
  txBodySchema,
  txCodec,
  txHash,
  txRoot,
  type BlockHeader,
  type LedgerEvent,
  type Operation,
  type ProposalStatus,
  type Tx,
  voteSchema,
  voteSignBytes,
} from '../../shared/domain/index.ts';
import type { CommittedBlock, StateWrite } from '../../main/node/execution/ports.ts';
import type { TxResult } from '../../main/node/ledger/interface.ts';

/** Real blocks for storage tests: signed transactions, canonical encodings, real hashes and certificates. */

export const CHAIN_ID = 'countersign-test';
export const GENESIS_TIME = 1_750_000_000_000n;
const secretKey = generateSecretKey('ed25519', new Uint8Array(32).fill(9));
export const PUBLIC_KEY = publicKeyOf('ed25519', secretKey);
export const SIGNATORY = keyId(PUBLIC_KEY);

/** A fresh temp directory and a database path in it; `cleanup` removes both. */
export function tempDb(): { file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-storage-'));
  return { file: path.join(dir, 'node.db'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let nonceCounter = 0;

/** A signed transaction; each call gets a fresh nonce, hence a fresh id. */
export function signedTx(ops: unknown[]): Tx {
  const nonce = new Uint8Array(8);
  new DataView(nonce.buffer).setBigUint64(0, BigInt(++nonceCounter));
  const body = txBodySchema.parse({ chainId: CHAIN_ID, expiresAt: GENESIS_TIME + 86_400_000n, nonce, ops });
  return {
    body,
    signatures: [{ publicKey: PUBLIC_KEY, signature: signWithSecretKey('ed25519', secretKey, txHash(body)) }],
  };
}

export function transferOp(from: string, to: string, asset: string, amount: bigint): Operation {
  return { type: 'transfer', from, to, asset, amount } as Operation;
}

/** A balance event, as the ledger reports one change of one balance. */
export function balanceEvent(
  account: string,
  asset: string,
  delta: bigint,
  balance: bigint,
  kind: string,
  counterparty?: string,
): LedgerEvent {
  const event = { type: 'balance', account, asset, delta, balance, kind, ...(counterparty ? { counterparty } : {}) };
  return event as unknown as LedgerEvent;
}

/** The events of a successful transfer: the transfer and one balance change on each side. */
export function transferEvents(from: string, to: string, asset: string, amount: bigint, after: [bigint, bigint]) {
  return [
    { type: 'transfer', from, to, asset, amount } as LedgerEvent,
    balanceEvent(from, asset, -amount, after[0], 'transfer', to),
    balanceEvent(to, asset, amount, after[1], 'transfer', from),
  ];
}

export interface FixtureTx {
  readonly tx: Tx;
  readonly result: TxResult;
}

export function ok(events: LedgerEvent[] = []): TxResult {
  return { code: 'OK', events };
}

/** A balance value as the ledger stores it: a canonical CBOR integer. */
export function amountValue(amount: bigint): Uint8Array {
  return encodeCanonical(amount);
}

/** A proposal record (canonical bytes) under its state key. */
export function proposalWrite(
  id: string,
  opts: { account?: string; status?: ProposalStatus; createdHeight?: number; expiresAt?: bigint } = {},
): StateWrite {
  const proposal = proposalSchema.parse({
    id,
    account: opts.account,
    action: transferOp(opts.account ?? 'acme.treasury', 'beta.treasury', 'CNY', 100n),
    salt: new Uint8Array(16),
    proposer: SIGNATORY,
    guards: [opts.account ?? '@governance'],
    created: { height: opts.createdHeight ?? 1, time: GENESIS_TIME },
    expiresAt: opts.expiresAt ?? GENESIS_TIME + 3_600_000n,
    status: opts.status ?? 'pending',
    approvals: [],
    rejections: [],
    dropped: [],
  });
  return { key: `proposal/${id}`, value: proposalCodec.encode(proposal) };
}

/** Builds consecutive blocks on top of the last one it built (or of genesis). */
export class ChainBuilder {
  height = 0;
  previousHash: Uint8Array = new Uint8Array(32);

  /** The next block. It becomes the parent of the following one only when `advance` is called (after a commit). */
  build(txs: readonly FixtureTx[], writes: readonly StateWrite[] = [], opts: { withCommit?: boolean } = {}) {
    return buildBlock(this.height + 1, this.previousHash, txs, writes, opts.withCommit ?? true);
  }

  advance(block: CommittedBlock): void {
    this.height = block.block.header.height;
    this.previousHash = block.hash;
  }

  /** Builds the next block and advances past it. */
  next(txs: readonly FixtureTx[], writes: readonly StateWrite[] = []): CommittedBlock {
    const block = this.build(txs, writes);
    this.advance(block);
    return block;
  }
}

function precommit(height: number, hash: Uint8Array): Uint8Array {
  const vote = voteSchema.parse({
    chainId: CHAIN_ID,
    type: 'precommit',
    height,
    round: 0,
    blockHash: hash,
    validator: PUBLIC_KEY,
  });
  return voteSignBytes(vote);
}

export function blockTime(height: number): bigint {
  return GENESIS_TIME + BigInt(height) * 1000n;
}

export function buildBlock(
  height: number,
  previousHash: Uint8Array,
  txs: readonly FixtureTx[],
  writes: readonly StateWrite[],
  withCommit = true,
): CommittedBlock {
  const txIds = txs.map(({ tx }) => txHash(tx.body));
  const header: BlockHeader = {
    chainId: CHAIN_ID,
    height,
    time: blockTime(height),
    previousHash,
    txRoot: txRoot(CHAIN_ID, txIds),
    appHash: new Uint8Array(32).fill(height % 256),
    validatorsHash: new Uint8Array(32).fill(7),
    proposer: PUBLIC_KEY,
  } as BlockHeader;
  const hash = blockHash(header);
  const commit = withCommit
    ? commitCertificateSchema.parse({
        height,
        round: 0,
        blockHash: hash,
        precommits: [
          { validator: PUBLIC_KEY, signature: signWithSecretKey('ed25519', secretKey, precommit(height, hash)) },
        ],
      })
    : null;
  return {
    block: { header, txs: txs.map(({ tx }) => tx) },
    hash,
    encodedTxs: txs.map(({ tx }) => txCodec.encode(tx)),
    txIds,
    results: txs.map(({ result }) => result),
    writes: [...writes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    commit,
  };
}

/** Every row of every table, through a separate connection: what a failed commit must leave unchanged. */
export function dumpTables(file: string): Record<string, unknown[]> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => {
        const columns = db.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[];
        return [t, db.prepare(`SELECT * FROM "${t}" ORDER BY ${columns.join(', ')}`).all()];
      }),
    );
  } finally {
    db.close();
  }
}

/** A fresh acme → beta transfer of 10 CNY with its result (every call a new transaction id). */
export function acmeToBeta(): FixtureTx {
  return {
    tx: signedTx([transferOp('acme', 'beta', 'CNY', 10n)]),
    result: ok(transferEvents('acme', 'beta', 'CNY', 10n, [90n, 10n])),
  };
}

/** The balances after acmeToBeta from 100 CNY: the state writes its block carries. */
export const acmeToBetaWrites = [
  { key: 'balance/acme/CNY', value: amountValue(90n) },
  { key: 'balance/beta/CNY', value: amountValue(10n) },
];

/**
 * A source of transfers between `accounts` in turn, cycling through `assets`, each with its balance events (from
 * balances of 1,000): every call gives the next n, so a history grows block by block for queries to page through.
 */
export function transferCycle(accounts: readonly string[], assets: readonly string[]): (n: number) => FixtureTx[] {
  let serial = 0;
  return (n) =>
    Array.from({ length: n }, () => {
      const i = serial++;
      const from = accounts[i % accounts.length]!;
      const to = accounts[(i + 1) % accounts.length]!;
      const asset = assets[(i >> 1) % assets.length]!;
      const amount = BigInt(i + 1);
      return {
        tx: signedTx([transferOp(from, to, asset, amount)]),
        result: ok(transferEvents(from, to, asset, amount, [1_000n - amount, 1_000n + amount])),
      };
    });
}
