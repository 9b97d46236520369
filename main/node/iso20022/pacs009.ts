import { z } from 'zod';
import { isCurrencyCode, isLei } from './identifiers.ts';
import { Iso20022Error, Iso20022ErrorCode as E } from './errors.ts';
import { parseIsoDocument } from './xml.ts';

/**
 * pacs.009.001.08 (FinancialInstitutionCreditTransfer), the part an interbank settlement instruction needs, after
 * the published schema (ISO 20022 message definition, FICdtTrf): GrpHdr (MsgId, CreDtTm, NbOfTxs, SttlmInf/SttlmMtd)
 * and each CdtTrfTxInf (PmtId/InstrId + EndToEndId + UETR, IntrBkSttlmAmt@Ccy, IntrBkSttlmDt, SttlmPrty,
 * SttlmTmReq/FrTm + RjctTm, InstgAgt, InstdAgt, Dbtr, DbtrAcct, Cdtr, CdtrAcct). Elements the importer does not use
 * (PmtTpInf, intermediary agents, RmtInf, ...) are ignored; docs/settlement.md lists what is read and how.
 */
export const PACS009_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08';
export const PACS009_NAME = 'pacs.009.001.08';
/** One transaction per instruction, and every instruction goes into one ledger transaction (all or nothing). */
export const MAX_PACS009_TXS = 64;

const present = (what: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined
      ? 'is missing'
      : Array.isArray(issue.input)
        ? 'appears more than once'
        : `must be ${what}`,
});
const max35 = z.string(present('text')).min(1, 'must not be empty').max(35, 'is longer than 35 characters');
const isoDate = z
  .string(present('a date'))
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: 'is not a calendar date' });
const isoDateTime = z
  .string(present('a date-time'))
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/, 'must be an ISO date-time');
const isoTime = z
  .string(present('a time'))
  .regex(/^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'must be a time with its UTC offset (14:00:00Z)');
const uetr = z
  .string(present('a UUID'))
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'must be a UUID v4 (lower case)');
const bicfi = z
  .string(present('a BIC'))
  .regex(/^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'must be a BIC (8 or 11 characters)');
const lei = z
  .string(present('an LEI'))
  .refine(isLei, { message: 'is not a valid LEI (ISO 17442: 20 characters, check digits mod 97)' });

const finInstn = z.object(
  {
    FinInstnId: z
      .object({ BICFI: bicfi.optional(), LEI: lei.optional() }, present('a financial institution identification'))
      .refine((f) => f.BICFI !== undefined || f.LEI !== undefined, { message: 'needs a LEI or a BICFI' }),
  },
  present('a financial institution'),
);
const account = z.object(
  {
    Id: z.object(
      {
        Othr: z.object({ Id: z.string(present('text')).min(1).max(34) }, present('an Othr account id')),
      },
      present('an account id (Othr/Id: the ledger account)'),
    ),
  },
  present('an account'),
);
const amount = z.object(
  {
    '#text': z
      .string(present('an amount'))
      .regex(/^\d{1,18}(\.\d{1,5})?$/, 'must be a positive decimal amount (up to 18 digits, 5 decimals)'),
    '@Ccy': z.string(present('a currency')).superRefine((ccy, ctx) => {
      if (!isCurrencyCode(ccy)) ctx.addIssue({ code: 'custom', message: `Ccy "${ccy}" is not an ISO 4217 code` });
    }),
  },
  present('an amount with a currency'),
);

const transaction = z.object(
  {
    PmtId: z.object({ InstrId: max35, EndToEndId: max35, UETR: uetr.optional() }, present('payment identification')),
    IntrBkSttlmAmt: amount,
    IntrBkSttlmDt: isoDate.optional(),
    SttlmPrty: z.enum(['HIGH', 'NORM', 'URGT'], present('HIGH, NORM or URGT')).optional(),
    SttlmTmReq: z.object({ FrTm: isoTime.optional(), RjctTm: isoTime.optional() }, present('times')).optional(),
    InstgAgt: finInstn.optional(),
    InstdAgt: finInstn.optional(),
    Dbtr: finInstn,
    DbtrAcct: account,
    Cdtr: finInstn,
    CdtrAcct: account,
  },
  present('a credit transfer'),
);

const asArray = (v: unknown) => (v === undefined || Array.isArray(v) ? v : [v]);

const message = z
  .object({
    GrpHdr: z.object(
      {
        MsgId: max35,
        CreDtTm: isoDateTime,
        NbOfTxs: z.string(present('a number')).regex(/^[1-9]\d{0,14}$/, 'must be a positive whole number'),
        SttlmInf: z.object(
          { SttlmMtd: z.enum(['INDA', 'INGA', 'COVE', 'CLRG'], present('INDA, INGA, COVE or CLRG')) },
          present('settlement information'),
        ),
      },
      present('a group header'),
    ),
    CdtTrfTxInf: z.preprocess(
      asArray,
      z
        .array(transaction, present('credit transfers'))
        .min(1, 'is missing')
        .max(MAX_PACS009_TXS, `has more than ${MAX_PACS009_TXS} transactions; split the file`),
    ),
  })
  .superRefine((m, ctx) => {
    if (Number(m.GrpHdr.NbOfTxs) !== m.CdtTrfTxInf.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['GrpHdr', 'NbOfTxs'],
        message: `says ${m.GrpHdr.NbOfTxs} but the message has ${m.CdtTrfTxInf.length} CdtTrfTxInf`,
      });
    }
  });

export type Pacs009 = z.output<typeof message>;
export type Pacs009Tx = Pacs009['CdtTrfTxInf'][number];
export type Agent = z.output<typeof finInstn>;

/** Parses and validates a pacs.009.001.08 file; the first problem found is thrown with its element path. */
export function parsePacs009(xml: string): Pacs009 {
  const body = parseIsoDocument(xml, PACS009_NAMESPACE, 'FICdtTrf');
  const result = message.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new Iso20022Error(E.INVALID_ELEMENT, elementPath(issue.path), issue.message);
}

/** ['CdtTrfTxInf', 1, 'IntrBkSttlmAmt', '@Ccy'] → "CdtTrfTxInf[2]/IntrBkSttlmAmt" (1-based, as people count). */
export function elementPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part + 1}]`;
    else if (typeof part === 'string' && !part.startsWith('@') && part !== '#text') out += (out ? '/' : '') + part;
  }
  return out;
}
