import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const CLI = path.join(import.meta.dirname, '../../main/node/cli/countersign.ts');
const run = promisify(execFile);

/** Extra environment for a CLI run (a PIN, a passphrase); logs are always silenced. */
export type CliEnv = Record<string, string>;

/** Runs `countersign ARGS` as a user would, in its own process; returns stdout and stderr. */
export function countersignRaw(args: readonly string[], env: CliEnv = {}) {
  return run(process.execPath, [CLI, ...args], { env: { ...process.env, COUNTERSIGN_LOG: 'silent', ...env } });
}

/** Runs `countersign ARGS` and returns its JSON output. */
export async function countersign(args: readonly string[], env: CliEnv = {}): Promise<Record<string, unknown>> {
  return JSON.parse((await countersignRaw(args, env)).stdout) as Record<string, unknown>;
}

/** Runs `countersign ARGS`, which must fail; returns its exit code and the one-line error it printed. */
export async function countersignFails(
  args: readonly string[],
  env: CliEnv = {},
): Promise<{ code: number; stderr: string }> {
  try {
    await countersignRaw(args, env);
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
  throw new Error(`countersign ${args.join(' ')} succeeded but should have failed`);
}

export const CLI_PATH = CLI;
