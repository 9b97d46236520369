import { formatAmount } from '../../../shared/finance/index.ts';
import type { Asset, Instruction } from '../../../shared/domain/index.ts';
import { PACS009_NAME } from './pacs009.ts';
import { escapeXml } from './xml.ts';

export const PACS002_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10';

export interface StatusReportOptions {
  /** GrpHdr/MsgId of the report. */
  readonly msgId: string;
  /** GrpHdr/CreDtTm, ms since the epoch. */
  readonly createdAt: bigint;
  /** Assets by id, for the amounts' currency codes and decimals. */
  readonly assets: ReadonlyMap<string, Asset>;
}

/**
 * A pacs.002.001.10 (FIToFIPaymentStatusReport) for settlement payments: ACSC (settlement completed) for settled
 * ones, RJCT with the reason (CANCELLED, EXPIRED) for those that will never settle. Instructions imported from a
 * pacs.009 report their original identifiers (OrgnlGrpInf with the original MsgId, OrgnlInstrId, OrgnlEndToEndId,
 * OrgnlUETR); others report the instruction id and NOTPROVIDED as end-to-end id. DvPs are not payments and are
 * left out, as are open instructions (no final status yet).
 */
export function buildPacs002(instructions: readonly Instruction[], opts: StatusReportOptions): string {
  const rows = instructions.filter((i) => i.kind === 'payment' && i.closed !== undefined);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${PACS002_NAMESPACE}">`,
    '  <FIToFIPmtStsRpt>',
    '    <GrpHdr>',
    `      <MsgId>${escapeXml(opts.msgId)}</MsgId>`,
    `      <CreDtTm>${isoDateTime(opts.createdAt)}</CreDtTm>`,
    '    </GrpHdr>',
  ];
  for (const i of rows) lines.push(...txStatus(i, opts.assets));
  lines.push('  </FIToFIPmtStsRpt>', '</Document>', '');
  return lines.join('\n');
}

function txStatus(i: Instruction, assets: ReadonlyMap<string, Asset>): string[] {
  const closed = i.closed!;
  const leg = i.legs[0]!;
  const asset = assets.get(leg.asset);
  const ccy = asset?.code ?? leg.asset;
  const amount = asset ? formatAmount(leg.amount, asset.decimals) : leg.amount.toString();
  const ref = i.reference;
  const settled = i.status === 'settled';
  const out = ['    <TxInfAndSts>'];
  if (ref) {
    out.push(
      '      <OrgnlGrpInf>',
      `        <OrgnlMsgId>${escapeXml(ref.msgId)}</OrgnlMsgId>`,
      `        <OrgnlMsgNmId>${PACS009_NAME}</OrgnlMsgNmId>`,
      '      </OrgnlGrpInf>',
    );
  }
  out.push(`      <OrgnlInstrId>${escapeXml(ref?.instrId ?? i.id)}</OrgnlInstrId>`);
  out.push(`      <OrgnlEndToEndId>${escapeXml(ref?.endToEndId ?? 'NOTPROVIDED')}</OrgnlEndToEndId>`);
  if (ref?.uetr !== undefined) out.push(`      <OrgnlUETR>${ref.uetr}</OrgnlUETR>`);
  out.push(`      <TxSts>${settled ? 'ACSC' : 'RJCT'}</TxSts>`);
  if (!settled) {
    out.push('      <StsRsnInf>', `        <Rsn><Prtry>${escapeXml(closed.code)}</Prtry></Rsn>`, '      </StsRsnInf>');
  }
  out.push(`      <AccptncDtTm>${isoDateTime(closed.time)}</AccptncDtTm>`);
  if (settled)
    out.push(`      <FctvIntrBkSttlmDt><Dt>${isoDateTime(closed.time).slice(0, 10)}</Dt></FctvIntrBkSttlmDt>`);
  out.push(
    '      <OrgnlTxRef>',
    `        <IntrBkSttlmAmt Ccy="${escapeXml(ccy)}">${amount}</IntrBkSttlmAmt>`,
    '      </OrgnlTxRef>',
    '    </TxInfAndSts>',
  );
  return out;
}

function isoDateTime(ms: bigint): string {
  return new Date(Number(ms)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
