import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bytesToHex, generateSecretKey, keyId, publicKeyOf, sha256, utf8 } from '../../shared/crypto/index.ts';
import { readGenesis, writeGenesis } from '../../main/node/home/config.ts';

/**
 * Who signs the benchmark's transfers. Two kinds:
 * - `signatures: 2`: the demo consortium of `countersign testnet` as it is — the three treasuries under their 2-of-3
 *   policies, so each transfer carries two Ed25519 signatures (two treasury officers of the paying member);
 * - `signatures: 1`: the same genesis plus `count` benchmark accounts `bench.N`, each under a 1-of-1 policy of its
 *   own signatory `bench-N` (a member of the consortium), so each transfer carries one signature. This changes the
 *   genesis (every home gets the same one before any node starts) and the benchmarks say so in their output.
 */
export interface TransferAccount {
  readonly id: string;
  /** Hex secrets of the keys that sign its transfers (as many as its policy needs). */
  readonly secrets: string[];
}

export interface TransferPlan {
  readonly signatures: 1 | 2;
  readonly accounts: TransferAccount[];
  /** How the genesis was set up, for the output and the JSON. */
  readonly description: string;
}

const BENCH_BALANCE = 1_000_000_000_000n;

/** The deterministic secret of benchmark account i (the same in every run, so results are reproducible). */
function benchSecret(i: number): Uint8Array {
  return generateSecretKey('ed25519', sha256(utf8(`countersign-bench/account-${i}`)));
}

/** Adds `count` single-signatory CNY accounts to the genesis of every home (before any node has started). */
export function addSingleSignatureAccounts(homes: readonly string[], count: number): TransferPlan {
  const genesis = readGenesis(homes[0]!);
  const member = genesis.members[0]!.id;
  const secrets = Array.from({ length: count }, (_, i) => benchSecret(i));
  const keys = secrets.map((s) => publicKeyOf('ed25519', s));
  const patched = {
    ...genesis,
    signatories: [
      ...genesis.signatories,
      ...keys.map((publicKey, i) => ({ publicKey, member, name: `bench-${i}`, roles: [] })),
    ],
    accounts: [
      ...genesis.accounts,
      ...keys.map((k, i) => ({
        id: `bench.${i}` as never,
        owner: member,
        name: `Benchmark account ${i}`,
        policy: { signatories: [{ signatory: keyId(k) as never, weight: 1 }], threshold: 1 },
      })),
    ],
    balances: [
      ...genesis.balances,
      ...keys.map((_, i) => ({ account: `bench.${i}` as never, asset: 'CNY' as never, amount: BENCH_BALANCE })),
    ],
  };
  for (const home of homes) writeGenesis(home, patched as typeof genesis);
  return {
    signatures: 1,
    accounts: secrets.map((s, i) => ({ id: `bench.${i}`, secrets: [bytesToHex(s)] })),
    description:
      `demo consortium genesis + ${count} benchmark accounts under 1-of-1 policies ` +
      '(one Ed25519 signature per transfer)',
  };
}

/** The demo consortium's treasuries, each transfer signed by two treasury officers of the paying member. */
export function demoTreasuries(home: string): TransferPlan {
  const secretOf = (label: string) =>
    (JSON.parse(readFileSync(path.join(home, 'keys', 'signatories', `${label}.json`), 'utf8')) as { secretKey: string })
      .secretKey;
  return {
    signatures: 2,
    accounts: ['jhcb', 'hbsec', 'lotus'].map((m) => ({
      id: `${m}.treasury`,
      secrets: [secretOf(`${m}-treasury-1`), secretOf(`${m}-treasury-2`)],
    })),
    description: 'demo consortium genesis as created: treasury transfers under 2-of-3 policies (two signatures each)',
  };
}

export function transferPlan(homes: readonly string[], signatures: number, accounts = 64): TransferPlan {
  if (signatures === 1) return addSingleSignatureAccounts(homes, accounts);
  if (signatures === 2) return demoTreasuries(homes[0]!);
  throw new Error(`--signatures must be 1 or 2, got ${signatures}`);
}
