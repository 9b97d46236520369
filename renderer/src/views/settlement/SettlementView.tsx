import {
  Alert,
  Button,
  Card,
  Col,
  Drawer,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useCall } from '../../api/react.tsx';
import type { InstructionJson, SettlementCycleJson } from '../../api/results.ts';
import { useDirectory } from '../../app/directory.tsx';
import { errorText } from '../../app/errors.ts';
import { useLocale } from '../../app/LocaleProvider.tsx';
import { useT } from '../../i18n/use-t.ts';
import { formatCountdown, formatDuration, formatTime } from '../../format/time.ts';
import { formatAssetAmount } from '../../format/units.ts';
import { formatMoney } from '../../format/money.ts';
import { SettlementActionDialog, type QueueAction } from './SettlementActionDialog.tsx';

const STATUS_COLORS: Record<string, string> = {
  queued: 'processing',
  held: 'warning',
  settled: 'success',
  cancelled: 'default',
  expired: 'error',
};

type Mode = 'all' | InstructionJson['mode'];
type StatusFilter = 'open' | InstructionJson['status'];

/**
 * The settlement queue: instructions by mode and status in queue order (urgent first, then first in, first out), what
 * each is waiting for, and the queue actions — hold, release, cancel, reprioritise — which are proposals under the
 * debtor account's policy (they take effect once its signatories have approved). Each deferred-net cycle shows the
 * countdown to its cut-off and the net positions the cut-off would settle on the current balances.
 */
