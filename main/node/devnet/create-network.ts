import { cpSync, mkdirSync } from 'node:fs';
import { sha256, utf8 } from '../../../shared/crypto/index.ts';
import type { Genesis, Policy } from '../../../shared/domain/index.ts';
import { writeConfig, writeGenesis, type NodeConfig } from '../home/config.ts';
import { homePaths } from '../home/layout.ts';
import { createKeyFile, type DevSigner } from '../keys/key-file.ts';
import { createNodeKeyFile } from '../p2p/node-key.ts';
import { DEMO_ASSETS, DEMO_BALANCES, DEMO_MEMBERS, DEMO_SIGNATORY_ROLES, demoSettlementCycles } from './demo-data.ts';

export interface NetworkOptions {
  readonly chainId: string;
  /** Genesis time, ms since the epoch. */
  readonly genesisTime: bigint;
  readonly apiPort: number;
  readonly blockIntervalMs: number;
  /** Derive every key from this seed (reproducible devnets and tests); random keys when absent. */
  readonly seed?: string;
  /** Validators and observers (default 1 and 0). One validator alone runs without p2p (SoloProducer). */
  readonly validators?: number;
  readonly observers?: number;
  /** First p2p port; node i listens on 127.0.0.1:(p2pPort + i). API ports are apiPort + i. */
  readonly p2pPort?: number;
  /** Consensus timeouts for networks of several validators (ms). */
  readonly consensus?: NodeConfig['consensus'];
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
 * Creates a development network with the demo consortium: one home per node in `dir/node0`, `dir/node1`, ...
 * (validators first, then observers), each with the config, the same genesis, its validator key (validators), its
 * p2p node key (networks of several nodes) and every demo signatory's key (plain dev key files, see
 * keys/key-file.ts), so the CLI works against any node. Returns the first node's home.
 */
export function createDemoNetwork(dir: string, opts: NetworkOptions): string {
  const validatorCount = opts.validators ?? 1;
  const observerCount = opts.observers ?? 0;
  const networked = validatorCount + observerCount > 1;
  const homes = Array.from({ length: validatorCount + observerCount }, (_, i) => `${dir}/node${i}`);
  for (const h of homes) mkdirSync(homePaths(h).data, { recursive: true, mode: 0o700 });
  const home = homes[0]!;
  const paths = homePaths(home);
  const validators = homes
    .slice(0, validatorCount)
    .map((h, i) =>
      createKeyFile(
        homePaths(h).validatorKey,
        'validator',
        'ed25519',
        seeded(opts, i === 0 ? 'validator' : `validator-${i}`, 32),
      ),
    );
  const nodeKeys = networked
    ? homes.map((h, i) => createNodeKeyFile(homePaths(h).nodeKey, seeded(opts, `node-${i}`, 32)))
    : [];

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
    validators: validators.map((v, i) => ({ name: `node${i}`, publicKey: v.publicKey, power: 10 })),
    ...(networked && {
      nodes: nodeKeys.map((k, i) => ({
        name: `node${i}`,
        role: i < validatorCount ? ('validator' as const) : ('observer' as const),
        nodeKey: k.publicKey,
      })),
    }),
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
    settlement: { cycles: demoSettlementCycles(opts.genesisTime).map((c) => ({ ...c, asset: c.asset as never })) },
  };
  const p2pPort = opts.p2pPort ?? 26700;
  const addressOf = (i: number) => `/ip4/127.0.0.1/tcp/${p2pPort + i}/p2p/${nodeKeys[i]!.peerId}`;
  homes.forEach((h, i) => {
    if (i > 0) cpSync(paths.signatoryKeys, homePaths(h).signatoryKeys, { recursive: true });
    writeGenesis(h, genesis);
    const config: NodeConfig = {
      moniker: `node${i}`,
      role: i < validatorCount ? 'validator' : 'observer',
      api: { host: '127.0.0.1', port: opts.apiPort === 0 ? 0 : opts.apiPort + i },
      blockIntervalMs: opts.blockIntervalMs,
      maxBlockTxs: 5000,
      mempoolCapacity: 50_000,
      ...(networked && {
        p2p: {
          listen: [`/ip4/127.0.0.1/tcp/${p2pPort + i}`],
          bootstrap: homes
            .map((_, j) => j)
            .filter((j) => j !== i)
            .map(addressOf),
        },
      }),
      ...(networked && opts.consensus !== undefined && { consensus: opts.consensus }),
    };
    writeConfig(h, config);
  });
  return home;
}
