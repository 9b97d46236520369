import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CliError } from './context.ts';

/**
 * Passphrases and PINs: asked for when needed and never stored. Non-interactive use (scripts, tests) passes them
 * through an environment variable or a file; otherwise they are read from the terminal without echo.
 */
export async function askSecret(what: string, opts: { env: string; file?: string | undefined }): Promise<string> {
  if (opts.file !== undefined) return readFileSync(opts.file, 'utf8').replace(/\r?\n$/, '');
  const fromEnv = process.env[opts.env];
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new CliError('SECRET_REQUIRED', `${what} needed: set ${opts.env} or pass a file (no terminal to ask on)`);
  }
  return promptHidden(`${what}: `);
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const mute = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(question);
    mute._writeToOutput = () => {}; // do not echo what is typed
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/** Asks a yes/no question on the terminal; `assumeYes` (the --yes flag) answers for scripts. */
export async function confirm(question: string, assumeYes: boolean): Promise<boolean> {
  if (assumeYes) return true;
  if (!process.stdin.isTTY) {
    throw new CliError('CONFIRMATION_REQUIRED', 'no terminal to confirm on: review the summary and pass --yes');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}