export default function SettlementView() {
  const { t } = useT();
  const locale = useLocale();
  const dir = useDirectory();
  const [mode, setMode] = useState<Mode>('all');
  const [status, setStatus] = useState<StatusFilter>('open');
  const [acting, setActing] = useState<{ instruction: InstructionJson; action: QueueAction } | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const queue = useCall(
    'settlement.queue',
    { ...(mode !== 'all' && { mode }), ...(status !== 'open' && { status }), limit: 200 },
    { refreshOn: ['blocks'] },
  );
  const now = useNow();

  const legText = (i: InstructionJson) =>
    i.legs
      .map(
        (l) =>
          `${dir.accountName(l.from)} → ${dir.accountName(l.to)} ${formatAssetAmount(l.amount, l.asset, dir.assetInfo(l.asset), locale)}`,
      )
      .join(' ⇄ ');

  return (
    <div data-testid="settlement-view">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('settlement.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={mode}
          onChange={(v) => setMode(v as Mode)}
          options={(['all', 'rtgs', 'scheduled', 'deferred-net'] as const).map((m) => ({
            value: m,
            label: t(`settlement.modes.${m}`),
          }))}
        />
        <Select
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={(['open', 'queued', 'held', 'settled', 'cancelled', 'expired'] as const).map((s) => ({
            value: s,
            label: t(`settlement.statuses.${s}`),
          }))}
        />
      </Space>
      {queue.error && <Alert type="error" showIcon title={errorText(queue.error, t)} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('settlement.actionsHint')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card size="small" title={t('settlement.queueTitle')}>
            <Table<InstructionJson>
              size="small"
              rowKey="id"
              pagination={{ pageSize: 50, size: 'small', hideOnSinglePage: true }}
              loading={queue.loading && !queue.data}
              dataSource={queue.data?.instructions ?? []}
              onRow={(i) => ({ 'data-testid': `instruction-row-${i.id}` }) as object}
              columns={[
                {
                  key: 'id',
                  title: t('settlement.instruction'),
                  render: (_, i) => (
                    <Typography.Link className="mono" onClick={() => setOpen(i.id)}>
                      {i.id}
                    </Typography.Link>
                  ),
                },
                { key: 'mode', title: t('settlement.mode'), render: (_, i) => t(`settlement.modes.${i.mode}`) },
                {
                  key: 'priority',
                  title: t('settlement.priority'),
                  render: (_, i) => (
                    <Tag color={i.priority === 'urgent' ? 'red' : undefined}>
                      {t(`settlement.priorities.${i.priority}`)}
                    </Tag>
                  ),
                },
                { key: 'legs', title: t('settlement.legs'), render: (_, i) => legText(i) },
                {
                  key: 'status',
                  title: t('settlement.status'),
                  render: (_, i) => (
                    <Space orientation="vertical" size={0}>
                      <Tag color={STATUS_COLORS[i.status]} data-testid={`instruction-status-${i.id}`}>
                        {t(`settlement.statuses.${i.status}`)}
                      </Tag>
                      {i.waiting && <Typography.Text type="secondary">{i.waiting}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  key: 'when',
                  title: t('settlement.when'),
                  render: (_, i) =>
                    i.settleAt
                      ? t('settlement.settleAt', { when: formatTime(i.settleAt, locale) })
                      : i.expiresAt
                        ? t('settlement.expiresAt', { when: formatTime(i.expiresAt, locale) })
                        : '—',
                },
                {
                  key: 'actions',
                  title: t('settlement.actions'),
                  render: (_, i) =>
                    i.status === 'queued' || i.status === 'held' ? (
                      <Space size={4} wrap>
                        {i.status === 'queued' ? (
                          <Button
                            size="small"
                            onClick={() => setActing({ instruction: i, action: 'hold' })}
                            data-testid={`hold-${i.id}`}
                          >
                            {t('settlement.hold')}
                          </Button>
                        ) : (
                          <Button
                            size="small"
                            onClick={() => setActing({ instruction: i, action: 'release' })}
                            data-testid={`release-${i.id}`}
                          >
                            {t('settlement.release')}
                          </Button>
                        )}
                        <Button size="small" onClick={() => setActing({ instruction: i, action: 'reprioritise' })}>
                          {t('settlement.reprioritise')}
                        </Button>
                        <Button size="small" danger onClick={() => setActing({ instruction: i, action: 'cancel' })}>
                          {t('settlement.cancel')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
        {(queue.data?.cycles ?? []).map((c) => (
          <Col key={c.asset} xs={24} xl={12}>
            <CycleCard cycle={c} now={now} />
          </Col>
        ))}
      </Row>
      {acting && (
        <SettlementActionDialog
          instruction={acting.instruction}
          action={acting.action}
          description={legText(acting.instruction)}
          onClose={() => setActing(undefined)}
          onDone={() => {
            setActing(undefined);
            queue.reload();
          }}
        />
      )}
      <Drawer open={open !== undefined} onClose={() => setOpen(undefined)} size={560} title={open}>
        {open && <InstructionTrail id={open} />}
      </Drawer>
    </div>
  );
}

function CycleCard({ cycle, now }: { cycle: SettlementCycleJson; now: number }) {
  const { t } = useT();
  const locale = useLocale();
  const dir = useDirectory();
  const decimals = dir.assetInfo(cycle.asset)?.decimals ?? 0;
  const signed = (v: string) => {
    const n = BigInt(v);
    return `${n < 0n ? '−' : n > 0n ? '+' : ''}${formatMoney(n < 0n ? -n : n, decimals, locale)}`;
  };
  return (
    <Card
      size="small"
      title={t('settlement.cycleTitle', { asset: cycle.asset })}
      extra={
        <Typography.Text strong data-testid={`cutoff-${cycle.asset}`}>
          {t('settlement.cutoffIn', { when: formatCountdown(Number(cycle.nextCutoff), now, locale) })}
        </Typography.Text>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('settlement.cycleInfo', {
          at: formatTime(cycle.nextCutoff, locale),
          every: formatDuration(Number(cycle.intervalMs), locale),
          rule: t(`settlement.shortfall.${cycle.onShortfall}`),
        })}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="account"
        pagination={false}
        dataSource={cycle.preview.positions}
        locale={{ emptyText: t('settlement.nothingToNet') }}
        columns={[
          { key: 'account', title: t('settlement.participant'), render: (_, p) => dir.accountName(p.account) },
          { key: 'position', title: t('settlement.netPosition'), align: 'right', render: (_, p) => signed(p.position) },
          {
            key: 'balance',
            title: t('accounts.balance'),
            align: 'right',
            render: (_, p) => formatMoney(BigInt(p.balance), decimals, locale),
          },
          {
            key: 'covered',
            title: t('settlement.covered'),
            render: (_, p) => (
              <Tag color={p.covered ? 'success' : 'error'}>{p.covered ? t('network.yes') : t('network.no')}</Tag>
            ),
          },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
        {t(`settlement.outcomes.${cycle.preview.outcome}`, { count: String(cycle.preview.instructions.length) })}
        {cycle.preview.excluded.length > 0 &&
          ` ${t('settlement.excluded', { who: cycle.preview.excluded.map((a) => dir.accountName(a)).join(', ') })}`}
      </Typography.Paragraph>
    </Card>
  );
}

function InstructionTrail({ id }: { id: string }) {
  const { t } = useT();
  const locale = useLocale();
  const detail = useCall('settlement.instruction', { id }, { refreshOn: ['blocks'] });
  if (detail.error) return <Alert type="error" showIcon title={errorText(detail.error, t)} />;
  if (!detail.data) return null;
  return (
    <Timeline
      items={detail.data.trail.map((e, i) => ({
        key: i,
        title: `${t('proposal.atBlock', { height: String(e.height) })} · ${formatTime(e.time, locale)}`,
        content: <span className="mono">{JSON.stringify(e.event)}</span>,
      }))}
    />
  );
}

/** The wall clock, ticking each second, for countdowns. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
