import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hexToBytesStrict } from '../../shared/crypto/index.ts';
import { voteSignBytes, type CommitCertificate, type Vote } from '../../shared/domain/index.ts';
import { BlockExecutor } from '../../main/node/execution/block-executor.ts';
import { chainParamsOf } from '../../main/node/execution/build-block.ts';
import { quorumOf } from '../../main/node/execution/commit-certificate.ts';
import { prepareTx } from '../../main/node/execution/tx-checks.ts';
import { readGenesis } from '../../main/node/home/config.ts';
import { homePaths } from '../../main/node/home/layout.ts';
import { buildGenesisState } from '../../main/node/ledger/genesis.ts';
import { nodeCryptoEd25519Signer } from '../../main/node/signer/node-crypto-signer.ts';
import { openDatabase, SqliteBlockStore } from '../../main/node/storage/index.ts';
import { TransferSigner } from './sign-transfers.ts';
import type { TransferPlan } from './transfer-accounts.ts';

/**
 * A history a new node must catch up on, written straight into one validator's store without running consensus
 * (which would take hours to make it): blocks of signed transfers built and executed by the node's own BlockExecutor,
 * each committed with a real commit certificate — precommits of just over 2/3 of the voting power, signed by the
 * genesis validator keys of the testnet's homes. A syncing node verifies all of it exactly as it would a history the
 * network made: every certificate, every transaction signature, every header by re-execution.
 *
 * The store is written with synchronous = OFF (it is closed cleanly before any node opens it): the time to write the
 * history is not what is measured.
 */
export async function writeCertifiedHistory(opts: {
  /** The validator home whose database receives the history. */
  home: string;
  /** Homes of the genesis validators, in genesis order: their keys sign the certificates. */
  validatorHomes: readonly string[];
  plan: TransferPlan;
  blocks: number;
  txsPerBlock: number;
  onProgress?: (height: number) => void;
}): Promise<{ blocks: number; txs: number; seconds: number }> {
  const started = performance.now();
  const genesis = readGenesis(opts.home);
  const g = buildGenesisState(genesis);
  const db = openDatabase(homePaths(opts.home).database);
  db.pragma('synchronous = OFF');
  const store = new SqliteBlockStore(db);
  store.commitGenesis(g.writes, g.hash, g.appHash);
  const params = chainParamsOf(genesis, g.appHash);
  const executor = new BlockExecutor(store, params);

  // Just enough validators, in genesis order, for more than 2/3 of the power.
  const quorum = quorumOf(genesis.validators);
  const voters = [];
  let power = 0;
  for (const [i, v] of genesis.validators.entries()) {
    if (power >= quorum) break;
    const file = homePaths(opts.validatorHomes[i]!).validatorKey;
    const { secretKey } = JSON.parse(readFileSync(file, 'utf8')) as { secretKey: string };
    voters.push(nodeCryptoEd25519Signer(path.basename(opts.validatorHomes[i]!), hexToBytesStrict(secretKey)));
    power += v.power;
  }

  const signer = new TransferSigner(genesis.chainId, opts.plan);
  // Signed as if just after genesis, valid for a day: every block time below is within that window.
  const signedAt = genesis.genesisTime;
  let txs = 0;
  try {
    for (let height = 1; height <= opts.blocks; height++) {
      const built = await signer.sign(opts.txsPerBlock, signedAt, 86_400_000n);
      const prepared = built.map((t) => prepareTx(t.tx, t.encoded));
      const block = executor.build(
        prepared,
        genesis.genesisTime + BigInt(height),
        voters[height % voters.length]!.publicKey,
      );
      if (block.excluded.length > 0) throw new Error(`block ${height}: ${block.excluded[0]!.error.message}`);
      const certificate: CommitCertificate = {
        height,
        round: 0,
        blockHash: block.block.hash,
        precommits: await Promise.all(
          voters.map(async (v) => {
            const vote: Vote = {
              chainId: genesis.chainId,
              type: 'precommit',
              height,
              round: 0,
              blockHash: block.block.hash,
              validator: v.publicKey,
            };
            return { validator: v.publicKey, signature: await v.sign(voteSignBytes(vote)) };
          }),
        ),
      };
      executor.commit(block, certificate);
      txs += prepared.length;
      if (height % 500 === 0) opts.onProgress?.(height);
    }
  } finally {
    store.close();
  }
  return { blocks: opts.blocks, txs, seconds: (performance.now() - started) / 1000 };
}
