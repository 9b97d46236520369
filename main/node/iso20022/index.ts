/** ISO 20022 adapters for settlement: pacs.009 in (instructions), pacs.002 out (status reports). */
export { Iso20022Error, Iso20022ErrorCode } from './errors.ts';
export { buildPacs002, PACS002_NAMESPACE, type StatusReportOptions } from './pacs002.ts';
export { MAX_PACS009_TXS, PACS009_NAME, PACS009_NAMESPACE, parsePacs009, type Pacs009 } from './pacs009.ts';
export { pacs009ToInstructions, type ImportOptions, type LedgerDirectory } from './to-instructions.ts';
export { parseIsoDocument } from './xml.ts';
