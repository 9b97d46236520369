import { Card, Col, Descriptions, Drawer, Empty, Row, Select, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import type { TrailEntryJson } from '../../../../shared/api/types.ts';
import { useCall } from '../../api/react.tsx';
import type { AccountJson, AssetJson, BillJson } from '../../api/results.ts';
import { useDirectory } from '../../app/directory.tsx';
import { navigate } from '../../app/route.ts';
import { useLocale } from '../../app/LocaleProvider.tsx';
import { formatTime } from '../../format/time.ts';
import { formatAssetAmount } from '../../format/units.ts';
import { HistoryList } from './HistoryList.tsx';

/** Accounts with their balances and history, the assets on the ledger, and the bill register. */
export default function AccountsView({ params }: { params: URLSearchParams }) {
  const { t } = useT();
  const [tab, setTab] = useState(params.get('tab') ?? 'accounts');
  return (
    <div data-testid="accounts-view">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('accounts.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'accounts',
            label: t('accounts.tabAccounts'),
            children: <AccountsTab selected={params.get('account') ?? undefined} />,
          },
          {
            key: 'assets',
            label: <span data-testid="tab-assets">{t('accounts.tabAssets')}</span>,
            children: <AssetsTab />,
          },
          {
            key: 'bills',
            label: <span data-testid="tab-bills">{t('accounts.tabBills')}</span>,
            children: <BillsTab />,
          },
        ]}
      />
    </div>
  );
}

/** The selected account lives in the URL (#/accounts?account=…), so it survives switching views and reloads. */
function AccountsTab({ selected }: { selected: string | undefined }) {
  const { t } = useT();
  const dir = useDirectory();
  const setSelected = (account: string) => navigate('accounts', { account });
  const account = selected ?? dir.accounts.find((a) => a.id.endsWith('.treasury'))?.id ?? dir.accounts[0]?.id;
  return (
    <Row gutter={16}>
      <Col xs={24} xl={9}>
        <Card size="small" title={t('accounts.list')}>
          <Table<AccountJson>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={dir.accounts}
            onRow={(a) =>
              ({
                onClick: () => setSelected(a.id),
                style: { cursor: 'pointer', background: a.id === account ? '#e6f4ff' : undefined },
                'data-testid': `account-row-${a.id}`,
              }) as object
            }
            columns={[
              { key: 'id', title: t('accounts.id'), render: (_, a) => <span className="mono">{a.id}</span> },
              { key: 'name', title: t('accounts.name'), dataIndex: 'name' },
              {
                key: 'policy',
                title: t('accounts.policy'),
                width: 90,
                render: (_, a) =>
                  t('progress.count', {
                    threshold: String(a.policy.threshold),
                    count: String(a.policy.signatories.length),
                  }),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        {account ? <AccountPanel key={account} account={account} /> : <Empty />}
      </Col>
    </Row>
  );
}

function AccountPanel({ account }: { account: string }) {
  const { t } = useT();
  const locale = useLocale();
  const dir = useDirectory();
  const detail = useCall('account.get', { account }, { refreshOn: ['blocks'] });
  const [asset, setAsset] = useState<string | undefined>();
  const a = detail.data;
  return (
    <Card size="small" title={a ? `${a.name} (${a.id})` : account} data-testid="account-panel">
      {a && (
        <>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'owner', label: t('accounts.owner'), children: dir.memberName(a.owner) },
              {
                key: 'policy',
                label: t('accounts.policy'),
                children: `${t('progress.count', { threshold: String(a.policy.threshold), count: String(a.policy.signatories.length) })}: ${a.policy.signatories.map((s) => dir.signatoryName(s.signatory)).join(', ')}`,
              },
            ]}
          />
          <Table
            size="small"
            rowKey="asset"
            pagination={false}
            style={{ marginBottom: 12 }}
            dataSource={a.balances}
            columns={[
              { key: 'asset', title: t('history.asset'), dataIndex: 'asset' },
              {
                key: 'amount',
                title: t('accounts.balance'),
                align: 'right',
                render: (_, b) => (
                  <span data-testid={`balance-${a.id}-${b.asset}`} data-minor={b.amount}>
                    {formatAssetAmount(b.amount, b.asset, dir.assetInfo(b.asset), locale)}
                  </span>
                ),
              },
            ]}
          />
        </>
      )}
      <Select
        allowClear
        size="small"
        placeholder={t('accounts.allAssets')}
        style={{ width: 200, marginBottom: 8 }}
        value={asset}
        onChange={setAsset}
        options={(a?.balances ?? []).map((b) => ({ value: b.asset, label: b.asset }))}
      />
      <HistoryList account={account} asset={asset} />
    </Card>
  );
}

