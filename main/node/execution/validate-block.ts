import { bytesToHex, equalBytes } from '../../../shared/crypto/index.ts';
import { txCodec, validatorSetHash, type Block, type BlockHeader } from '../../../shared/domain/index.ts';
import { txEncodingsIn } from './block-bytes.ts';
import { BlockError, BlockErrorCode as E } from './block-errors.ts';
import type { BuiltBlock, ChainParams, ChainView } from './build-block.ts';
import type { TxPreparer } from './tx-preparer.ts';
import { txHashFromEncoding, type PreparedTx } from './tx-checks.ts';

/**
 * Where a block is re-executed: on the committed chain (BlockExecutor), or on top of the blocks of a catch-up range
 * not yet stored (PendingRange).
 */
export interface BlockBuilder extends ChainView {
  readonly params: ChainParams;
  build(candidates: readonly PreparedTx[], time: bigint, proposer: Uint8Array): BuiltBlock;
}

export interface BlockValidationOptions {
  /** Wall clock, ms since the epoch, and how far ahead of it a block's time may be. */
  readonly now: () => bigint;
  readonly maxFutureMs: bigint;
  /**
   * Transactions this node already decoded and verified (its mempool), by id: their signatures are not verified a
   * second time. Each signature is verified once between admission and execution.
   */
  readonly known?: (id: string) => PreparedTx | undefined;
  /** The bytes the block was strictly decoded from, when at hand: its transactions' bytes are cut from them. */
  readonly blockBytes?: Uint8Array;
}

/**
 * valid(v) of the Tendermint algorithm, and the check of every synced block: the block extends our tip, names our
 * validator set, has a plausible time, and re-executing its transactions over our state reproduces its header
 * exactly — same transaction root, same app hash. Transactions are decoded and verified on the worker threads.
 * Returns the executed block, ready to commit once a certificate decides it.
 */
export async function executeBlockFromPeer(
  executor: BlockBuilder,
  preparer: TxPreparer,
  block: Block,
  opts: BlockValidationOptions,
): Promise<BuiltBlock> {
  checkHeader(executor, block, opts);
  const txs = await prepareBlockTxs(preparer, block, opts.known, opts.blockBytes);
  return executePreparedBlock(executor, block, txs, opts);
}

/**
 * The stateless half: decode and verify every transaction of a block on the worker threads (those this node already
 * verified are taken as they are). Needs nothing from our state, so catch-up runs it for the next blocks while it
 * executes the current one.
 *
 * `blockBytes`, the bytes `block` was strictly decoded from, spare encoding every transaction again: each one's bytes
 * are cut out of them (see txEncodingsIn), and the workers answer without the decoded transaction — `block` has it.
 */
export async function prepareBlockTxs(
  preparer: TxPreparer,
  block: Block,
  known?: (id: string) => PreparedTx | undefined,
  blockBytes?: Uint8Array,
): Promise<PreparedTx[]> {
  const received = blockBytes && txEncodingsIn(blockBytes, block.txs.length);
  if (received !== undefined && known === undefined) return checkBlockTxs(preparer, block, received);
  const encoded = received ?? block.txs.map((tx) => txCodec.encode(tx));
  const txs: (PreparedTx | undefined)[] = block.txs.map((tx, i) =>
    known?.(bytesToHex(txHashFromEncoding(tx, encoded[i]!))),
  );
  const unknown = txs.flatMap((t, i) => (t === undefined ? [i] : []));
  const prepared = await preparer.prepareBatch(unknown.map((i) => encoded[i]!));
  prepared.forEach((p, k) => {
    const i = unknown[k]!;
    if (!p.ok) {
      throw new BlockError(E.INVALID_TX, `transaction ${i} of block ${block.header.height}: ${p.error.message}`);
    }
    txs[i] = p.tx;
  });
  return txs as PreparedTx[];
}

