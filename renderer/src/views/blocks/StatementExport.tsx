import { Button, Card, Form, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import type { HistoryEntryJson } from '../../../../shared/api/types.ts';
import { useApi } from '../../api/react.tsx';
import { useDirectory } from '../../app/directory.tsx';
import { errorText } from '../../app/errors.ts';
import { downloadText } from '../inbox/offline.ts';
import { statementCsv, statementHtml } from './statement.ts';

const LIMITS = [1_000, 10_000, 100_000];
const PAGE = 500;

/** An account statement (audit trail of balance changes), newest first, as CSV or a printable HTML page. */
export function StatementExport() {
  const { t } = useT();
  const client = useApi();
  const dir = useDirectory();
  const [account, setAccount] = useState<string | undefined>();
  const [asset, setAsset] = useState<string | undefined>();
  const [limit, setLimit] = useState(LIMITS[0]!);
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  async function collect(acct: string): Promise<{ rows: HistoryEntryJson[]; truncated: boolean }> {
    const rows: HistoryEntryJson[] = [];
    let cursor: string | null | undefined;
    while (rows.length < limit) {
      const page = await client.call('account.history', {
        account: acct,
        limit: Math.min(PAGE, limit - rows.length),
        ...(asset ? { asset } : {}),
        ...(cursor ? { cursor } : {}),
      });
      rows.push(...page.entries);
      setBusy(t('statement.progress', { rows: String(rows.length) }));
      cursor = page.nextCursor;
      if (!cursor) return { rows, truncated: false };
    }
    return { rows, truncated: true };
  }

  async function run(format: 'csv' | 'html') {
    if (!account) return;
    setError(undefined);
    setBusy(t('statement.progress', { rows: '0' }));
    try {
      const [{ rows, truncated }, status] = await Promise.all([collect(account), client.call('node.status', {})]);
      const decimals = (a: string) => dir.assetInfo(a)?.decimals ?? 0;
      const base = `statement-${account}${asset ? `-${asset}` : ''}-h${status.height}`;
      if (format === 'csv') {
        downloadText(`${base}.csv`, statementCsv(rows, decimals), 'text/csv');
      } else {
        const html = statementHtml(
          rows,
          {
            account,
            accountName: dir.accountName(account),
            asset,
            chainId: status.chainId,
            generatedAt: new Date().toISOString(),
            tipHeight: status.height,
            truncated,
          },
          decimals,
          {
            title: t('statement.title'),
            account: t('statement.account'),
            asset: t('history.asset'),
            all: t('accounts.allAssets'),
            chain: t('network.chain'),
            generated: t('statement.generated'),
            truncated: t('statement.truncated', { limit: String(limit) }),
            height: t('history.height'),
            time: t('history.time'),
            tx: t('history.tx'),
            kind: t('history.kind'),
            counterparty: t('history.counterparty'),
            change: t('history.change'),
            balance: t('history.balance'),
          },
        );
        downloadText(`${base}.html`, html, 'text/html');
      }
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Card size="small" title={t('statement.title')} style={{ marginTop: 16 }} data-testid="statement-export">
      <Form layout="vertical">
        <Form.Item label={t('statement.account')}>
          <Select
            value={account}
            onChange={(v) => {
              setAccount(v);
              setAsset(undefined);
            }}
            showSearch
            data-testid="statement-account"
            options={dir.accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` }))}
          />
        </Form.Item>
        <Space>
          <Form.Item label={t('history.asset')}>
            <Select
              allowClear
              style={{ width: 160 }}
              value={asset}
              onChange={setAsset}
              placeholder={t('accounts.allAssets')}
              options={dir.assets.map((a) => ({ value: a.id, label: a.id }))}
            />
          </Form.Item>
          <Form.Item label={t('statement.limit')}>
            <Select
              style={{ width: 140 }}
              value={limit}
              onChange={setLimit}
              options={LIMITS.map((n) => ({ value: n, label: n.toLocaleString() }))}
            />
          </Form.Item>
        </Space>
      </Form>
      <Space>
        <Button disabled={!account || busy !== undefined} onClick={() => void run('csv')} data-testid="statement-csv">
          {t('statement.csv')}
        </Button>
        <Button disabled={!account || busy !== undefined} onClick={() => void run('html')} data-testid="statement-html">
          {t('statement.html')}
        </Button>
        {busy && <Typography.Text type="secondary">{busy}</Typography.Text>}
      </Space>
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
    </Card>
  );
}
