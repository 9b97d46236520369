import { CheckCircleTwoTone, ClockCircleOutlined, CloseCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import type { GuardProgressJson, ProposalJson, SignerJson } from '../../../../shared/api/types.ts';
import { useApi, useCall } from '../../api/react.tsx';
import { deferred } from '../../app/deferred.ts';
import { useDirectory } from '../../app/directory.tsx';
import { errorText } from '../../app/errors.ts';
import { useNotices } from '../../app/notices.tsx';
import { useLocale } from '../../app/LocaleProvider.tsx';
import { accountLabel, describeActionText } from '../../format/describe.ts';
import { formatCountdown, formatTime } from '../../format/time.ts';
import { formatAssetAmount } from '../../format/units.ts';
import { downloadText, signingRequestFileName, signingRequestFileText } from './offline.ts';
import { approvableBy, progressLine } from './progress.ts';
import type { SignKind } from './SignDialog.tsx';

const SignDialog = deferred(() => import('./SignDialog.tsx').then((m) => m.SignDialog));

export const STATUS_COLORS: Record<string, string> = {
  pending: 'processing',
  executed: 'success',
  failed: 'error',
  rejected: 'error',
  cancelled: 'default',
  expired: 'warning',
};

/**
 * One proposal, in full: the sentence saying exactly what happens if it is approved, its amounts and accounts, each
 * guarding policy's progress, the deadline, the hash every approval signs, the node's own English line (with the
 * minor units actually signed) as a cross-check, the trail, and the actions this node's keys can take.
 */
export function ProposalDetail({ id }: { id: string }) {
  const { t } = useT();
  const locale = useLocale();
  const client = useApi();
  const dir = useDirectory();
  const notify = useNotices();
  const detail = useCall('proposal.get', { id }, { refreshOn: ['proposals'] });
  const [signing, setSigning] = useState<SignKind | undefined>();

  if (detail.error) return <Alert type="error" title={errorText(detail.error, t)} />;
  if (!detail.data) return <Spin />;
  const { proposal, progress, trail } = detail.data;
  const description = describeActionText(proposal.action, dir.describeContext, t);
  const pending = proposal.status === 'pending';
  const approvers = approvableBy(progress, dir.signers);
  const rejecters = rejectableBy(progress, dir.signers);
  const proposerKey = dir.signers.filter((s) => s.id === proposal.proposer);
  const candidates: Record<SignKind, SignerJson[]> = {
    approve: dir.signers.filter((s) => approvers.includes(s.label)),
    reject: dir.signers.filter((s) => rejecters.includes(s.label)),
    cancel: proposerKey,
  };

  async function exportRequest() {
    try {
      const request = await client.call('proposal.signingRequest', { id });
      downloadText(signingRequestFileName(request), signingRequestFileText(request));
    } catch (err) {
      notify.error(errorText(err, t));
    }
  }

  return (
    <div data-testid="proposal-detail" data-status={proposal.status}>
      <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="proposal-description">
        {description}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color={STATUS_COLORS[proposal.status]} data-testid="proposal-status">
          {t(`status.${proposal.status}`)}
        </Tag>
        {pending && (
          <Typography.Text type={Number(proposal.expiresAt) - Date.now() < 3_600_000 ? 'danger' : 'secondary'}>
            <ClockCircleOutlined />{' '}
            {t('proposal.expiresIn', { when: formatCountdown(Number(proposal.expiresAt), Date.now(), locale) })}
          </Typography.Text>
        )}
      </Space>
      <Descriptions size="small" column={1} bordered items={actionItems(proposal, t, dir, locale)} />
      <Typography.Title level={5}>{t('proposal.policies')}</Typography.Title>
      {progress.map((g) => (
        <PolicyProgress key={g.guard} guard={g} />
      ))}
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'hash',
            label: t('proposal.hash'),
            children: (
              <Typography.Text className="mono" copyable data-testid="proposal-hash">
                {proposal.id}
              </Typography.Text>
            ),
          },
          {
            key: 'proposer',
            label: t('proposal.proposer'),
            children: `${dir.signatoryName(proposal.proposer)} · ${t('proposal.atBlock', { height: String(proposal.created.height) })} · ${formatTime(proposal.created.time, locale)}`,
          },
          { key: 'expires', label: t('proposal.expires'), children: formatTime(proposal.expiresAt, locale) },
          ...(proposal.closed
            ? [
                {
                  key: 'closed',
                  label: t('proposal.closed'),
                  children: `${proposal.closed.code}${proposal.closed.message ? ` — ${proposal.closed.message}` : ''} · ${t('proposal.atBlock', { height: String(proposal.closed.height) })}`,
                },
              ]
            : []),
        ]}
      />
      {pending && (
        <Space wrap style={{ margin: '12px 0' }}>
          <Button
            type="primary"
            disabled={candidates.approve.length === 0}
            onClick={() => setSigning('approve')}
            data-testid="approve-button"
          >
            {t('proposal.approve')}
          </Button>
          <Button danger disabled={candidates.reject.length === 0} onClick={() => setSigning('reject')}>
            {t('proposal.reject')}
          </Button>
          <Button disabled={candidates.cancel.length === 0} onClick={() => setSigning('cancel')}>
            {t('proposal.cancel')}
          </Button>
          <Button onClick={() => void exportRequest()} data-testid="export-request">
            {t('proposal.exportRequest')}
          </Button>
        </Space>
      )}
      <Typography.Title level={5}>{t('proposal.trail')}</Typography.Title>
      <Timeline
        items={trail.map((e, i) => ({
          key: `${e.txId}-${i}`,
          title: `${t('proposal.atBlock', { height: String(e.height) })} · ${formatTime(e.time, locale)}`,
          content: trailText(e.event as { type: string } & Record<string, unknown>, dir.signatoryName, t),
        }))}
      />
      {signing && (
        <Suspense fallback={null}>
          <SignDialog
            kind={signing}
            proposalId={proposal.id}
            description={description}
            candidates={candidates[signing]}
            onClose={() => setSigning(undefined)}
            onDone={(result) => {
              setSigning(undefined);
              notify.success(t('sign.done', { status: t(`status.${result.status}`) }));
              detail.reload();
              dir.reload();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}

function PolicyProgress({ guard }: { guard: GuardProgressJson }) {
  const { t } = useT();
  const icon = (status: string) =>
    status === 'approved' ? (
      <CheckCircleTwoTone twoToneColor="#52c41a" />
    ) : status === 'rejected' ? (
      <CloseCircleTwoTone twoToneColor="#ff4d4f" />
    ) : status === 'dropped' ? (
      <MinusCircleOutlined />
    ) : (
      <ClockCircleOutlined />
    );
  return (
    <div style={{ marginBottom: 8 }} data-testid={`progress-${guard.guard}`}>
      <Typography.Text strong>{guard.guard === 'governance' ? t('proposal.governance') : guard.guard}</Typography.Text>{' '}
      <Tag color={guard.satisfied ? 'success' : 'processing'}>
        {guard.satisfied ? t('progress.satisfied') : t('progress.waiting')}
      </Tag>
      <div>
        <Typography.Text type="secondary">{progressLine(guard, t)}</Typography.Text>
      </div>
      <Space wrap size={4} style={{ marginTop: 4 }}>
        {guard.signatories.map((s) => (
          <Tag key={s.id} icon={icon(s.status)}>
            {s.name}
            {s.weight !== 1 ? ` ×${s.weight}` : ''}
          </Tag>
        ))}
      </Space>
    </div>
  );
}

type Dir = ReturnType<typeof useDirectory>;

function actionItems(
  proposal: ProposalJson,
  t: (k: string, v?: Record<string, string>) => string,
  dir: Dir,
  locale: string,
) {
  const a = proposal.action;
  const str = (k: string) => (a[k] === undefined ? undefined : String(a[k]));
  const items: { key: string; label: string; children: string }[] = [
    {
      key: 'type',
      label: t('proposal.action'),
      children: t(`actionType.${a.type}`, { defaultValue: a.type } as never),
    },
  ];
  const asset = str('asset') ?? str('currency');
  const amount = str('amount') ?? str('faceValue');
  if (asset && amount) {
    const info = dir.assetInfo(asset);
    items.push({
      key: 'amount',
      label: t('proposal.amount'),
      children: formatAssetAmount(amount, asset, info, locale),
    });
    items.push({
      key: 'minor',
      label: t('proposal.minorUnits'),
      children: `${amount} (${t('proposal.decimals', { n: String(info?.decimals ?? '?') })})`,
    });
  }
  for (const k of ['from', 'to', 'drawer', 'payee']) {
    const v = str(k);
    if (v) items.push({ key: k, label: t(`proposal.${k}`), children: accountLabel(v, dir.describeContext) });
  }
  if (str('instruction'))
    items.push({ key: 'instruction', label: t('proposal.instruction'), children: str('instruction')! });
  if (a.type === 'settlement.action') {
    items.push({ key: 'queue', label: t('proposal.queueAction'), children: t(`settlement.${str('action')}`) });
  }
  if (str('memo')) items.push({ key: 'memo', label: t('proposal.memo'), children: str('memo')! });
  if (proposal.account)
    items.push({
      key: 'account',
      label: t('proposal.account'),
      children: accountLabel(proposal.account, dir.describeContext),
    });
  return items;
}

function rejectableBy(progress: readonly GuardProgressJson[], signers: readonly SignerJson[]): string[] {
  const ids = new Set(progress.flatMap((g) => g.signatories.filter((s) => s.status === 'pending').map((s) => s.id)));
  return signers.filter((s) => ids.has(s.id)).map((s) => s.label);
}

function trailText(
  event: { type: string } & Record<string, unknown>,
  name: (id: string) => string,
  t: (k: string, v?: Record<string, string>) => string,
): string {
  const who =
    typeof event['signatory'] === 'string'
      ? name(event['signatory'])
      : typeof event['proposer'] === 'string'
        ? name(event['proposer'])
        : '';
  const base = t(`trail.${event.type}`, { who, defaultValue: event.type } as never);
  return typeof event['reason'] === 'string' ? `${base}: ${event['reason']}` : base;
}
