import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where the Electron binary is, if this machine has one that runs — found WITHOUT `require('electron')`: that module
 * starts a download when the binary is missing, which on our build machines hangs on the network and fails. It
 * reads the same places the module does (node_modules/electron/path.txt and dist/, or ELECTRON_OVERRIDE_DIST_PATH)
 * and then runs `electron --version` to be sure the file is a working binary.
 */
export type ElectronBinary = { found: true; path: string; version: string } | { found: false; reason: string };

export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const candidate =
    override !== undefined && override !== ''
      ? path.join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'))
      : relative !== undefined
        ? path.join(pkgDir, 'dist', relative)
        : undefined;
  if (candidate === undefined) {
    return {
      found: false,
      reason: `${path.relative(root, pathFile)} is missing: the binary was never downloaded (installs here set ELECTRON_SKIP_BINARY_DOWNLOAD=1; it cannot be downloaded)`,
    };
  }
  if (!existsSync(candidate)) return { found: false, reason: `${candidate} does not exist` };
  const run = spawnSync(candidate, ['--version'], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...env, ELECTRON_RUN_AS_NODE: '' },
  });
  if (run.status !== 0) {
    return { found: false, reason: `${candidate} --version failed (${run.error?.message ?? `exit ${run.status}`})` };
  }
  return { found: true, path: candidate, version: run.stdout.trim() };
}

/** A window needs a display: on Linux without X11 or Wayland the app cannot open one. */
export function displayProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform !== 'linux') return undefined;
  if (env['DISPLAY'] || env['WAYLAND_DISPLAY']) return undefined;
  return 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}
