import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Row,
  Segmented,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useCall } from '../../api/react.tsx';
import type { ContractJson, ContractTemplateJson } from '../../api/results.ts';
import { useDirectory } from '../../app/directory.tsx';
import { errorText } from '../../app/errors.ts';
import { useLocale } from '../../app/LocaleProvider.tsx';
import { formatTime } from '../../format/time.ts';
import { formatAssetAmount } from '../../format/units.ts';
import { useT } from '../../i18n/use-t.ts';
import { ContractWizard } from './ContractWizard.tsx';
import { keysFor, ProposeActionDialog, type ProposedAction } from './ProposeActionDialog.tsx';

const STATUS_COLORS: Record<string, string> = {
  drafted: 'processing',
  active: 'blue',
  executed: 'success',
  expired: 'warning',
  terminated: 'default',
  defaulted: 'error',
};
type StatusFilter = 'all' | ContractJson['status'];

/**
 * Contracts: each instance with its parties, terms and status, who still has to co-sign a draft (and signing for a
 * party whose account a key of this node can approve for), each contract's timeline of steps, the template registry,
 * and a wizard that drafts a new contract from a template's own description of its roles and terms.
 */
export default function ContractsView() {
  const { t } = useT();
  const locale = useLocale();
  const dir = useDirectory();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [open, setOpen] = useState<string | undefined>();
  const [drafting, setDrafting] = useState(false);
  const list = useCall('contract.list', status === 'all' ? {} : { status }, { refreshOn: ['blocks'] });
  const templates = useCall('contract.templates', {});

  return (
    <div data-testid="contracts-view">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('contracts.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)} disabled={!templates.data}>
          {t('contracts.new')}
        </Button>
      </Space>
      {list.error && <Alert type="error" showIcon title={errorText(list.error, t)} style={{ marginBottom: 12 }} />}
      <Tabs
        items={[
          {
            key: 'contracts',
            label: t('contracts.tabContracts'),
            children: (
              <>
                <Segmented
                  style={{ marginBottom: 12 }}
                  value={status}
                  onChange={(v) => setStatus(v as StatusFilter)}
                  options={(
                    ['all', 'drafted', 'active', 'executed', 'expired', 'terminated', 'defaulted'] as const
                  ).map((s) => ({
                    value: s,
                    label: t(`contracts.statuses.${s}`),
                  }))}
                />
                <Table<ContractJson>
                  size="small"
                  rowKey="id"
                  dataSource={list.data ?? []}
                  loading={list.loading && !list.data}
                  pagination={{ pageSize: 25, size: 'small', hideOnSinglePage: true }}
                  onRow={(c) => ({ onClick: () => setOpen(c.id), style: { cursor: 'pointer' } })}
                  columns={[
                    { key: 'id', title: t('contracts.id'), render: (_, c) => <span className="mono">{c.id}</span> },
                    {
                      key: 'template',
                      title: t('contracts.template'),
                      render: (_, c) => `${c.template} v${c.version}`,
                    },
                    {
                      key: 'parties',
                      title: t('contracts.parties'),
                      render: (_, c) => c.parties.map((p) => `${p.role}: ${dir.accountName(p.account)}`).join(' · '),
                    },
                    {
                      key: 'status',
                      title: t('contracts.status'),
                      render: (_, c) => (
                        <Tag color={STATUS_COLORS[c.status]}>{t(`contracts.statuses.${c.status}`)}</Tag>
                      ),
                    },
                    {
                      key: 'next',
                      title: t('contracts.next'),
                      render: (_, c) =>
                        c.status === 'drafted'
                          ? t('contracts.signBy', { when: formatTime(c.signBy, locale) })
                          : c.nextAt
                            ? formatTime(c.nextAt, locale)
                            : '—',
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'templates',
            label: t('contracts.tabTemplates'),
            children: <Templates templates={templates.data ?? []} />,
          },
        ]}
      />
      <Drawer open={open !== undefined} onClose={() => setOpen(undefined)} size={640} title={open}>
        {open && <ContractDetail id={open} templates={templates.data ?? []} />}
      </Drawer>
      {drafting && templates.data && (
        <ContractWizard
          templates={templates.data}
          onClose={() => setDrafting(false)}
          onDone={() => setDrafting(false)}
        />
      )}
    </div>
  );
}

function ContractDetail({ id, templates }: { id: string; templates: readonly ContractTemplateJson[] }) {
  const { t } = useT();
  const locale = useLocale();
  const dir = useDirectory();
  const detail = useCall('contract.get', { id }, { refreshOn: ['blocks'] });
  const [acting, setActing] = useState<{ title: string; action: ProposedAction; account: string } | undefined>();
  if (detail.error) return <Alert type="error" showIcon title={errorText(detail.error, t)} />;
  if (!detail.data) return null;
  const { contract: c, unsigned, holdings, timeline } = detail.data;
  const template = templates.find((x) => x.id === c.template && x.version === c.version);
  const termText = (name: string, value: string | boolean) => {
    const spec = template?.terms.find((s) => s.name === name);
    if (typeof value === 'boolean') return String(value);
    if (spec?.kind === 'amount') {
      const asset = String(c.terms[spec.asset ?? 'asset'] ?? '');
      return formatAssetAmount(value, asset, dir.assetInfo(asset), locale);
    }
    if (spec?.kind === 'time') return formatTime(value, locale);
    if (spec?.kind === 'duration') return `${Number(value) / 86_400_000} d`;
    return value;
  };
  return (
    <div data-testid="contract-detail">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'template',
            label: t('contracts.template'),
            children: `${template?.title ?? c.template} (v${c.version})`,
          },
          {
            key: 'status',
            label: t('contracts.status'),
            children: <Tag color={STATUS_COLORS[c.status]}>{t(`contracts.statuses.${c.status}`)}</Tag>,
          },
          ...c.parties.map((p) => ({
            key: `party-${p.role}`,
            label: p.role,
            children: `${dir.accountName(p.account)} (${p.account}) ${c.signatures.some((s) => s.role === p.role) ? '✓' : ''}`,
          })),
          ...Object.entries(c.terms).map(([name, value]) => ({
            key: `term-${name}`,
            label: name,
            children: termText(name, value),
          })),
          ...(c.status === 'drafted'
            ? [{ key: 'signBy', label: t('contracts.signByLabel'), children: formatTime(c.signBy, locale) }]
            : []),
          ...holdings.map((h) => ({
            key: `holding-${h.asset}`,
            label: t('contracts.holding'),
            children: formatAssetAmount(h.amount, h.asset, dir.assetInfo(h.asset), locale),
          })),
        ]}
      />
      {unsigned.length > 0 && (
        <Card size="small" title={t('contracts.awaitingSignatures')} style={{ marginTop: 12 }}>
          <Space wrap>
            {unsigned.map((role) => {
              const account = c.parties.find((p) => p.role === role)!.account;
              return (
                <Button
                  key={role}
                  disabled={keysFor(account, dir).length === 0}
                  onClick={() =>
                    setActing({
                      title: t('contracts.signAs', { role, id: c.id }),
                      action: { type: 'contract.sign', contract: c.id, party: role },
                      account,
                    })
                  }
                >
                  {t('contracts.signAs', { role, id: c.id })}
                </Button>
              );
            })}
          </Space>
        </Card>
      )}
      <Typography.Title level={5}>{t('contracts.timeline')}</Typography.Title>
      <Timeline
        items={timeline.map((e, i) => ({
          key: i,
          title: `${t('proposal.atBlock', { height: String(e.height) })} · ${formatTime(e.time, locale)}`,
          content: <span className="mono">{JSON.stringify(e.event)}</span>,
        }))}
      />
      {acting && (
        <ProposeActionDialog
          title={acting.title}
          description={acting.title}
          action={acting.action}
          candidates={keysFor(acting.account, dir)}
          onClose={() => setActing(undefined)}
          onDone={() => {
            setActing(undefined);
            detail.reload();
          }}
        />
      )}
    </div>
  );
}

function Templates({ templates }: { templates: readonly ContractTemplateJson[] }) {
  const { t } = useT();
  return (
    <Row gutter={[16, 16]}>
      {templates.map((tpl) => (
        <Col key={`${tpl.id}@${tpl.version}`} xs={24} xl={12}>
          <Card size="small" title={`${tpl.title} — ${tpl.id} v${tpl.version}`}>
            <Typography.Paragraph>{tpl.description}</Typography.Paragraph>
            <Descriptions
              size="small"
              column={1}
              items={[
                ...tpl.roles.map((r) => ({
                  key: `r-${r.name}`,
                  label: `${t('contracts.role')} ${r.name}${r.required ? '' : ` (${t('contracts.optional')})`}`,
                  children: r.description,
                })),
                ...tpl.terms.map((s) => ({
                  key: `t-${s.name}`,
                  label: `${s.name} · ${s.kind}${s.required ? '' : ` (${t('contracts.optional')})`}`,
                  children: s.description,
                })),
              ]}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
