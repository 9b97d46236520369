import { z } from 'zod';
import {
  apiParams,
  BRIDGE_METHODS,
  RpcErrorCode,
  type BridgeMethod,
  type BridgeResult,
  type SubscriptionTopicName,
} from '../../shared/api/index.ts';
import { describeParamsError } from '../node/api/params.ts';
import {
  apiChannel,
  SIGNER_LOCK_CHANNEL,
  SIGNER_UNLOCK_CHANNEL,
  SUBSCRIBE_CHANNEL,
  UNSUBSCRIBE_CHANNEL,
} from './channels.ts';
import { senderRefusal, type IpcEventLike, type TrustedFrames } from './sender-check.ts';
import type { SigningSession } from './signing-session.ts';
import type { SubscriptionRegistry } from './subscription-registry.ts';

/**
 * The main process's IPC handlers, generated from the shared API contract: one per method of BRIDGE_METHODS, plus
 * the subscription and signing-session channels. Each handler first checks who sent the message (sender-check.ts),
 * then validates the arguments with the method's zod schema, naming the first bad field, and only then forwards the
 * call to the node. Every answer is a BridgeResult; nothing throws across IPC. No electron import: main.ts hands
 * these to ipcMain.handle, tests call them with fake events.
 */

export type IpcHandler = (event: IpcEventLike, ...args: unknown[]) => Promise<BridgeResult>;

export interface IpcRoute {
  readonly channel: string;
  readonly handle: IpcHandler;
}

export interface IpcApiOptions {
  readonly trusted: TrustedFrames;
  /** Sends a validated call to the node and returns its answer. */
  readonly forward: (method: BridgeMethod, params: Record<string, unknown>) => Promise<BridgeResult>;
  readonly subscriptions: SubscriptionRegistry;
  readonly session: SigningSession;
  /** Where refusals are reported (a refused sender is a bug or an attack, worth a line in the log). */
  readonly onRefused?: (channel: string, reason: string) => void;
}

const schemas = apiParams as unknown as Record<BridgeMethod, z.ZodType>;
const topicParams = apiParams.subscribe;
const unlockParams = z.strictObject({
  signer: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'signer must be a key label'),
  secret: z.string().min(1).max(1024),
});
const noParams = z.strictObject({});

export function failure(code: number, dataCode: string, message: string, field?: string): BridgeResult {
  return {
    ok: false,
    error: { code, message, data: field === undefined ? { code: dataCode } : { code: dataCode, field } },
  };
}

/** Methods whose params name a signing key and may carry its secret: the session can supply the secret. */
export function signsWithKey(method: BridgeMethod): boolean {
  const shape = (schemas[method] as { shape?: Record<string, unknown> }).shape;
  return shape !== undefined && 'signer' in shape && 'secret' in shape;
}

export function ipcRoutes(opts: IpcApiOptions): IpcRoute[] {
  const guarded =
    (channel: string, body: (event: IpcEventLike, params: unknown) => Promise<BridgeResult> | BridgeResult) =>
    async (event: IpcEventLike, ...args: unknown[]): Promise<BridgeResult> => {
      const refusal = senderRefusal(event, opts.trusted);
      if (refusal !== undefined) {
        opts.onRefused?.(channel, refusal);
        return failure(RpcErrorCode.UNAUTHORIZED, 'IPC_FORBIDDEN_SENDER', `IPC refused: ${refusal}`);
      }
      if (args.length > 1) {
        return failure(
          RpcErrorCode.INVALID_PARAMS,
          'INVALID_PARAMS',
          'params: one object of named parameters expected',
        );
      }
      try {
        return await body(event, args.length === 0 ? {} : args[0]);
      } catch (err) {
        opts.onRefused?.(channel, `handler failed: ${(err as Error).message}`);
        return failure(RpcErrorCode.INTERNAL_ERROR, 'INTERNAL_ERROR', `${channel}: internal error`);
      }
    };

  const routes: IpcRoute[] = BRIDGE_METHODS.map((method) => {
    const schema = schemas[method];
    const withSecret = signsWithKey(method);
    return {
      channel: apiChannel(method),
      handle: guarded(apiChannel(method), (_event, raw) => {
        const params = withSecret ? withHeldSecret(raw, opts.session) : raw;
        const invalid = validate(schema, params);
        if (invalid !== undefined) return invalid;
        // The raw (validated) params go on, not zod's output: the node parses them again with the same schema, and
        // the output may hold branded or transformed values that are not plain JSON.
        return opts.forward(method, params as Record<string, unknown>);
      }),
    };
  });

  routes.push(
    {
      channel: SUBSCRIBE_CHANNEL,
      handle: guarded(SUBSCRIBE_CHANNEL, (event, raw) => {
        const invalid = validate(topicParams, raw);
        if (invalid !== undefined) return invalid;
        const { topic } = raw as { topic: SubscriptionTopicName };
        opts.subscriptions.add(event.sender.id, topic);
        return { ok: true, value: { topic } };
      }),
    },
    {
      channel: UNSUBSCRIBE_CHANNEL,
      handle: guarded(UNSUBSCRIBE_CHANNEL, (event, raw) => {
        const invalid = validate(topicParams, raw);
        if (invalid !== undefined) return invalid;
        const { topic } = raw as { topic: SubscriptionTopicName };
        return { ok: true, value: opts.subscriptions.remove(event.sender.id, topic) };
      }),
    },
    {
      channel: SIGNER_UNLOCK_CHANNEL,
      handle: guarded(SIGNER_UNLOCK_CHANNEL, (_event, raw) => {
        const invalid = validate(unlockParams, raw);
        if (invalid !== undefined) return invalid;
        const { signer, secret } = raw as z.output<typeof unlockParams>;
        opts.session.hold(signer, secret);
        return { ok: true, value: { signer, held: true } };
      }),
    },
    {
      channel: SIGNER_LOCK_CHANNEL,
      handle: guarded(SIGNER_LOCK_CHANNEL, (_event, raw) => {
        const invalid = validate(noParams, raw);
        if (invalid !== undefined) return invalid;
        opts.session.lock('user');
        return { ok: true, value: { locked: true } };
      }),
    },
  );
  return routes;
}

function validate(schema: z.ZodType, params: unknown): BridgeResult | undefined {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return failure(RpcErrorCode.INVALID_PARAMS, 'INVALID_PARAMS', 'params must be an object of named parameters');
  }
  const parsed = schema.safeParse(params);
  if (parsed.success) return undefined;
  const { field, message } = describeParamsError(parsed.error);
  return failure(RpcErrorCode.INVALID_PARAMS, 'INVALID_PARAMS', message, field);
}

function withHeldSecret(raw: unknown, session: SigningSession): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const params = raw as Record<string, unknown>;
  if (typeof params['signer'] !== 'string' || params['secret'] !== undefined) return raw;
  const secret = session.secretFor(params['signer']);
  return secret === undefined ? raw : { ...params, secret };
}
