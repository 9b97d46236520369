import { z } from 'zod';
import type { BridgeResult } from '../../shared/api/index.ts';

/**
 * Messages between the main process and the node host (a utility process running CountersignNode). The node's
 * SQLite work, signature verification and block production happen there, so none of it can stall the window or
 * the main process's event loop. Messages are structured-cloned; the main process validates what comes back.
 */

export type ToHost =
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly params: unknown }
  | { readonly type: 'stop' };

const topic = z.enum(['blocks', 'proposals']);
const jsonRpcError = z.object({
  code: z.number().int(),
  message: z.string(),
  data: z.unknown().optional(),
});

export const fromHostSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    home: z.string(),
    chainId: z.string(),
    height: z.number().int().min(0),
    /** The node's own loopback JSON-RPC endpoint (for the CLI and scripts while the app runs). */
    apiUrl: z.string().nullable(),
    /** The devnet was created by this start (demo data seeded). */
    created: z.boolean(),
  }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    response: z.union([z.object({ result: z.unknown() }).loose(), z.object({ error: jsonRpcError }).loose()]),
  }),
  z.object({ type: z.literal('event'), topic, payload: z.unknown() }),
  z.object({ type: z.literal('fatal'), code: z.string(), message: z.string() }),
]);

export type FromHost = z.output<typeof fromHostSchema>;
export type ReadyMessage = Extract<FromHost, { type: 'ready' }>;
type ResultMessage = Extract<FromHost, { type: 'result' }>;

/** A JSON-RPC response as a bridge result: `{ok: true, value}` or `{ok: false, error}` with the node's error as is. */
export function toBridgeResult(response: ResultMessage['response']): BridgeResult {
  if ('error' in response && response.error !== undefined) {
    const { code, message, data } = response.error as z.output<typeof jsonRpcError>;
    return { ok: false, error: data === undefined ? { code, message } : { code, message, data } };
  }
  return { ok: true, value: (response as { result: unknown }).result };
}

/** Arguments main passes to the host process (argv after the script). */
export interface HostArgs {
  /** An existing node home (or a network directory whose first node is node0). */
  readonly home?: string;
  /** A devnet directory: created with demo data on first start, resumed after. */
  readonly devnet?: string;
}

export function hostArgv(args: HostArgs): string[] {
  if (args.home !== undefined) return ['--home', args.home];
  if (args.devnet !== undefined) return ['--devnet', args.devnet];
  throw new TypeError('the node host needs --home or --devnet');
}

export function parseHostArgv(argv: readonly string[]): HostArgs {
  const at = (flag: string) => {
    const i = argv.indexOf(flag);
    const value = i >= 0 ? argv[i + 1] : undefined;
    return value === undefined || value.startsWith('--') ? undefined : value;
  };
  const home = at('--home');
  if (home !== undefined) return { home };
  const devnet = at('--devnet');
  if (devnet !== undefined) return { devnet };
  throw new TypeError('the node host needs --home DIR or --devnet DIR');
}
