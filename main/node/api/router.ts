import type { z } from 'zod';
import { apiParams, RpcErrorCode, type ApiMethod, type ApiParams } from '../../../shared/api/index.ts';
import { ApiError, rejected } from './errors.ts';
import { consoleLog, type ApiLog, type Session } from './interface.ts';
import { toJsonValue } from './json.ts';
import {
  errorResponse,
  parseError,
  resultResponse,
  type JsonRpcErrorObject,
  type JsonRpcId,
  type JsonRpcResponse,
} from './jsonrpc.ts';
import { describeParamsError } from './params.ts';

/**
 * The one API router: JSON-RPC 2.0 over whatever carries it. It validates the envelope and the method's params,
 * calls the handler with parsed (branded) params, makes the result JSON-safe and maps every failure to an error
 * response. It never throws and never sees a socket, so HTTP, WebSocket and Electron IPC share it.
 */

export type ApiHandlers = {
  [M in ApiMethod]?: (params: ApiParams<M>, session: Session) => unknown;
};

export type RouterResponse = JsonRpcResponse | JsonRpcResponse[] | undefined;

export interface ApiRouter {
  /** A parsed request or batch; undefined when nothing is to be sent back (notifications only). */
  handle(message: unknown, session: Session): Promise<RouterResponse>;
  /** The same from raw text, answering PARSE_ERROR for text that is not JSON. */
  handleText(text: string, session: Session): Promise<RouterResponse>;
}

/** Bounds the work one request can ask for; a client wanting more sends more requests. */
export const MAX_BATCH = 50;

type AnyHandler = (params: unknown, session: Session) => unknown;
const schemas = apiParams as Record<string, z.ZodType>;

/** subscribe/unsubscribe belong to the transport: they work wherever the session can push. */
const transportHandlers: ApiHandlers = {
  subscribe: (params, session) => {
    if (session.subscribe === undefined) {
      throw rejected(
        'NEEDS_WEBSOCKET',
        `subscriptions need a connection that can push (WebSocket), not ${session.transport}`,
      );
    }
    return session.subscribe(params.topic);
  },
  unsubscribe: (params, session) => {
    if (session.unsubscribe === undefined) {
      throw rejected(
        'NEEDS_WEBSOCKET',
        `subscriptions need a connection that can push (WebSocket), not ${session.transport}`,
      );
    }
    return session.unsubscribe(params.subscription);
  },
};

export interface RouterOptions {
  readonly log?: ApiLog;
  /** Each call of a method of the contract, with its outcome: 'ok' or the error's code string (metrics). */
  readonly onCall?: (method: string, result: string) => void;
}

