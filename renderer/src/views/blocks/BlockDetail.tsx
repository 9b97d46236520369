import { Alert, Card, Descriptions, Table, Tag } from 'antd';
import { useT } from '../../i18n/use-t.ts';
import { useCall } from '../../api/react.tsx';
import type { TxDetailJson } from '../../api/results.ts';
import { errorText } from '../../app/errors.ts';
import { useLocale } from '../../app/LocaleProvider.tsx';
import { navigate } from '../../app/route.ts';
import { formatTime, shortHash } from '../../format/time.ts';

/** A block: its header, its commit certificate (who precommitted), and its transactions with their results. */
export function BlockDetail({ refer }: { refer: { height: number } | { hash: string } }) {
  const { t } = useT();
  const locale = useLocale();
  const block = useCall('block.get', refer);
  if (block.error) return <Alert type="error" showIcon title={errorText(block.error, t)} />;
  const b = block.data;
  if (!b) return null;
  return (
    <Card size="small" title={t('blocks.block', { height: String(b.height) })} data-testid="block-detail">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'hash', label: t('blocks.hash'), children: <span className="mono">{b.hash}</span> },
          { key: 'time', label: t('blocks.time'), children: formatTime(b.header.time, locale) },
          { key: 'prev', label: t('blocks.previous'), children: <span className="mono">{b.header.previousHash}</span> },
          { key: 'app', label: t('blocks.appHash'), children: <span className="mono">{b.header.appHash}</span> },
          { key: 'txroot', label: t('blocks.txRoot'), children: <span className="mono">{b.header.txRoot}</span> },
          { key: 'proposer', label: t('blocks.proposer'), children: <span className="mono">{b.header.proposer}</span> },
          {
            key: 'commit',
            label: t('blocks.commit'),
            children: b.commit
              ? t('blocks.precommits', { count: String(b.commit.precommits.length), round: String(b.commit.round) })
              : t('blocks.noCommit'),
          },
        ]}
      />
      <Table<TxDetailJson>
        size="small"
        rowKey="id"
        style={{ marginTop: 12 }}
        pagination={{ pageSize: 25, size: 'small', hideOnSinglePage: true }}
        dataSource={b.txs}
        onRow={(x) => ({ onClick: () => navigate('blocks', { tx: x.id }), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'i', title: '#', dataIndex: 'index', width: 50 },
          { key: 'id', title: t('blocks.tx'), render: (_, x) => <span className="mono">{shortHash(x.id)}</span> },
          { key: 'ops', title: t('blocks.ops'), render: (_, x) => x.tx.body.ops.map((o) => o.type).join(', ') },
          {
            key: 'code',
            title: t('blocks.result'),
            render: (_, x) => <Tag color={x.code === 'OK' ? 'success' : 'error'}>{x.code}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
