import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { CodedError } from '../../../shared/errors.ts';
import { schemaError } from '../../../shared/encoding/index.ts';
import { genesisJsonSchema, genesisToJson, type Genesis } from '../../../shared/domain/index.ts';
import { homePaths } from './layout.ts';

export const nodeConfigSchema = z.strictObject({
  moniker: z.string().min(1).max(64),
  role: z.enum(['validator', 'observer']),
  api: z.strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535),
  }),
  /** How often the validator proposes a block when transactions are waiting. */
  blockIntervalMs: z.number().int().min(10).max(60_000).default(1000),
  /** Most transactions per block. */
  maxBlockTxs: z.number().int().min(1).max(10_000).default(5000),
  mempoolCapacity: z.number().int().min(1).max(1_000_000).default(50_000),
  /** Networks of several nodes: where this node listens and whom it dials (multiaddrs ending in /p2p/<peer id>). */
  p2p: z
    .strictObject({
      listen: z.array(z.string().min(1).max(256)).min(1).max(8),
      bootstrap: z.array(z.string().min(1).max(512)).max(200),
    })
    .optional(),
  /** Prometheus metrics and health checks on a listener of their own (docs/operators.md); absent = off. */
  metrics: z
    .strictObject({
      host: z.string().min(1).max(255).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535),
    })
    .optional(),
  /** Consensus round timeouts: base and growth per round, ms (defaults: consensus/types.ts DEFAULT_TIMEOUTS). */
  consensus: z
    .strictObject({
      proposeMs: z.number().int().min(10).max(600_000),
      voteMs: z.number().int().min(10).max(600_000),
      deltaMs: z.number().int().min(0).max(600_000),
    })
    .optional(),
});
export type NodeConfig = z.output<typeof nodeConfigSchema>;

export class HomeError extends CodedError {
  override readonly name = 'HomeError';
}

function readJson(file: string, what: string): unknown {
  if (!existsSync(file)) throw new HomeError('HOME_MISSING_FILE', `${what} not found at ${file}`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new HomeError('HOME_BAD_JSON', `${what} at ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

export function readConfig(home: string): NodeConfig {
  const file = homePaths(home).config;
  const parsed = nodeConfigSchema.safeParse(readJson(file, 'node config'));
  if (!parsed.success) throw new HomeError('HOME_BAD_CONFIG', schemaError(file, parsed.error).message);
  return parsed.data;
}

export function writeConfig(home: string, config: NodeConfig): void {
  writeFileSync(homePaths(home).config, JSON.stringify(config, null, 2) + '\n');
}

export function readGenesis(home: string): Genesis {
  const file = homePaths(home).genesis;
  const parsed = genesisJsonSchema.safeParse(readJson(file, 'genesis'));
  if (!parsed.success) throw new HomeError('HOME_BAD_GENESIS', schemaError(file, parsed.error).message);
  return parsed.data as Genesis;
}

export function writeGenesis(home: string, genesis: Genesis): void {
  writeFileSync(homePaths(home).genesis, JSON.stringify(genesisToJson(genesis), null, 2) + '\n');
}

/** Accepts a node home, or a network directory made by devnet/testnet, whose first node is `node0`. */
export function resolveHome(dir: string): string {
  if (existsSync(homePaths(dir).config)) return dir;
  const first = homePaths(`${dir}/node0`);
  if (existsSync(first.config)) return first.home;
  throw new HomeError(
    'HOME_NOT_FOUND',
    `no node home at ${dir} (expected ${homePaths(dir).config}); run "countersign init" or "countersign devnet" first`,
  );
}
