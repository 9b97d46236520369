import { RpcErrorCode } from '../../../shared/api/index.ts';
import type { RpcErrorCodeValue } from './errors.ts';
import type { JsonValue } from './json.ts';

/** JSON-RPC 2.0 wire shapes (https://www.jsonrpc.org/specification) as this API sends them. */

export type JsonRpcId = string | number | null;

/** Every error we send carries `data.code`: a stable string (ours or the name of the standard code). */
export interface RpcErrorData {
  code: string;
  field?: string;
  message?: string;
}

export interface JsonRpcErrorObject {
  code: RpcErrorCodeValue;
  message: string;
  data: RpcErrorData;
}

export type JsonRpcResponse =
  { jsonrpc: '2.0'; id: JsonRpcId; result: JsonValue } | { jsonrpc: '2.0'; id: JsonRpcId; error: JsonRpcErrorObject };

/**
 * A server push for a subscription (a notification: it has no id and expects no answer). Before serialisation the
 * result is the node's raw event (`T = unknown`); stringifyJson makes it JSON.
 */
export interface SubscriptionNotification<T = JsonValue> {
  jsonrpc: '2.0';
  method: 'subscription';
  params: { subscription: string; result: T };
}

export function resultResponse(id: JsonRpcId, result: JsonValue): JsonRpcResponse {
  return { jsonrpc: '2.0', id, result };
}

export function errorResponse(
  id: JsonRpcId,
  code: RpcErrorCodeValue,
  message: string,
  data: RpcErrorData,
): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: { code, message, data } };
}

/** The standard errors, with `data.code` set to the code's name so clients can always switch on data.code. */
export const parseError = (message = 'Parse error: the body is not valid JSON'): JsonRpcResponse =>
  errorResponse(null, RpcErrorCode.PARSE_ERROR, message, { code: 'PARSE_ERROR' });

export const unauthorized = (): JsonRpcResponse =>
  errorResponse(null, RpcErrorCode.UNAUTHORIZED, 'Unauthorized: send "Authorization: Bearer <api token>"', {
    code: 'UNAUTHORIZED',
  });

export const tooLarge = (maxBytes: number): JsonRpcResponse =>
  errorResponse(null, RpcErrorCode.TOO_LARGE, `Request too large: the limit is ${maxBytes} bytes`, {
    code: 'TOO_LARGE',
  });
