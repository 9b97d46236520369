import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoNetwork } from '../../main/node/devnet/create-network.ts';
import { homePaths } from '../../main/node/home/layout.ts';
import { loadKeyFile, type DevSigner } from '../../main/node/keys/key-file.ts';
import { createLogger } from '../../main/node/log.ts';
import { CountersignNode } from '../../main/node/node.ts';

/** A fresh demo network directory in the OS temp dir; `cleanup` removes it. */
export function makeDemoNetwork(opts: { blockIntervalMs?: number; genesisTime?: bigint } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-test-'));
  const home = createDemoNetwork(dir, {
    chainId: 'countersign-test',
    genesisTime: opts.genesisTime ?? BigInt(Date.now()) - 60_000n,
    apiPort: 0,
    blockIntervalMs: opts.blockIntervalMs ?? 50,
    seed: 'test',
  });
  return {
    dir,
    home,
    signer: (label: string): DevSigner => loadKeyFile(path.join(homePaths(home).signatoryKeys, `${label}.json`)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Starts a node of a demo network in this process, quietly, on a free API port. */
export async function startQuietNode(home: string): Promise<CountersignNode> {
  process.env['COUNTERSIGN_LOG'] ??= 'silent';
  return CountersignNode.start({ home, apiPort: 0, log: createLogger('test') });
}
