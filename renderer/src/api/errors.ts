/**
 * A failed API call, the same whichever transport carried it: the JSON-RPC error code, our string code when the node
 * gave one (TX_EXPIRED, KEYSTORE_BAD_PASSPHRASE, ...), the field at fault, and the node's message.
 */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  readonly rpcCode: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(rpcCode: number, message: string, data?: unknown) {
    super(message);
    this.rpcCode = rpcCode;
    const d = (typeof data === 'object' && data !== null ? data : {}) as { code?: unknown; field?: unknown };
    this.code = typeof d.code === 'string' ? d.code : 'ERROR';
    this.field = typeof d.field === 'string' ? d.field : undefined;
  }
}

/** The connection to the node was lost before the answer came: the call may or may not have taken effect. */
export const CONNECTION_LOST = -1;
/** No answer in time. */
export const TIMED_OUT = -2;
