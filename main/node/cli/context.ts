import { CodedError } from '../../../shared/errors.ts';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiCallError, createApiClient, type ApiClient } from '../api/index.ts';
import { resolveHome, readGenesis } from '../home/config.ts';
import { endpointFile, type Endpoint } from '../node.ts';

/** Thrown for problems the user can fix; printed as one line with its code, exit status 1. */
export class CliError extends CodedError {
  override readonly name = 'CliError';
}

/** A client for the node running from `home`, found through the endpoint file it writes when it starts. */
export function apiClientFor(homeArg: string): { client: ApiClient; home: string; chainId: string } {
  const home = resolveHome(homeArg);
  const file = endpointFile(home);
  if (!existsSync(file)) {
    throw new CliError(
      'NODE_NOT_RUNNING',
      `no node is running from ${home} (start it with "countersign start --home ${home}")`,
    );
  }
  const endpoint = JSON.parse(readFileSync(file, 'utf8')) as Endpoint;
  if (!isAlive(endpoint.pid)) {
    throw new CliError('NODE_NOT_RUNNING', `the node that ran from ${home} (pid ${endpoint.pid}) is no longer running`);
  }
  const token = readFileSync(path.join(home, 'api-token'), 'utf8').trim();
  return {
    client: createApiClient({ url: endpoint.url, token, timeoutMs: 15_000 }),
    home,
    chainId: readGenesis(home).chainId,
  };
}

/** Polls until the transaction is in a block; returns its stored result. */
export async function waitForTx(
  client: ApiClient,
  id: string,
  timeoutMs = 30_000,
): Promise<{ code: string; message?: string; height: number }> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      return (await client.call('tx.get', { id })) as { code: string; message?: string; height: number };
    } catch (err) {
      if (!(err instanceof ApiCallError) || err.code !== 'NOT_FOUND') throw err;
    }
    if (Date.now() > deadline)
      throw new CliError('TX_TIMEOUT', `transaction ${id} was not committed within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
