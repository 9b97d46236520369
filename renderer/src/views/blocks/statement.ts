import type { HistoryEntryJson } from '../../../../shared/api/types.ts';
import { formatAmount } from '../../../../shared/finance/amount.ts';

/**
 * An account statement from its history rows: CSV for spreadsheets and reconciliation (plain decimals, ISO times, no
 * locale grouping, so a machine reads it exactly), and a self-contained printable HTML page for the audit file.
 */

export interface StatementMeta {
  account: string;
  accountName: string;
  asset?: string | undefined;
  chainId: string;
  /** ISO time the statement was produced. */
  generatedAt: string;
  /** Height of the newest block when it was produced. */
  tipHeight: number;
  /** Whether the rows stop before the account's first entry (a row limit was hit). */
  truncated: boolean;
}

const CSV_HEADER = ['time', 'height', 'tx', 'kind', 'asset', 'counterparty', 'change', 'balance'];

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a cell as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function statementCsv(rows: readonly HistoryEntryJson[], decimals: (asset: string) => number): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of rows) {
    const d = decimals(r.asset);
    lines.push(
      [
        new Date(Number(r.time)).toISOString(),
        String(r.height),
        r.txId,
        r.kind,
        r.asset,
        r.counterparty ?? '',
        formatAmount(BigInt(r.delta), d),
        formatAmount(BigInt(r.balance), d),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A standalone page with inline styles only and no script, ready for "print to PDF". */
export function statementHtml(
  rows: readonly HistoryEntryJson[],
  meta: StatementMeta,
  decimals: (asset: string) => number,
  labels: Record<'title' | 'account' | 'asset' | 'all' | 'chain' | 'generated' | 'truncated' | 'height', string> &
    Record<'time' | 'tx' | 'kind' | 'counterparty' | 'change' | 'balance', string>,
): string {
  const e = escapeHtml;
  const body = rows
    .map((r) => {
      const d = decimals(r.asset);
      return `<tr><td>${e(new Date(Number(r.time)).toISOString())}</td><td>${r.height}</td><td class="m">${e(r.txId)}</td><td>${e(r.kind)}</td><td>${e(r.asset)}</td><td>${e(r.counterparty ?? '')}</td><td class="n">${e(formatAmount(BigInt(r.delta), d))}</td><td class="n">${e(formatAmount(BigInt(r.balance), d))}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${e(labels.title)} ${e(meta.account)}</title>
<style>body{font:12px sans-serif;margin:24px}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}td.n{text-align:right;white-space:nowrap}td.m{font-family:monospace;font-size:10px;word-break:break-all}</style>
</head><body>
<h1>${e(labels.title)}</h1>
<p>${e(labels.account)}: ${e(meta.accountName)} (${e(meta.account)})<br>${e(labels.asset)}: ${e(meta.asset ?? labels.all)}<br>${e(labels.chain)}: ${e(meta.chainId)}, ${e(labels.height)} ${meta.tipHeight}<br>${e(labels.generated)}: ${e(meta.generatedAt)}</p>
${meta.truncated ? `<p><strong>${e(labels.truncated)}</strong></p>` : ''}
<table><thead><tr><th>${e(labels.time)}</th><th>${e(labels.height)}</th><th>${e(labels.tx)}</th><th>${e(labels.kind)}</th><th>${e(labels.asset)}</th><th>${e(labels.counterparty)}</th><th>${e(labels.change)}</th><th>${e(labels.balance)}</th></tr></thead>
<tbody>
${body}
</tbody></table>
</body></html>
`;
}
