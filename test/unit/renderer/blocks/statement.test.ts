import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HistoryEntryJson } from '../../../../shared/api/types.ts';
import { csvCell, escapeHtml, statementCsv, statementHtml } from '../../../../renderer/src/views/blocks/statement.ts';

/** Account statements: exact decimals a spreadsheet reads back, no formula injection, escaped HTML. */

const rows: HistoryEntryJson[] = [
  {
    height: 12,
    time: '1750000000000',
    txId: 'ab'.repeat(32),
    asset: 'CNY',
    delta: '-125000',
    balance: '18446744073709551615',
    counterparty: 'hbsec.treasury',
    kind: 'transfer',
  },
  {
    height: 3,
    time: '1750000001000',
    txId: 'cd'.repeat(32),
    asset: 'BOND',
    delta: '7',
    balance: '7',
    kind: 'asset.issue',
  },
];
const decimals = (asset: string) => (asset === 'CNY' ? 2 : 0);

describe('account statement', () => {
  it('writes CSV with exact decimals, ISO times and a header', () => {
    const lines = statementCsv(rows, decimals).split('\r\n');
    assert.equal(lines[0], 'time,height,tx,kind,asset,counterparty,change,balance');
    assert.equal(
      lines[1],
      `2025-06-15T15:06:40.000Z,12,${'ab'.repeat(32)},transfer,CNY,hbsec.treasury,-1250.00,184467440737095516.15`,
    );
    assert.equal(lines[2], `2025-06-15T15:06:41.000Z,3,${'cd'.repeat(32)},asset.issue,BOND,,7,7`);
    assert.equal(lines.length, 4); // trailing CRLF
  });

  it('quotes separators and neutralises cells a spreadsheet would run as formulas', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('-1250.00'), '-1250.00');
    assert.equal(csvCell('-cmd'), "'-cmd");
  });

  it('writes a printable page with every value escaped and no script', () => {
    const html = statementHtml(
      rows,
      {
        account: 'jhcb.treasury',
        accountName: '<b>Jinhua</b> & Co',
        chainId: 'countersign-test',
        generatedAt: '2026-01-01T00:00:00.000Z',
        tipHeight: 12,
        truncated: true,
      },
      decimals,
      {
        title: 'Account statement',
        account: 'Account',
        asset: 'Asset',
        all: 'All assets',
        chain: 'Chain',
        generated: 'Generated',
        truncated: 'Only the newest rows',
        height: 'Block',
        time: 'Time',
        tx: 'Transaction',
        kind: 'Kind',
        counterparty: 'Counterparty',
        change: 'Change',
        balance: 'Balance after',
      },
    );
    assert.match(html, /&lt;b&gt;Jinhua&lt;\/b&gt; &amp; Co/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /<td class="n">-1250\.00<\/td><td class="n">184467440737095516\.15<\/td>/);
    assert.match(html, /Only the newest rows/);
    assert.equal(escapeHtml(`'"<>&`), '&#39;&quot;&lt;&gt;&amp;');
  });
});
