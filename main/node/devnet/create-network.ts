import { mkdirSync } from 'node:fs';
import { sha256, utf8 } from '../../../shared/crypto/index.ts';
import type { Genesis, Policy } from '../../../shared/domain/index.ts';
import { writeConfig, writeGenesis, type NodeConfig } from '../home/config.ts';
import { homePaths } from '../home/layout.ts';
import { createKeyFile, type DevSigner } from '../keys/key-file.ts';
import { DEMO_ASSETS, DEMO_BALANCES, DEMO_MEMBERS, DEMO_SIGNATORY_ROLES } from './demo-data.ts';

export interface NetworkOptions {
  readonly chainId: string;
  /** Genesis time, ms since the epoch. */
  readonly genesisTime: bigint;
  readonly apiPort: number;
  readonly blockIntervalMs: number;
  /** Derive every key from this seed (reproducible devnets and tests); random keys when absent. */
  readonly seed?: string;
}

const DAY_MS = 24n * 3600n * 1000n;

function seeded(opts: NetworkOptions, label: string, bytes: number): Uint8Array | undefined {
  if (opts.seed === undefined) return undefined;
  const out = new Uint8Array(bytes);
  out.set(sha256(utf8(`${opts.seed}/${label}`)).subarray(0, Math.min(32, bytes)));
  return out;
}

function twoOfThree(signers: readonly DevSigner[]): Policy {
  return { signatories: signers.map((s) => ({ signatory: s.id as never, weight: 1 })), threshold: 2 };
}

/**
 * Creates a single-validator development network with the demo consortium in `dir/node0`: config, genesis,
 * the validator key and every demo signatory's key (plain dev key files, see keys/key-file.ts).
 */
export function createDemoNetwork(dir: string, opts: NetworkOptions): string {
  const home = `${dir}/node0`;
  const paths = homePaths(home);
  mkdirSync(paths.data, { recursive: true, mode: 0o700 });
  const validator = createKeyFile(paths.validatorKey, 'validator', 'ed25519', seeded(opts, 'validator', 32));

  const signers = new Map<string, DevSigner>();
  for (const m of DEMO_MEMBERS) {
    for (const r of DEMO_SIGNATORY_ROLES) {
      const label = `${m.key}-${r.suffix}`;
      signers.set(
        label,
        createKeyFile(`${paths.signatoryKeys}/${label}.json`, label, 'ed25519', seeded(opts, label, 32)),
      );
    }
  }
  const of = (member: string) => DEMO_SIGNATORY_ROLES.map((r) => signers.get(`${member}-${r.suffix}`)!);

  const genesis: Genesis = {
    chainId: opts.chainId as Genesis['chainId'],
    genesisTime: opts.genesisTime,
    params: { maxTxLifetimeMs: 7n * DAY_MS },
    validators: [{ name: 'node0', publicKey: validator.publicKey, power: 10 }],
    members: DEMO_MEMBERS.map((m) => ({ id: m.id as never, name: m.name })),
    signatories: DEMO_MEMBERS.flatMap((m) =>
      DEMO_SIGNATORY_ROLES.map((r) => ({
        publicKey: signers.get(`${m.key}-${r.suffix}`)!.publicKey,
        member: m.id as never,
        name: `${m.key}-${r.suffix}`,
        roles: [...r.roles] as never,
      })),
    ),
    // Governance: the operations officers of the three members, any two of them.
    governance: twoOfThree(DEMO_MEMBERS.map((m) => signers.get(`${m.key}-operations-1`)!)),
    accounts: DEMO_MEMBERS.flatMap((m) => [
      {
        id: `${m.key}.treasury` as never,
        owner: m.id as never,
        name: `${m.name} treasury`,
        policy: twoOfThree(of(m.key)),
      },
      {
        id: `${m.key}.issuance` as never,
        owner: m.id as never,
        name: `${m.name} issuance`,
        policy: twoOfThree(of(m.key)),
      },
    ]),
    assets: DEMO_ASSETS.map((a) => ({ ...a, id: a.id as never, issuer: a.issuer as never })),
    balances: DEMO_BALANCES.map((b) => ({ account: b.account as never, asset: b.asset as never, amount: b.amount })),
  };
  writeGenesis(home, genesis);
  const config: NodeConfig = {
    moniker: 'node0',
    role: 'validator',
    api: { host: '127.0.0.1', port: opts.apiPort },
    blockIntervalMs: opts.blockIntervalMs,
    maxBlockTxs: 5000,
    mempoolCapacity: 50_000,
  };
  writeConfig(home, config);
  return home;
}
