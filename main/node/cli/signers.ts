import type { Command } from 'commander';
import { resolveHome } from '../home/config.ts';
import type { Signer } from '../signer/interface.ts';
import { openHomeSigner, openKeyFileAlone, type SecretPrompts } from '../signer/registry.ts';
import { CliError } from './context.ts';
import { askSecret } from './secrets.ts';

export interface SignerOptions {
  home?: string;
  signer?: string;
  keyFile?: string;
  passphraseFile?: string;
  pinFile?: string;
}

/** The options every signing command takes to choose its key and supply its secret. */
export function addSignerOptions(cmd: Command, opts: { homeRequired?: boolean } = {}): Command {
  const withHome = opts.homeRequired
    ? cmd.requiredOption('--home <dir>', 'node home or network directory')
    : cmd.option('--home <dir>', 'a node home whose keys/ holds the signer (the node need not run)');
  return withHome
    .option('--signer <label>', 'the signing key, by label, in the home (countersign keys list)')
    .option('--key-file <file>', 'a key file on its own (an offline signing machine needs nothing else)')
    .option(
      '--passphrase-file <file>',
      'read the keystore passphrase from a file (else COUNTERSIGN_PASSPHRASE or a prompt)',
    )
    .option('--pin-file <file>', 'read the token PIN from a file (else COUNTERSIGN_PIN or a prompt)');
}

export function secretPrompts(opts: SignerOptions): SecretPrompts {
  return {
    passphrase: (label) =>
      askSecret(`Passphrase for key "${label}"`, { env: 'COUNTERSIGN_PASSPHRASE', file: opts.passphraseFile }),
    pin: (token) => askSecret(`PIN for token "${token}"`, { env: 'COUNTERSIGN_PIN', file: opts.pinFile }),
  };
}

/** Opens the key named by the options (a key in a home by label, or a key file on its own). */
export async function openSignerFromOptions(opts: SignerOptions): Promise<Signer> {
  if (opts.keyFile !== undefined) return openKeyFileAlone(opts.keyFile, secretPrompts(opts));
  if (opts.signer === undefined || opts.home === undefined) {
    throw new CliError('SIGNER_REQUIRED', 'choose a key: --key-file FILE, or --home DIR --signer LABEL');
  }
  return openHomeSigner(resolveHome(opts.home), opts.signer, secretPrompts(opts));
}

/** Ends a hardware session when the command is done with the key. */
export function release(signer: Signer): void {
  (signer as { close?: () => void }).close?.();
}
