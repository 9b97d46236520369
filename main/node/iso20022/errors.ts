import { CodedError } from '../../../shared/errors.ts';

export const Iso20022ErrorCode = {
  /** Not well-formed XML, or not the expected message (root element, namespace). */
  XML_MALFORMED: 'ISO20022_XML_MALFORMED',
  /** An element is missing, repeated where it may not be, or has a value the schema does not allow. */
  INVALID_ELEMENT: 'ISO20022_INVALID_ELEMENT',
  /** Well-formed and valid, but it names something the ledger does not have (an account, a currency asset). */
  NOT_ON_LEDGER: 'ISO20022_NOT_ON_LEDGER',
} as const;
export type Iso20022ErrorCode = (typeof Iso20022ErrorCode)[keyof typeof Iso20022ErrorCode];

/** A refused ISO 20022 file. `element` is the path of the offending element, e.g. CdtTrfTxInf[2]/IntrBkSttlmAmt. */
export class Iso20022Error extends CodedError<Iso20022ErrorCode> {
  override readonly name = 'Iso20022Error';
  readonly element: string;
  constructor(code: Iso20022ErrorCode, element: string, problem: string) {
    super(code, element === '' ? problem : `${element}: ${problem}`);
    this.element = element;
  }
}
