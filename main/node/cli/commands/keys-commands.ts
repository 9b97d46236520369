import path from 'node:path';
import type { Command } from 'commander';
import { bytesToHex, SCHEMES, type Scheme } from '../../../../shared/crypto/index.ts';
import { resolveHome } from '../../home/config.ts';
import { createKeystore } from '../../signer/keystore/index.ts';
import { generateKeyPair, listSlots, openSession } from '../../signer/pkcs11/index.ts';
import {
  checkLabel,
  findHomeKey,
  keyFolders,
  listHomeKeys,
  writePkcs11Ref,
  type KeyEntry,
} from '../../signer/registry.ts';
import { CliError } from '../context.ts';
import { toJson } from '../json.ts';
import { askSecret } from '../secrets.ts';

const show = (k: KeyEntry) => ({
  label: k.label,
  id: k.id,
  backend: k.kind === 'dev' ? 'dev-file' : k.kind,
  scheme: k.scheme,
  publicKey: bytesToHex(k.publicKey),
  file: k.file,
});

function scheme(value: string): Scheme {
  if (!(SCHEMES as readonly string[]).includes(value)) {
    throw new CliError('BAD_ARGUMENT', `--scheme must be one of ${SCHEMES.join(', ')}, got "${value}"`);
  }
  return value as Scheme;
}

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('signatory keys: software keystores and PKCS#11 tokens');

  keys
    .command('create')
    .description('create a key: an encrypted software keystore, or a key pair generated on a PKCS#11 token')
    .requiredOption('--home <dir>', 'node home that will know the key by its label')
    .requiredOption('--label <label>', 'a name for the key, e.g. treasury-alice')
    .option('--backend <backend>', 'software | pkcs11', 'software')
    .option('--scheme <scheme>', 'ed25519 | p256', 'ed25519')
    .option('--module <path>', 'PKCS#11 library (pkcs11 backend)', '/usr/lib/softhsm/libsofthsm2.so')
    .option('--token <label>', 'token label (pkcs11 backend)')
    .option('--passphrase-file <file>', 'read the new passphrase from a file (else COUNTERSIGN_PASSPHRASE or a prompt)')
    .option('--pin-file <file>', 'read the token PIN from a file (else COUNTERSIGN_PIN or a prompt)')
    .action(
      async (opts: {
        home: string;
        label: string;
        backend: string;
        scheme: string;
        module: string;
        token?: string;
        passphraseFile?: string;
        pinFile?: string;
      }) => {
        const home = resolveHome(opts.home);
        checkLabel(opts.label);
        if (listHomeKeys(home).some((k) => k.label === opts.label)) {
          throw new CliError('KEY_EXISTS', `the home already has a key labelled "${opts.label}"`);
        }
        const chosen = scheme(opts.scheme);
        if (opts.backend === 'software') {
          const passphrase = await askSecret(`New passphrase for "${opts.label}"`, {
            env: 'COUNTERSIGN_PASSPHRASE',
            file: opts.passphraseFile,
          });
          const file = path.join(keyFolders(home).software, `${opts.label}.json`);
          createKeystore(file, { label: opts.label, scheme: chosen, passphrase });
        } else if (opts.backend === 'pkcs11') {
          if (opts.token === undefined) throw new CliError('BAD_ARGUMENT', '--token is required with --backend pkcs11');
          const pin = await askSecret(`PIN for token "${opts.token}"`, { env: 'COUNTERSIGN_PIN', file: opts.pinFile });
          const session = openSession(opts.module, opts.token, pin);
          try {
            const key = generateKeyPair(session, { scheme: chosen, label: opts.label });
            writePkcs11Ref(home, {
              label: opts.label,
              module: opts.module,
              token: opts.token,
              keyLabel: opts.label,
              scheme: chosen,
              publicKey: bytesToHex(key.publicKey),
            });
          } finally {
            session.close();
          }
        } else {
          throw new CliError('BAD_ARGUMENT', `--backend must be software or pkcs11, got "${opts.backend}"`);
        }
        console.log(toJson(show(findHomeKey(home, opts.label))));
      },
    );

  keys
    .command('list')
    .description('the keys a home knows: label, id (the signatory id), backend, scheme, public key')
    .requiredOption('--home <dir>', 'node home or network directory')
    .action((opts: { home: string }) => {
      console.log(toJson(listHomeKeys(resolveHome(opts.home)).map(show)));
    });

  keys
    .command('show')
    .description('one key of the home')
    .argument('<label>', 'key label')
    .requiredOption('--home <dir>', 'node home or network directory')
    .action((label: string, opts: { home: string }) => {
      console.log(toJson(show(findHomeKey(resolveHome(opts.home), label))));
    });

  keys
    .command('pkcs11')
    .description('PKCS#11 tokens')
    .command('slots')
    .description('the slots of a PKCS#11 library and the tokens in them, as JSON')
    .requiredOption('--module <path>', 'PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so')
    .action((opts: { module: string }) => {
      console.log(toJson(listSlots(opts.module)));
    });
}
