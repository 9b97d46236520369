import { Alert, Button, Card, Col, Input, Row, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import type { BlockSummaryJson } from '../../../../shared/api/types.ts';
import { ApiCallError } from '../../api/errors.ts';
import { useApi, useCall } from '../../api/react.tsx';
import { errorText } from '../../app/errors.ts';
import { useLocale } from '../../app/LocaleProvider.tsx';
import { navigate } from '../../app/route.ts';
import { formatTime, shortHash } from '../../format/time.ts';
import { BlockDetail } from './BlockDetail.tsx';
import { StatementExport } from './StatementExport.tsx';
import { TxDetail } from './TxDetail.tsx';

const PAGE = 20;

/**
 * The explorer and the audit desk: search by height, block hash or transaction id; browse recent blocks; open a
 * block or a transaction with its signatures, result and events; export an account statement.
 */
export default function BlocksView({ params }: { params: URLSearchParams }) {
  const { t } = useT();
  const locale = useLocale();
  const client = useApi();
  const [before, setBefore] = useState<number | undefined>();
  const [searchError, setSearchError] = useState<string | undefined>();
  const list = useCall(
    'block.list',
    { limit: PAGE, ...(before ? { before } : {}) },
    { refreshOn: before ? [] : ['blocks'] },
  );
  const tx = params.get('tx');
  const height = params.get('height');
  const hash = params.get('hash');

  async function search(text: string) {
    const q = text.trim().toLowerCase();
    setSearchError(undefined);
    if (/^\d+$/.test(q) && Number(q) >= 1) return navigate('blocks', { height: q });
    if (!/^[0-9a-f]{64}$/.test(q)) return setSearchError(t('blocks.searchFormat'));
    try {
      await client.call('block.get', { hash: q });
      return navigate('blocks', { hash: q });
    } catch (err) {
      if (!(err instanceof ApiCallError) || err.code !== 'NOT_FOUND') return setSearchError(errorText(err, t));
    }
    try {
      await client.call('tx.get', { id: q });
      return navigate('blocks', { tx: q });
    } catch (err) {
      setSearchError(
        err instanceof ApiCallError && err.code === 'NOT_FOUND' ? t('blocks.notFound') : errorText(err, t),
      );
    }
  }

  return (
    <div data-testid="blocks-view">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('blocks.title')}
      </Typography.Title>
      <Input.Search
        placeholder={t('blocks.searchPlaceholder')}
        enterButton={t('blocks.search')}
        onSearch={(v) => void search(v)}
        style={{ maxWidth: 720, marginBottom: 12 }}
        data-testid="blocks-search"
      />
      {searchError && <Alert type="warning" showIcon title={searchError} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('blocks.recent')}>
            <Table<BlockSummaryJson>
              size="small"
              rowKey="height"
              pagination={false}
              dataSource={list.data ?? []}
              loading={list.loading && !list.data}
              onRow={(b) => ({
                onClick: () => navigate('blocks', { height: String(b.height) }),
                style: { cursor: 'pointer' },
              })}
              columns={[
                { key: 'height', title: t('blocks.height'), dataIndex: 'height', width: 80 },
                { key: 'time', title: t('blocks.time'), render: (_, b) => formatTime(b.time, locale) },
                { key: 'txs', title: t('blocks.txs'), dataIndex: 'txCount', width: 60 },
                {
                  key: 'hash',
                  title: t('blocks.hash'),
                  render: (_, b) => <span className="mono">{shortHash(b.hash)}</span>,
                },
              ]}
            />
            <Space style={{ marginTop: 8 }}>
              <Button size="small" disabled={!before} onClick={() => setBefore(undefined)}>
                {t('blocks.newest')}
              </Button>
              <Button
                size="small"
                disabled={!list.data || list.data.length < PAGE}
                onClick={() => setBefore(list.data?.at(-1)?.height)}
              >
                {t('blocks.older')}
              </Button>
            </Space>
          </Card>
          <StatementExport />
        </Col>
        <Col xs={24} xl={14}>
          {tx ? (
            <TxDetail id={tx} />
          ) : height ? (
            <BlockDetail refer={{ height: Number(height) }} />
          ) : hash ? (
            <BlockDetail refer={{ hash }} />
          ) : list.data?.[0] ? (
            <BlockDetail refer={{ height: list.data[0].height }} />
          ) : null}
        </Col>
      </Row>
    </div>
  );
}
