import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveHome } from '../home/config.ts';
import { homePaths } from '../home/layout.ts';
import { listKeyFiles, loadKeyFile } from '../keys/key-file.ts';
import type { Signer } from '../signer/interface.ts';
import { CliError } from './context.ts';

export interface SignerOptions {
  home?: string;
  signer?: string;
  keyFile?: string;
}

/** The options every signing command takes to choose its key. */
export function addSignerOptions(cmd: Command): Command {
  return cmd
    .option('--home <dir>', 'a node home whose keys/ holds the signer (the node need not run)')
    .option('--signer <label>', 'the signing key, by label, in --home')
    .option('--key-file <file>', 'a key file on its own (an offline signing machine needs nothing else)');
}

/** Opens the key named by the options. */
export async function openSignerFromOptions(opts: SignerOptions): Promise<Signer> {
  if (opts.keyFile !== undefined) return openKeyFile(opts.keyFile);
  if (opts.signer === undefined || opts.home === undefined) {
    throw new CliError('SIGNER_REQUIRED', 'choose a key: --key-file FILE, or --home DIR --signer LABEL');
  }
  return openHomeSigner(resolveHome(opts.home), opts.signer);
}

/** A key file of any kind Countersign writes. */
export async function openKeyFile(file: string): Promise<Signer> {
  if (!existsSync(file)) throw new CliError('UNKNOWN_SIGNER', `no key file at ${file}`);
  return loadKeyFile(file);
}

/** A signer kept in a node home, by label: a development key file. */
export async function openHomeSigner(home: string, label: string): Promise<Signer> {
  const dir = homePaths(home).signatoryKeys;
  const file = path.join(dir, `${label}.json`);
  if (existsSync(file)) return loadKeyFile(file);
  const known = listKeyFiles(dir);
  throw new CliError(
    'UNKNOWN_SIGNER',
    `no key "${label}" in ${dir}${known.length ? `; known: ${known.join(', ')}` : ''}`,
  );
}
