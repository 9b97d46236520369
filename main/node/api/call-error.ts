/**
 * What API clients throw. ApiCallError: the node answered with a JSON-RPC error; `code` is data.code, the stable
 * string to switch on (NOT_FOUND, INVALID_PARAMS, TX_EXPIRED…). ApiTransportError: no usable answer at all.
 * Both carry a string `code`, which the CLI prints next to the message.
 */

export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  /** The JSON-RPC error code (RpcErrorCode). */
  readonly rpcCode: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly data: unknown;

  constructor(error: { code: number; message: string; data?: unknown }) {
    super(error.message);
    this.rpcCode = error.code;
    this.data = error.data;
    const data = (typeof error.data === 'object' && error.data !== null ? error.data : {}) as Record<string, unknown>;
    this.code = typeof data['code'] === 'string' ? data['code'] : `RPC_${error.code}`;
    this.field = typeof data['field'] === 'string' ? data['field'] : undefined;
  }
}

export type ApiTransportErrorCode = 'TIMEOUT' | 'UNREACHABLE' | 'BAD_RESPONSE' | 'CLOSED';

export class ApiTransportError extends Error {
  override readonly name = 'ApiTransportError';
  readonly code: ApiTransportErrorCode;
  constructor(code: ApiTransportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The JSON-RPC error object in a parsed response, if it has a well-formed one. */
export function rpcErrorOf(body: unknown): { code: number; message: string; data?: unknown } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = body.error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, data } = error as Record<string, unknown>;
  if (typeof code !== 'number' || typeof message !== 'string') return undefined;
  return { code, message, data };
}
