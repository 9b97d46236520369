import { z } from 'zod';

/**
 * The desktop app's own settings (not the node's: those are in the node home's config.json). Read from
 * `countersign-desktop.json` in Electron's userData folder when it exists; command-line flags override it.
 */
export const desktopConfigSchema = z.strictObject({
  /** Forget held passphrases and PINs after this many minutes without input in the app; 0 = only on screen lock. */
  idleLockMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(5),
  /** OS notifications when a proposal starts waiting for one of this node's keys. */
  notifications: z.boolean().default(true),
  /** The node home to run; when absent the app runs a demo devnet in its userData folder. */
  home: z.string().min(1).optional(),
});
export type DesktopConfig = z.output<typeof desktopConfigSchema>;

export class DesktopConfigError extends Error {
  override readonly name = 'DesktopConfigError';
  readonly code = 'DESKTOP_BAD_CONFIG';
}

/** Parses the file's text (undefined: no file). Errors name the file and the field. */
export function parseDesktopConfig(text: string | undefined, file: string): DesktopConfig {
  if (text === undefined) return desktopConfigSchema.parse({});
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DesktopConfigError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = desktopConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.join('.');
    throw new DesktopConfigError(`${file}: ${field || 'config'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** What the command line asks for: `--home DIR` | `--devnet DIR`, `--idle-lock-minutes N`, `--dev` (DevTools). */
export interface LaunchArgs {
  readonly home?: string;
  readonly devnet?: string;
  readonly idleLockMinutes?: number;
  readonly dev: boolean;
}

/** Reads our flags and ignores the rest (Chromium and Electron switches share argv). */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const value = (flag: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] ?? '';
      if (arg === flag) {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) throw new DesktopConfigError(`${flag} needs a value`);
        return next;
      }
      if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
    }
    return undefined;
  };
  const home = value('--home');
  const devnet = value('--devnet');
  if (home !== undefined && devnet !== undefined) throw new DesktopConfigError('give --home or --devnet, not both');
  const idle = value('--idle-lock-minutes');
  let idleLockMinutes: number | undefined;
  if (idle !== undefined) {
    idleLockMinutes = Number(idle);
    if (!Number.isInteger(idleLockMinutes) || idleLockMinutes < 0 || idleLockMinutes > 24 * 60) {
      throw new DesktopConfigError(`--idle-lock-minutes must be a whole number from 0 to 1440, got "${idle}"`);
    }
  }
  return {
    ...(home !== undefined && { home }),
    ...(devnet !== undefined && { devnet }),
    ...(idleLockMinutes !== undefined && { idleLockMinutes }),
    dev: argv.includes('--dev'),
  };
}