export function createRouter(handlers: ApiHandlers, opts: RouterOptions = {}): ApiRouter {
  const log = opts.log ?? consoleLog;
  const onCall = opts.onCall ?? (() => {});
  const table = { ...transportHandlers, ...handlers } as Record<string, AnyHandler | undefined>;

  async function handleOne(entry: unknown, session: Session): Promise<JsonRpcResponse | undefined> {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return invalidRequest(null, 'a request must be an object');
    }
    const request = entry as Record<string, unknown>;
    const hasId = Object.hasOwn(request, 'id');
    const id = request['id'];
    const idOk = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) || id === null;
    const replyId: JsonRpcId = hasId && idOk ? (id as JsonRpcId) : null;
    if (request['jsonrpc'] !== '2.0') return invalidRequest(replyId, 'jsonrpc must be "2.0"');
    if (hasId && !idOk) return invalidRequest(null, 'id must be a string, a number or null');
    const method = request['method'];
    if (typeof method !== 'string') return invalidRequest(replyId, 'method must be a string');
    const rawParams = Object.hasOwn(request, 'params') ? request['params'] : {};
    if (typeof rawParams !== 'object' || rawParams === null) {
      return invalidRequest(replyId, 'params must be an object');
    }

    // A request without an id is a notification: it runs, but nothing is sent back, not even an error.
    const reply = (response: JsonRpcResponse) => (hasId ? response : undefined);

    // hasOwn, not `in`: a method named "constructor" or "__proto__" must not reach Object.prototype.
    const schema = Object.hasOwn(schemas, method) ? schemas[method] : undefined;
    const handler = Object.hasOwn(table, method) ? table[method] : undefined;
    if (schema === undefined || handler === undefined) {
      const shown = method.length > 80 ? `${method.slice(0, 80)}…` : method;
      return reply(
        errorResponse(replyId, RpcErrorCode.METHOD_NOT_FOUND, `Method not found: ${shown}`, {
          code: 'METHOD_NOT_FOUND',
        }),
      );
    }
    if (Array.isArray(rawParams)) {
      return reply(invalidParams(replyId, undefined, 'params must be an object of named parameters'));
    }
    const parsed = schema.safeParse(rawParams);
    if (!parsed.success) {
      const { field, message } = describeParamsError(parsed.error);
      onCall(method, 'INVALID_PARAMS');
      return reply(invalidParams(replyId, field, message));
    }

    try {
      const result: unknown = await handler(parsed.data, session);
      onCall(method, 'ok');
      return reply(resultResponse(replyId, toJsonValue(result ?? null)));
    } catch (err) {
      const error = errorFor(err, method, log);
      onCall(method, (error.data as { code: string }).code);
      return reply(errorResponse(replyId, error.code, error.message, error.data));
    }
  }

  async function handle(message: unknown, session: Session): Promise<RouterResponse> {
    try {
      if (!Array.isArray(message)) return await handleOne(message, session);
      if (message.length === 0) return invalidRequest(null, 'a batch must not be empty');
      if (message.length > MAX_BATCH) {
        return errorResponse(null, RpcErrorCode.TOO_LARGE, `a batch holds at most ${MAX_BATCH} requests`, {
          code: 'BATCH_TOO_LARGE',
        });
      }
      // One after another, in order: entries may depend on each other (two transactions from one signer).
      const responses: JsonRpcResponse[] = [];
      for (const entry of message) {
        const response = await handleOne(entry, session);
        if (response !== undefined) responses.push(response);
      }
      return responses.length > 0 ? responses : undefined;
    } catch (err) {
      // Unreachable by design (handleOne catches); kept so a transport can rely on handle never rejecting.
      log.error('api: router failure', err);
      return errorResponse(null, RpcErrorCode.INTERNAL_ERROR, 'Internal error', { code: 'INTERNAL_ERROR' });
    }
  }

  async function handleText(text: string, session: Session): Promise<RouterResponse> {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return parseError();
    }
    return handle(message, session);
  }

  return { handle, handleText };
}

function invalidRequest(id: JsonRpcId, why: string): JsonRpcResponse {
  return errorResponse(id, RpcErrorCode.INVALID_REQUEST, `Invalid request: ${why}`, { code: 'INVALID_REQUEST' });
}

function invalidParams(id: JsonRpcId, field: string | undefined, message: string): JsonRpcResponse {
  return errorResponse(id, RpcErrorCode.INVALID_PARAMS, `Invalid params: ${message}`, {
    code: 'INVALID_PARAMS',
    ...(field === undefined ? {} : { field }),
    message,
  });
}

/**
 * What a thrown value becomes. Only deliberate refusals reach the client with their message: ApiError, and domain
 * errors carrying a stable string code. Everything else is a bug or an environment failure; its message may hold
 * paths or internals, so the client gets a generic INTERNAL_ERROR and the operator gets the real error in the log.
 */
function errorFor(err: unknown, method: string, log: ApiLog): JsonRpcErrorObject {
  if (err instanceof ApiError) {
    const withMessage = err.rpcCode === RpcErrorCode.INVALID_PARAMS ? { message: err.message } : {};
    return {
      code: err.rpcCode,
      message: err.message,
      data: { code: err.code, ...(err.field === undefined ? {} : { field: err.field }), ...withMessage },
    };
  }
  if (isDomainError(err)) {
    const field = (err as { field?: unknown }).field;
    return {
      code: RpcErrorCode.REJECTED,
      message: err.message,
      data: { code: err.code, ...(typeof field === 'string' ? { field } : {}) },
    };
  }
  log.error(`api: ${method} failed`, err);
  return { code: RpcErrorCode.INTERNAL_ERROR, message: 'Internal error', data: { code: 'INTERNAL_ERROR' } };
}

/**
 * An Error with a domain code (EncodingError, LedgerError, FinanceError, CryptoError, StorageError…). Node's own
 * system errors (ENOENT, with errno/syscall), its internal ERR_* codes, undici's UND_ERR_* and SQLite's SQLITE_* also
 * carry string codes, but they are failures of this machine, not refusals of the request.
 */
function isDomainError(err: unknown): err is Error & { code: string } {
  if (!(err instanceof Error)) return false;
  const { code } = err as { code?: unknown };
  if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]{0,63}$/.test(code)) return false;
  if ('errno' in err || 'syscall' in err) return false;
  return !/^(?:ERR_|UND_ERR_|SQLITE_|ABORT_ERR$)/.test(code);
}
