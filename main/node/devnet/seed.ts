import { bytesToHex } from '../../../shared/crypto/index.ts';
import type { Operation } from '../../../shared/domain/index.ts';
import { buildTx } from '../client/build-tx.ts';
import { DEMO_INSTRUCTION_SIGNERS, DEMO_INSTRUCTIONS } from './demo-data.ts';
import { homePaths } from '../home/layout.ts';
import { loadKeyFile } from '../keys/key-file.ts';
import type { CountersignNode } from '../node.ts';

const DAY_MS = 24n * 3600n * 1000n;

/**
 * Demo activity on a new devnet: Lotus Trade Finance draws a commercial bill of CNY 1,000,000.00, payable to
 * Jinhua Commercial Bank in 90 days (signed by two of Lotus's treasury officers, as its 2-of-3 policy requires).
 */
export async function demoBillTx(home: string, chainId: string): Promise<Uint8Array> {
  const keys = homePaths(home).signatoryKeys;
  const signers = ['lotus-treasury-1', 'lotus-treasury-2'].map((l) => loadKeyFile(`${keys}/${l}.json`));
  const now = BigInt(Date.now());
  const { encoded } = await buildTx(
    chainId,
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
  return encoded;
}

/** Demo settlement instructions (demo-data.ts), in one transaction signed by the paying members' officers. */
export async function demoSettlementTx(home: string, chainId: string): Promise<Uint8Array> {
  const keys = homePaths(home).signatoryKeys;
  const signers = DEMO_INSTRUCTION_SIGNERS.map((l) => loadKeyFile(`${keys}/${l}.json`));
  const ops = DEMO_INSTRUCTIONS.map((i) => ({ type: 'settlement.instruct', ...i }) as unknown as Operation);
  const { encoded } = await buildTx(chainId, ops, signers, {
    now: BigInt(Date.now()),
    memo: 'devnet demo: settlement',
  });
  return encoded;
}

/** Seeds a single-validator devnet's demo activity in process, committing it at once. */
export async function seedDemoActivity(node: CountersignNode): Promise<void> {
  const admitted = await node.mempool.admit(await demoBillTx(node.home, node.genesis.chainId));
  const block = node.produceBlock();
  node.log.info(
    { tx: admitted.id, height: block?.block.header.height, hash: block && bytesToHex(block.hash) },
    'demo bill issued',
  );
  // In a block of its own, after the bill's (block 1 holds the bill alone, as the walkthrough shows).
  const settlement = await node.mempool.admit(await demoSettlementTx(node.home, node.genesis.chainId));
  const next = node.produceBlock();
  node.log.info({ tx: settlement.id, height: next?.block.header.height }, 'demo settlement instructions queued');
}
