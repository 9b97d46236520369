import { CodedError } from '../../../shared/errors.ts';
import { RpcErrorCode } from '../../../shared/api/index.ts';

export type RpcErrorCodeValue = (typeof RpcErrorCode)[keyof typeof RpcErrorCode];

/**
 * An error a handler throws on purpose: it reaches the client as JSON-RPC error `rpcCode` with `data.code` = `code`
 * (a stable string clients switch on) and the message as written. Domain errors with their own string `code`
 * (EncodingError, LedgerError, FinanceError…) need no wrapping: the router turns them into REJECTED.
 */
export class ApiError extends CodedError {
  override readonly name = 'ApiError';
  readonly rpcCode: RpcErrorCodeValue;
  /** Dotted path of the parameter at fault, when there is one. */
  readonly field: string | undefined;

  constructor(rpcCode: RpcErrorCodeValue, code: string, message: string, field?: string) {
    super(code, message);
    this.rpcCode = rpcCode;
    this.field = field;
  }
}

/** `what` does not exist (yet): `notFound('block 12')` → "block 12 not found". */
export function notFound(what: string): ApiError {
  return new ApiError(RpcErrorCode.NOT_FOUND, 'NOT_FOUND', `${what} not found`);
}

/** The request was understood and refused for reason `code` (e.g. TX_EXPIRED, MEMPOOL_FULL). */
export function rejected(code: string, message: string, field?: string): ApiError {
  return new ApiError(RpcErrorCode.REJECTED, code, message, field);
}

/** A parameter passed the schema but is still wrong in context (e.g. a cursor from another account). */
export function invalidParams(field: string, message: string): ApiError {
  return new ApiError(RpcErrorCode.INVALID_PARAMS, 'INVALID_PARAMS', message, field);
}