/** prepareBlockTxs for a block whose transactions' bytes were received with it: the workers check, `block` holds. */
async function checkBlockTxs(preparer: TxPreparer, block: Block, encoded: Uint8Array[]): Promise<PreparedTx[]> {
  const checked = await preparer.checkBatch(encoded);
  return checked.map((c, i) => {
    if (!c.ok)
      throw new BlockError(E.INVALID_TX, `transaction ${i} of block ${block.header.height}: ${c.error.message}`);
    return { tx: block.txs[i]!, encoded: encoded[i]!, hash: c.hash, id: c.id, signers: c.signers, claims: [] };
  });
}

/** The stateful half: the header checks against our tip, then re-execution, which must reproduce the header. */
export function executePreparedBlock(
  executor: BlockBuilder,
  block: Block,
  txs: readonly PreparedTx[],
  opts: BlockValidationOptions,
): BuiltBlock {
  const { header } = block;
  const height = checkHeader(executor, block, opts);
  const built = executor.build(txs, header.time, header.proposer);
  const [excluded] = built.excluded;
  if (excluded !== undefined) {
    throw new BlockError(E.TX_NOT_INCLUDABLE, `block ${height}: ${excluded.error.message}`);
  }
  // Field by field rather than hash against hash: the same fields are the same canonical bytes, so our block's hash
  // is then the hash of the header received, without hashing it again.
  const field = differingField(built.block.block.header, header);
  if (field !== undefined) {
    throw new BlockError(E.HEADER_MISMATCH, `block ${height}: re-execution gives another ${field}`);
  }
  return built;
}

/** Checks the header against our tip and validator set; returns the block's height. */
function checkHeader(executor: BlockBuilder, block: Block, opts: BlockValidationOptions): number {
  const { header } = block;
  const params = executor.params;
  const tip = executor.tip();
  const height = (tip?.height ?? 0) + 1;
  if (header.chainId !== params.chainId) throw new BlockError(E.WRONG_CHAIN, `block of chain "${header.chainId}"`);
  if (header.height !== height) {
    throw new BlockError(E.WRONG_HEIGHT, `block at height ${header.height}, expected ${height}`);
  }
  if (!equalBytes(header.previousHash, tip?.hash ?? new Uint8Array(32))) {
    throw new BlockError(E.PARENT_UNKNOWN, `block ${height} does not extend our block ${height - 1}`);
  }
  const validators = executor.validators();
  if (!equalBytes(header.validatorsHash, validatorSetHash(params.chainId, validators))) {
    throw new BlockError(E.WRONG_VALIDATORS, `block ${height} names another validator set`);
  }
  if (!validators.some((v) => equalBytes(v.publicKey, header.proposer))) {
    throw new BlockError(E.PROPOSER_UNKNOWN, `block ${height} was built by a key outside the validator set`);
  }
  if (tip !== undefined && header.time <= tip.time) {
    throw new BlockError(E.TIME_NOT_MONOTONIC, `block ${height} time is not after block ${tip.height}`);
  }
  if (header.time > opts.now() + opts.maxFutureMs) {
    throw new BlockError(E.TIME_TOO_FAR_AHEAD, `block ${height} time is more than ${opts.maxFutureMs} ms ahead`);
  }
  return height;
}

/** The first field in which two headers differ, or undefined when they are the same header. */
// Every field of blockHeaderSchema is compared: a field added there must be added here.
function differingField(ours: BlockHeader, theirs: BlockHeader): string | undefined {
  if (!equalBytes(ours.txRoot, theirs.txRoot)) return 'txRoot';
  if (!equalBytes(ours.appHash, theirs.appHash)) return 'appHash';
  const same =
    ours.chainId === theirs.chainId &&
    ours.height === theirs.height &&
    ours.time === theirs.time &&
    equalBytes(ours.previousHash, theirs.previousHash) &&
    equalBytes(ours.validatorsHash, theirs.validatorsHash) &&
    equalBytes(ours.proposer, theirs.proposer);
  return same ? undefined : 'header';
}
