import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeModule, isModuleLoaded } from '../../main/node/signer/pkcs11/module.ts';

/**
 * Private SoftHSM2 tokens for a test file.
 *
 * SoftHSM reads SOFTHSM2_CONF once, when the module is C_Initialized, and it never sees tokens created after that.
 * So: call this once per test file (node --test runs each file in its own process), before anything opens the
 * module, and name every token the file needs up front. cleanup() finalises the module and removes the tokens.
 */

const INSTALL_HINT =
  'SoftHSM2 is required for the PKCS#11 tests: apt-get install -y --no-install-recommends softhsm2 opensc ' +
  '(or set SOFTHSM2_MODULE to libsofthsm2.so)';

const MODULE_CANDIDATES = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib64/pkcs11/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
  '/opt/homebrew/lib/softhsm/libsofthsm2.so',
];

export interface SoftHsmToken {
  readonly modulePath: string;
  /** The first token's label, PIN and SO PIN. */
  readonly tokenLabel: string;
  readonly pin: string;
  readonly soPin: string;
  /** Path of the softhsm2.conf, also in process.env.SOFTHSM2_CONF. */
  readonly conf: string;
  readonly dir: string;
  cleanup(): void;
}

export interface SoftHsmOptions {
  readonly label?: string;
  readonly pin?: string;
  readonly soPin?: string;
  /** More tokens in the same store, with the same PINs (SoftHSM cannot add them once loaded). */
  readonly extraLabels?: readonly string[];
}

export function softHsmModulePath(): string {
  const fromEnv = process.env['SOFTHSM2_MODULE'];
  const found = fromEnv ?? MODULE_CANDIDATES.find((p) => existsSync(p));
  if (!found || !existsSync(found)) throw new Error(`libsofthsm2.so not found. ${INSTALL_HINT}`);
  return found;
}

export function createSoftHsmToken(options: SoftHsmOptions = {}): SoftHsmToken {
  const modulePath = softHsmModulePath();
  if (isModuleLoaded(modulePath)) {
    throw new Error(
      'SoftHSM is already loaded in this process and has read its configuration; create the tokens before ' +
        'opening the module, once per test file',
    );
  }
  requireSoftHsmUtil();
  const label = options.label ?? 'countersign-test';
  const pin = options.pin ?? '1234';
  const soPin = options.soPin ?? '5678';

  const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-softhsm-'));
  const tokens = path.join(dir, 'tokens');
  mkdirSync(tokens);
  const conf = path.join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  // Before the module's first C_Initialize in this process: that is when SoftHSM reads it.
  process.env['SOFTHSM2_CONF'] = conf;

  for (const tokenLabel of [label, ...(options.extraLabels ?? [])]) {
    execFileSync('softhsm2-util', ['--init-token', '--free', '--label', tokenLabel, '--so-pin', soPin, '--pin', pin], {
      env: { ...process.env, SOFTHSM2_CONF: conf },
      stdio: 'pipe',
    });
  }

  return {
    modulePath,
    tokenLabel: label,
    pin,
    soPin,
    conf,
    dir,
    cleanup() {
      closeModule(modulePath);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function requireSoftHsmUtil(): void {
  try {
    execFileSync('softhsm2-util', ['--version'], { stdio: 'pipe' });
  } catch (err) {
    throw new Error(`softhsm2-util did not run (${(err as Error).message}). ${INSTALL_HINT}`, { cause: err });
  }
}