function AssetsTab() {
  const { t } = useT();
  const locale = useLocale();
  const dir = useDirectory();
  return (
    <Table<AssetJson>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={dir.assets}
      columns={[
        { key: 'id', title: t('assets.id'), dataIndex: 'id' },
        { key: 'name', title: t('assets.name'), dataIndex: 'name' },
        {
          key: 'kind',
          title: t('assets.kind'),
          render: (_, a) => <Tag>{t(`assets.kinds.${a.kind}`, { defaultValue: a.kind } as never)}</Tag>,
        },
        { key: 'code', title: t('assets.code'), render: (_, a) => <span className="mono">{a.code}</span> },
        { key: 'decimals', title: t('assets.decimals'), dataIndex: 'decimals', width: 80 },
        { key: 'issuer', title: t('assets.issuer'), render: (_, a) => dir.accountName(a.issuer) },
        {
          key: 'supply',
          title: t('assets.supply'),
          align: 'right',
          render: (_, a) => formatAssetAmount(a.supply, a.id, dir.assetInfo(a.id), locale),
        },
      ]}
    />
  );
}

function BillsTab() {
  const { t } = useT();
  const locale = useLocale();
  const dir = useDirectory();
  const bills = useCall('bill.list', {}, { refreshOn: ['blocks'] });
  const [open, setOpen] = useState<string | undefined>();
  return (
    <>
      <Table<BillJson>
        size="small"
        rowKey="serial"
        pagination={false}
        dataSource={bills.data ?? []}
        loading={bills.loading && !bills.data}
        onRow={(b) => ({ onClick: () => setOpen(b.serial), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'serial', title: t('bills.serial'), render: (_, b) => <span className="mono">{b.serial}</span> },
          { key: 'drawer', title: t('bills.drawer'), render: (_, b) => dir.accountName(b.drawer) },
          { key: 'payee', title: t('bills.payee'), render: (_, b) => dir.accountName(b.payee) },
          { key: 'holder', title: t('bills.holder'), render: (_, b) => dir.accountName(b.holder) },
          {
            key: 'face',
            title: t('bills.faceValue'),
            align: 'right',
            render: (_, b) => formatAssetAmount(b.faceValue, b.currency, dir.assetInfo(b.currency), locale),
          },
          { key: 'maturity', title: t('bills.maturity'), render: (_, b) => formatTime(b.maturity, locale) },
          { key: 'status', title: t('bills.status'), render: (_, b) => <Tag>{t(`bills.statuses.${b.status}`)}</Tag> },
          { key: 'endorsements', title: t('bills.endorsements'), dataIndex: 'endorsements', width: 90 },
        ]}
      />
      <Drawer open={open !== undefined} onClose={() => setOpen(undefined)} size={560} title={open}>
        {open && <BillChain serial={open} />}
      </Drawer>
    </>
  );
}

function BillChain({ serial }: { serial: string }) {
  const { t } = useT();
  const locale = useLocale();
  const dir = useDirectory();
  const bill = useCall('bill.get', { serial });
  if (!bill.data) return null;
  const text = (e: TrailEntryJson) => {
    const ev = e.event as { type: string } & Record<string, string>;
    const name = (k: string) => (ev[k] ? dir.accountName(ev[k]) : '');
    return t(`bills.events.${ev.type}`, {
      from: name('from'),
      to: name('to'),
      drawer: name('drawer'),
      payee: name('payee'),
      holder: name('holder'),
      defaultValue: ev.type,
    } as never);
  };
  return (
    <Timeline
      items={bill.data.chain.map((e, i) => ({
        key: i,
        title: `${t('proposal.atBlock', { height: String(e.height) })} · ${formatTime(e.time, locale)}`,
        content: text(e),
      }))}
    />
  );
}
