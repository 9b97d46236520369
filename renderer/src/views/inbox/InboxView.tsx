import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import type { InboxItemJson } from '../../../../shared/api/types.ts';
import { useApi, useCall } from '../../api/react.tsx';
import type { ProposalSummaryJson } from '../../api/results.ts';
import { deferred, prefetchDeferred } from '../../app/deferred.ts';
import { useDirectory } from '../../app/directory.tsx';
import { errorText } from '../../app/errors.ts';
import { useLocale } from '../../app/LocaleProvider.tsx';
import { markAfterPaint } from '../../app/startup-mark.ts';
import { accountLabel, describeActionText } from '../../format/describe.ts';
import { formatCountdown, formatTime, shortHash } from '../../format/time.ts';
import { ProposalDetail, STATUS_COLORS } from './ProposalDetail.tsx';

const ProposeDialog = deferred(() => import('./ProposeDialog.tsx').then((m) => m.ProposeDialog));

/**
 * The home view: what waits for a signature by one of this node's keys, soonest deadline first, next to the selected
 * proposal in full. A second tab lists recent proposals of every status (what was executed, rejected, expired).
 */
export function InboxView() {
  const { t } = useT();
  const locale = useLocale();
  const client = useApi();
  const dir = useDirectory();
  const { message } = AntApp.useApp();
  const inbox = useCall('proposal.inbox', {}, { refreshOn: ['proposals', 'blocks'] });
  const recent = useCall('proposal.list', { limit: 100 }, { refreshOn: ['proposals'] });
  const [tab, setTab] = useState<'awaiting' | 'recent'>('awaiting');
  const [signerFilter, setSignerFilter] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [proposing, setProposing] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const loaded = inbox.data !== undefined && dir.loaded;
  useEffect(() => {
    // For start-up timing (the e2e test prints it): when the home view's first frame with real data was painted.
    if (loaded) markAfterPaint('countersign:inbox');
    if (loaded) prefetchDeferred(); // the dialogs' code, now that the first screen is up
  }, [loaded]);

  const items = (inbox.data ?? []).filter((i) => !signerFilter || i.awaiting.includes(signerFilter));
  const shown = selected ?? (tab === 'awaiting' ? items[0]?.proposal.id : undefined);

  async function importApproval(file: File) {
    try {
      const result = await client.call('proposal.importApproval', { file: await file.text() });
      void message.success(t('inbox.imported', { status: t(`status.${result.status}`) }));
      setSelected(result.proposal);
    } catch (err) {
      void message.error(errorText(err, t));
    }
  }

  const awaitingTable = (
    <Table<InboxItemJson>
      size="small"
      rowKey={(i) => i.proposal.id}
      dataSource={items}
      pagination={false}
      loading={inbox.loading && !inbox.data}
      locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
      onRow={(item) =>
        ({
          onClick: () => setSelected(item.proposal.id),
          style: { cursor: 'pointer', background: item.proposal.id === shown ? '#e6f4ff' : undefined },
          'data-testid': `inbox-row-${item.proposal.id}`,
        }) as object
      }
      columns={[
        {
          key: 'deadline',
          title: t('inbox.deadline'),
          width: 120,
          render: (_, i) => {
            const ms = Number(i.proposal.expiresAt);
            return (
              <Typography.Text type={ms - Date.now() < 3_600_000 ? 'danger' : undefined} title={formatTime(ms, locale)}>
                {formatCountdown(ms, Date.now(), locale)}
              </Typography.Text>
            );
          },
        },
        {
          key: 'what',
          title: t('inbox.what'),
          render: (_, i) => describeActionText(i.proposal.action, dir.describeContext, t),
        },
        {
          key: 'progress',
          title: t('inbox.progress'),
          width: 90,
          render: (_, i) =>
            i.progress.map((g) => (
              <div key={g.guard}>
                {g.weight} / {g.threshold}
              </div>
            )),
        },
        {
          key: 'awaiting',
          title: t('inbox.awaiting'),
          width: 170,
          render: (_, i) => i.awaiting.map((l) => <Tag key={l}>{l}</Tag>),
        },
      ]}
    />
  );

  const recentTable = (
    <Table<ProposalSummaryJson>
      size="small"
      rowKey="id"
      dataSource={recent.data ?? []}
      loading={recent.loading && !recent.data}
      pagination={{ pageSize: 20, size: 'small' }}
      onRow={(p) =>
        ({
          onClick: () => setSelected(p.id),
          style: { cursor: 'pointer', background: p.id === shown ? '#e6f4ff' : undefined },
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

  return (
    <div data-testid="inbox" data-loaded={loaded ? 'true' : 'false'} data-count={items.length}>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('inbox.title')}
          </Typography.Title>
          <Badge count={inbox.data?.length ?? 0} showZero color="#1677ff" />
        </Space>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('inbox.allKeys')}
            style={{ width: 220 }}
            value={signerFilter}
            onChange={setSignerFilter}
            options={dir.signers.map((s) => ({ value: s.label, label: s.label }))}
          />
          <Button icon={<PlusOutlined />} type="primary" onClick={() => setProposing(true)} data-testid="new-transfer">
            {t('inbox.newTransfer')}
          </Button>
          <Button icon={<ImportOutlined />} onClick={() => fileInput.current?.click()}>
            {t('inbox.importApproval')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            style={{ display: 'none' }}
            data-testid="import-approval-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importApproval(file);
            }}
          />
        </Space>
      </Space>
      {inbox.error && <Alert type="error" showIcon title={errorText(inbox.error, t)} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card size="small">
            <Tabs
              activeKey={tab}
              onChange={(k) => {
                setTab(k as 'awaiting' | 'recent');
                setSelected(undefined);
              }}
              items={[
                {
                  key: 'awaiting',
                  label: <span data-testid="tab-awaiting">{`${t('inbox.tabAwaiting')} (${items.length})`}</span>,
                  children: awaitingTable,
                },
                {
                  key: 'recent',
                  label: <span data-testid="tab-recent">{t('inbox.tabRecent')}</span>,
                  children: recentTable,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card size="small">
            {shown ? <ProposalDetail key={shown} id={shown} /> : <Empty description={t('inbox.select')} />}
          </Card>
        </Col>
      </Row>
      {proposing && (
        <Suspense fallback={null}>
          <ProposeDialog
            onClose={() => setProposing(false)}
            onDone={(result) => {
              setProposing(false);
              void message.success(t('propose.done', { status: t(`status.${result.status}`) }));
              setSelected(result.proposal);
              inbox.reload();
              recent.reload();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
