import { mkdirSync } from 'node:fs';
import { leiCheckDigits, parseLei } from '../../../shared/finance/index.ts';
import type { Genesis } from '../../../shared/domain/index.ts';
import { writeConfig, writeGenesis } from '../home/config.ts';
import { homePaths } from '../home/layout.ts';
import { createKeyFile } from '../keys/key-file.ts';

/**
 * A new single-validator network with one founding member and one admin signatory, who alone forms the governance
 * policy. Everything else (members, accounts, assets) is then added through governance transactions.
 */
export function initNetwork(
  home: string,
  opts: { chainId: string; memberName: string; memberLei?: string; apiPort: number; genesisTime: bigint },
) {
  const lei = opts.memberLei ?? '549300FOUNDER00001' + leiCheckDigits('549300FOUNDER00001');
  parseLei(lei, '--member-lei');
  const paths = homePaths(home);
  mkdirSync(paths.data, { recursive: true, mode: 0o700 });
  const validator = createKeyFile(paths.validatorKey, 'validator');
  const admin = createKeyFile(`${paths.signatoryKeys}/admin.json`, 'admin');
  const genesis: Genesis = {
    chainId: opts.chainId as Genesis['chainId'],
    genesisTime: opts.genesisTime,
    params: { maxTxLifetimeMs: 7n * 24n * 3600n * 1000n },
    validators: [{ name: 'node0', publicKey: validator.publicKey, power: 10 }],
    members: [{ id: lei as never, name: opts.memberName }],
    signatories: [{ publicKey: admin.publicKey, member: lei as never, name: 'admin', roles: ['operations'] as never }],
    governance: { signatories: [{ signatory: admin.id as never, weight: 1 }], threshold: 1 },
    accounts: [],
    assets: [],
    balances: [],
  };
  writeGenesis(home, genesis);
  writeConfig(home, {
    moniker: 'node0',
    role: 'validator',
    api: { host: '127.0.0.1', port: opts.apiPort },
    blockIntervalMs: 1000,
    maxBlockTxs: 5000,
    mempoolCapacity: 50_000,
  });
  return { home, chainId: opts.chainId, validator: validator.id, admin: admin.id, member: lei };
}
