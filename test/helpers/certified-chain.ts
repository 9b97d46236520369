import { signWithSecretKey } from '../../shared/crypto/index.ts';
import {
  blockCodec,
  voteSignBytes,
  type CommitCertificate,
  type Genesis,
  type Vote,
} from '../../shared/domain/index.ts';
import { buildTx } from '../../main/node/client/build-tx.ts';
import { BlockExecutor } from '../../main/node/execution/block-executor.ts';
import { chainParamsOf } from '../../main/node/execution/build-block.ts';
import type { CommittedBlock } from '../../main/node/execution/ports.ts';
import { prepareTx, type PreparedTx } from '../../main/node/execution/tx-checks.ts';
import { buildGenesisState } from '../../main/node/ledger/genesis.ts';
import type { Signer } from '../../main/node/signer/interface.ts';
import { SqliteBlockStore } from '../../main/node/storage/index.ts';
import type { FetchedBlock } from '../../main/node/sync/syncer.ts';
import { ACCOUNT, ASSET, consortiumGenesis, GENESIS_TIME, KEYS, type SignerName } from './ledger-harness.ts';
import { tempDb } from './storage-fixtures.ts';

/**
 * A real chain for catch-up tests: SQLite stores over the consortium genesis of ledger-harness (one validator,
 * KEYS.validator), blocks of signed transfers built and executed by the node's own BlockExecutor, each with a real
 * commit certificate signed by the validator key.
 */

export function signerOf(name: SignerName): Signer {
  const k = KEYS[name];
  return {
    label: name,
    scheme: 'ed25519',
    publicKey: k.publicKey,
    id: k.id,
    sign: (m) => signWithSecretKey('ed25519', k.secretKey, m),
  };
}

/** A node's store with the genesis state, and its executor. */
export function chainNode(genesis: Genesis = consortiumGenesis()) {
  const db = tempDb();
  const store = SqliteBlockStore.open(db.file);
  const g = buildGenesisState(genesis);
  store.commitGenesis(g.writes, g.hash, g.appHash);
  const params = chainParamsOf(genesis, g.appHash);
  const executor = new BlockExecutor(store, params);
  return {
    db,
    store,
    params,
    executor,
    close() {
      store.close();
      db.cleanup();
    },
  };
}

export type ChainNode = ReturnType<typeof chainNode>;

/** The certificate of the block `hash` at `height`: the one validator's precommit. */
export function certify(chainId: string, height: number, hash: Uint8Array, round = 0): CommitCertificate {
  const vote: Vote = {
    chainId: chainId as Vote['chainId'],
    type: 'precommit',
    height,
    round,
    blockHash: hash,
    validator: KEYS.validator.publicKey,
  };
  const signature = signWithSecretKey('ed25519', KEYS.validator.secretKey, voteSignBytes(vote));
  return { height, round, blockHash: hash, precommits: [{ validator: KEYS.validator.publicKey, signature }] };
}

/** `n` signed transfers of 1 CNY from gamma.issuer (1-of-1, frank) to gamma.ops (random nonces: distinct ids). */
export async function transfers(chainId: string, n: number, now: bigint = GENESIS_TIME): Promise<PreparedTx[]> {
  const out: PreparedTx[] = [];
  for (let i = 0; i < n; i++) {
    const op = { type: 'transfer', from: ACCOUNT.gammaIssuer, to: ACCOUNT.gammaOps, asset: ASSET.CNY, amount: 1n };
    const built = await buildTx(chainId, [op as never], [signerOf('frank')], { now });
    out.push(prepareTx(built.tx, built.encoded));
  }
  return out;
}

/** Block time of height h on these chains: a second per block after genesis. */
export const timeOf = (height: number) => GENESIS_TIME + BigInt(height) * 1000n;

/** Builds, certifies and commits `blocks` blocks of `perBlock` transfers on `node`; returns them as a peer sends them. */
export async function growChain(node: ChainNode, blocks: number, perBlock: number): Promise<FetchedBlock[]> {
  const out: FetchedBlock[] = [];
  for (let b = 0; b < blocks; b++) {
    const height = (node.store.tip()?.height ?? 0) + 1;
    const txs = await transfers(node.params.chainId, perBlock);
    const built = node.executor.build(txs, timeOf(height), KEYS.validator.publicKey);
    if (built.excluded.length > 0) throw new Error(built.excluded[0]!.error.message);
    const committed = node.executor.commit(built, certify(node.params.chainId, height, built.block.hash));
    out.push(asReceived(committed));
  }
  return out;
}

/** A committed block as the p2p layer hands it over: decoded from its bytes, with them. */
export function asReceived(block: CommittedBlock): FetchedBlock {
  const blockBytes = blockCodec.encode(block.block);
  return { block: blockCodec.decode(blockBytes), commit: block.commit!, blockBytes };
}
