import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * The API token: whoever can read `<home>/api-token` can call the node's API (the CLI, scripts, the browser
 * console). So it is created readable by its owner only, and an existing file readable by others is tightened.
 */

export const TOKEN_FILE = 'api-token';
const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

export class ApiTokenError extends Error {
  override readonly name = 'ApiTokenError';
  readonly code = 'API_TOKEN_INVALID';
}

export function loadOrCreateToken(home: string): string {
  const file = path.join(home, TOKEN_FILE);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const created = tryCreate(file);
  if (created !== undefined) return created;

  const stat = lstatSync(file);
  if (!stat.isFile()) throw new ApiTokenError(`${file} is not a regular file; remove it to have a new token made`);
  // Windows has no POSIX modes (Node reports 0o666); the user profile's ACLs protect the file there.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) chmodSync(file, 0o600);

  const token = readFileSync(file, 'utf8').trim();
  if (!TOKEN_PATTERN.test(token)) {
    const what = token.length === 0 ? 'is empty' : 'is not 64 lower-case hex digits';
    throw new ApiTokenError(`${file} ${what}; delete it to have a new token made (clients will need the new one)`);
  }
  return token;
}

/** Creates the file with a new token, or returns undefined when it already exists ('wx' never overwrites). */
function tryCreate(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw err;
  }
  const token = randomBytes(32).toString('hex');
  try {
    writeSync(fd, `${token}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return token;
}
