import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Col, Empty, Row, Segmented, Space, Spin, Typography } from 'antd';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { useApi, useCall } from '../../api/react.tsx';
import { deferred, firstScreenDone, lazyWithStyles, prefetchDeferred } from '../../app/deferred.ts';
import { useDirectory } from '../../app/directory.tsx';
import { errorText } from '../../app/errors.ts';
import { useNotices } from '../../app/notices.tsx';
import { markAfterPaint } from '../../app/startup-mark.ts';
import { AwaitingList } from './AwaitingList.tsx';
import { ProposalDetail } from './ProposalDetail.tsx';

// What the first screen does not show until asked: the dialog, the signer filter's drop-down (fetched once the inbox
// is up) and the table of recent proposals (on its tab). The first screen needs none of antd's Select or Table code.
const ProposeDialog = deferred(() => import('./ProposeDialog.tsx').then((m) => m.ProposeDialog));
const SignerFilter = deferred(() => import('./SignerFilter.tsx').then((m) => m.SignerFilter));
const RecentProposals = lazyWithStyles(() => import('./RecentProposals.tsx').then((m) => m.RecentProposals));

/**
 * The home view: what waits for a signature by one of this node's keys, soonest deadline first, next to the selected
 * proposal in full. A second tab lists recent proposals of every status (what was executed, rejected, expired).
 */
export function InboxView() {
  const { t } = useT();
  const client = useApi();
  const dir = useDirectory();
  const notify = useNotices();
  const inbox = useCall('proposal.inbox', {}, { refreshOn: ['proposals', 'blocks'] });
  const recent = useCall('proposal.list', { limit: 100 }, { refreshOn: ['proposals'] });
  const [tab, setTab] = useState<'awaiting' | 'recent'>('awaiting');
  const [signerFilter, setSignerFilter] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [proposing, setProposing] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const loaded = inbox.data !== undefined && dir.loaded;
  // The signer filter renders once the first screen is up: rendering it loads its code (antd's Select).
  const [settled, setSettled] = useState(firstScreenDone);
  useEffect(() => {
    // For start-up timing (the e2e test prints it): when the home view's first frame with real data was painted.
    // The later code (dialogs, the signer filter, antd's whole stylesheet) is fetched only after that frame: fetched
    // sooner, it competed with the first screen for the main thread (its stylesheet alone is ~1 MB to parse).
    if (loaded)
      markAfterPaint('countersign:inbox', () => {
        prefetchDeferred();
        setSettled(true);
      });
  }, [loaded]);

  const items = (inbox.data ?? []).filter((i) => !signerFilter || i.awaiting.includes(signerFilter));
  const shown = selected ?? (tab === 'awaiting' ? items[0]?.proposal.id : undefined);

  async function importApproval(file: File) {
    try {
      const result = await client.call('proposal.importApproval', { file: await file.text() });
      notify.success(t('inbox.imported', { status: t(`status.${result.status}`) }));
      setSelected(result.proposal);
    } catch (err) {
      notify.error(errorText(err, t));
    }
  }

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
          {settled ? (
            <Suspense fallback={<SignerFilterSpace />}>
              <SignerFilter value={signerFilter} onChange={setSignerFilter} />
            </Suspense>
          ) : (
            <SignerFilterSpace />
          )}
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
          <section className="panel">
            <Segmented
              style={{ marginBottom: 12 }}
              value={tab}
              onChange={(k) => {
                setTab(k);
                setSelected(undefined);
              }}
              options={[
                {
                  value: 'awaiting' as const,
                  label: <span data-testid="tab-awaiting">{`${t('inbox.tabAwaiting')} (${items.length})`}</span>,
                },
                { value: 'recent' as const, label: <span data-testid="tab-recent">{t('inbox.tabRecent')}</span> },
              ]}
            />
            {tab === 'awaiting' ? (
              <AwaitingList
                items={items}
                loading={inbox.loading && !inbox.data}
                selected={shown}
                onSelect={setSelected}
              />
            ) : (
              <Suspense fallback={<Spin />}>
                <RecentProposals proposals={recent} selected={shown} onSelect={setSelected} />
              </Suspense>
            )}
          </section>
        </Col>
        <Col xs={24} xl={11}>
          <section className="panel">
            {shown ? <ProposalDetail key={shown} id={shown} /> : <Empty description={t('inbox.select')} />}
          </section>
        </Col>
      </Row>
      {proposing && (
        <Suspense fallback={null}>
          <ProposeDialog
            onClose={() => setProposing(false)}
            onDone={(result) => {
              setProposing(false);
              notify.success(t('propose.done', { status: t(`status.${result.status}`) }));
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

/** The signer filter's place while its code loads, so the buttons beside it do not move. */
function SignerFilterSpace() {
  return <span style={{ display: 'inline-block', width: 220 }} />;
}
