import {
  blockHash,
  txRoot,
  validatorSetHash,
  type BlockHeader,
  type SignatoryId,
  type ValidatorRecord,
} from '../../../shared/domain/index.ts';
import { executeTxs } from '../ledger/execute.ts';
import { nextAppHash } from '../ledger/app-hash.ts';
import type { VerifiedTx } from '../ledger/interface.ts';
import type { LedgerState } from '../ledger/ledger-state.ts';
import { AdmissionError, AdmissionErrorCode as E } from './errors.ts';
import type { BlockStore, CommittedBlock } from './ports.ts';
import { checkWindow, type PreparedTx } from './tx-checks.ts';

export interface ChainParams {
  readonly chainId: string;
  readonly maxTxLifetimeMs: bigint;
  readonly genesisAppHash: Uint8Array;
}

/** A network's parameters from its genesis and the app hash of its genesis state. */
export function chainParamsOf(
  genesis: { readonly chainId: string; readonly params: { readonly maxTxLifetimeMs: bigint } },
  genesisAppHash: Uint8Array,
): ChainParams {
  return { chainId: genesis.chainId, maxTxLifetimeMs: genesis.params.maxTxLifetimeMs, genesisAppHash };
}

export interface BuiltBlock {
  /** The executed block, ready to commit once it has a commit certificate. */
  readonly block: Omit<CommittedBlock, 'commit'>;
  /** The state the block produced (its cache is reused once the block commits). */
  readonly state: LedgerState;
  /** Candidates left out, with why (expired meanwhile, already committed, duplicate). */
  readonly excluded: { readonly tx: PreparedTx; readonly error: AdmissionError }[];
}

/**
 * The chain a block is built on: the store itself (BlockExecutor), or the store and the blocks of a pending range
 * before it (PendingRange).
 */
export interface ChainView extends Pick<BlockStore, 'tip' | 'committedAmong'> {
  /** The validator set that decides the next block (state after the tip). */
  validators(): ValidatorRecord[];
}

/**
 * Builds and executes the next block from candidate transactions whose signatures are already verified. Checks
 * that depend on the block (its time, what is committed, what is already in it) happen here, so a transaction that
 * was valid when admitted but not any more is left out rather than recorded as failed. `base` is the state after
 * the chain's tip.
 */
export function buildBlock(
  chain: ChainView,
  params: ChainParams,
  candidates: readonly PreparedTx[],
  time: bigint,
  proposer: Uint8Array,
  base: LedgerState,
): BuiltBlock {
  const tip = chain.tip();
  const height = (tip?.height ?? 0) + 1;
  const included: PreparedTx[] = [];
  const excluded: BuiltBlock['excluded'] = [];
  const inBlock = new Set<string>();
  const committed = chain.committedAmong(candidates.map((c) => c.id));
  for (const tx of candidates) {
    try {
      checkWindow(tx.tx, params.chainId, time, params.maxTxLifetimeMs);
      if (inBlock.has(tx.id) || committed.has(tx.id)) {
        throw new AdmissionError(E.ALREADY_COMMITTED, `transaction ${tx.id} is already on the ledger`);
      }
    } catch (err) {
      if (err instanceof AdmissionError) {
        excluded.push({ tx, error: err });
        continue;
      }
      throw err;
    }
    inBlock.add(tx.id);
    included.push(tx);
  }
  const context = { chainId: params.chainId, height, time };
  // The set that decides this block: the one in state before it (changes take effect blocks later, see validators.ts).
  const validators = chain.validators();
  const verified: VerifiedTx[] = included.map((t) => ({ tx: t.tx, id: t.id, signers: t.signers as SignatoryId[] }));
  const { results, blockEvents, writes, state } = executeTxs(base, verified, context);
  const previous = tip?.appHash ?? params.genesisAppHash;
  const appHash = nextAppHash(params.chainId, previous, height, writes, results, blockEvents);
  const txIds = included.map((t) => t.hash);
  const header: BlockHeader = {
    chainId: params.chainId as BlockHeader['chainId'],
    height,
    time,
    previousHash: tip?.hash ?? new Uint8Array(32),
    txRoot: txRoot(params.chainId, txIds),
    appHash,
    validatorsHash: validatorSetHash(params.chainId, validators),
    proposer,
  };
  return {
    state,
    block: {
      block: { header, txs: included.map((t) => t.tx) },
      hash: blockHash(header),
      encodedTxs: included.map((t) => t.encoded),
      txIds,
      results,
      blockEvents,
      writes,
    },
    excluded,
  };
}
