import { bytesToHex } from '../../../shared/crypto/index.ts';
import { buildTx } from '../client/build-tx.ts';
import { homePaths } from '../home/layout.ts';
import { loadKeyFile } from '../keys/key-file.ts';
import type { CountersignNode } from '../node.ts';

const DAY_MS = 24n * 3600n * 1000n;

/**
 * Demo activity on a new devnet: Lotus Trade Finance draws a commercial bill of CNY 1,000,000.00, payable to
 * Jinhua Commercial Bank in 90 days (signed by two of Lotus's treasury officers, as its 2-of-3 policy requires).
 */
export async function seedDemoActivity(node: CountersignNode): Promise<void> {
  const keys = homePaths(node.home).signatoryKeys;
  const signers = ['lotus-treasury-1', 'lotus-treasury-2'].map((l) => loadKeyFile(`${keys}/${l}.json`));
  const now = BigInt(Date.now());
  const { encoded } = await buildTx(
    node.genesis.chainId,
    [
      {
        type: 'bill.issue',
        serial: 'LOTUS-CB-0001' as never,
        drawer: 'lotus.treasury' as never,
        payee: 'jhcb.treasury' as never,
        currency: 'CNY' as never,
        faceValue: 1_000_000_00n,
        maturity: now + 90n * DAY_MS,
      },
    ],
    signers,
    { now, memo: 'devnet demo: commercial bill' },
  );
  const admitted = await node.mempool.admit(encoded);
  const block = node.produceBlock();
  node.log.info(
    { tx: admitted.id, height: block?.block.header.height, hash: block && bytesToHex(block.hash) },
    'demo bill issued',
  );
}
