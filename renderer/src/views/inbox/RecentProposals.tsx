import { Table, Tag } from 'antd';
import type { CallState } from '../../api/react.tsx';
import type { ProposalSummaryJson } from '../../api/results.ts';
import { useDirectory } from '../../app/directory.tsx';
import { accountLabel } from '../../format/describe.ts';
import { shortHash } from '../../format/time.ts';
import { useT } from '../../i18n/use-t.ts';
import { STATUS_COLORS } from './ProposalDetail.tsx';

/** Recent proposals of every status (executed, rejected, expired …), in pages; the inbox's second tab. */
export function RecentProposals(props: {
  proposals: CallState<ProposalSummaryJson[]>;
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { t } = useT();
  const dir = useDirectory();
  const { data, loading } = props.proposals;
  return (
    <Table<ProposalSummaryJson>
      size="small"
      rowKey="id"
      dataSource={data ?? []}
      loading={loading && !data}
      pagination={{ pageSize: 20, size: 'small' }}
      onRow={(p) =>
        ({
          onClick: () => props.onSelect(p.id),
          style: { cursor: 'pointer', background: p.id === props.selected ? '#e6f4ff' : undefined },
          'data-testid': `recent-row-${p.id}`,
        }) as object
      }
      columns={[
        { key: 'height', title: t('inbox.created'), width: 80, render: (_, p) => `#${p.createdHeight}` },
        {
          key: 'type',
          title: t('proposal.action'),
          render: (_, p) => t(`actionType.${p.actionType}`, { defaultValue: p.actionType } as never),
        },
        {
          key: 'account',
          title: t('proposal.account'),
          render: (_, p) => (p.account ? accountLabel(p.account, dir.describeContext) : t('proposal.governance')),
        },
        {
          key: 'status',
          title: t('inbox.status'),
          width: 100,
          render: (_, p) => (
            <Tag color={STATUS_COLORS[p.status]} data-testid={`recent-status-${p.id}`}>
              {t(`status.${p.status}`)}
            </Tag>
          ),
        },
        {
          key: 'id',
          title: t('proposal.hash'),
          width: 120,
          render: (_, p) => <span className="mono">{shortHash(p.id)}</span>,
        },
      ]}
    />
  );
}
