/**
 * The base of every expected, explainable failure in Countersign: a stable machine-readable `code` (what tests,
 * clients, the API's `data.code` and other nodes rely on) and a message for a person. Each domain defines its own
 * code list and subclass (EncodingError, CryptoError, FinanceError, LedgerError, ...); anything thrown that is not a
 * CodedError is a bug.
 */
export class CodedError<C extends string = string> extends Error {
  readonly code: C;
  constructor(code: C, message: string) {
    super(message);
    this.code = code;
  }
}
