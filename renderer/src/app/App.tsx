import {
  AuditOutlined,
  ClusterOutlined,
  FileProtectOutlined,
  InboxOutlined,
  KeyOutlined,
  SwapOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { Badge, Layout, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { useT } from '../i18n/use-t.ts';
import type { ApiClient } from '../api/client.ts';
import { ApiProvider, useCall, useConnectionState } from '../api/react.tsx';
import { setLanguage, type Language } from '../i18n/index.ts';
import { InboxView } from '../views/inbox/InboxView.tsx';
import { lazyWithStyles } from './deferred.ts';
import { DirectoryProvider } from './directory.tsx';
import { NoticesProvider } from './notices.tsx';
import { routeHash, useRoute, VIEWS, type View } from './route.ts';
import { SessionProvider } from './session.tsx';

// The inbox is the home view and is bundled with the shell; the others load on first use (the network view brings
// the charting library), with antd's whole stylesheet (deferred.ts).
const AccountsView = lazyWithStyles(() => import('../views/accounts/AccountsView.tsx').then((m) => m.default));
const SettlementView = lazyWithStyles(() => import('../views/settlement/SettlementView.tsx').then((m) => m.default));
const ContractsView = lazyWithStyles(() => import('../views/contracts/ContractsView.tsx').then((m) => m.default));
const NetworkView = lazyWithStyles(() => import('../views/network/NetworkView.tsx').then((m) => m.default));
const BlocksView = lazyWithStyles(() => import('../views/blocks/BlocksView.tsx').then((m) => m.default));
const SettingsView = lazyWithStyles(() => import('../views/settings/SettingsView.tsx').then((m) => m.default));

const ICONS: Record<View, ReactNode> = {
  inbox: <InboxOutlined />,
  accounts: <WalletOutlined />,
  settlement: <SwapOutlined />,
  contracts: <FileProtectOutlined />,
  network: <ClusterOutlined />,
  blocks: <AuditOutlined />,
  settings: <KeyOutlined />,
};

export function App({ client }: { client: ApiClient }) {
  return (
    <ApiProvider client={client}>
      <DirectoryProvider>
        <SessionProvider>
          <NoticesProvider>
            <Shell />
          </NoticesProvider>
        </SessionProvider>
      </DirectoryProvider>
    </ApiProvider>
  );
}

function Shell() {
  const route = useRoute();
  return (
    <Layout className="shell" style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light" className="no-print" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '14px 20px', fontWeight: 600, fontSize: 16 }}>Countersign</div>
        <SideNav current={route.view} />
      </Layout.Sider>
      <Layout>
        <Header />
        <Layout.Content style={{ padding: 16 }}>
          <Suspense fallback={<Spin />}>
            <CurrentView view={route.view} params={route.params} />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/**
 * The views as plain links to their routes (base.css styles them like antd's inline menu): they need none of a
 * menu widget's code (popups, overflow measuring, keyboard roving), which would all be on the start-up path; focus,
 * Enter and the current page (aria-current) work as for any link.
 */
function SideNav({ current }: { current: View }) {
  const { t } = useT();
  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      {VIEWS.map((v) => (
        <a key={v} href={routeHash(v)} aria-current={v === current ? 'page' : undefined} data-testid={`nav-${v}`}>
          {ICONS[v]}
          <span>{t(`nav.${v}`)}</span>
        </a>
      ))}
    </nav>
  );
}

function CurrentView({ view, params }: { view: View; params: URLSearchParams }) {
  switch (view) {
    case 'inbox':
      return <InboxView />;
    case 'accounts':
      return <AccountsView params={params} />;
    case 'settlement':
      return <SettlementView />;
    case 'contracts':
      return <ContractsView />;
    case 'network':
      return <NetworkView />;
    case 'blocks':
      return <BlocksView params={params} />;
    case 'settings':
      return <SettingsView />;
  }
}

function Header() {
  const { t, language } = useT();
  const state = useConnectionState();
  const status = useCall('node.status', {}, { refreshOn: ['blocks'] });
  const badge = state === 'open' ? 'success' : state === 'connecting' ? 'processing' : 'error';
  return (
    <Layout.Header
      className="no-print"
      style={{
        background: '#fff',
        borderBottom: '1px solid #f0f0f0',
        padding: '0 16px',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        height: 48,
        lineHeight: '48px',
      }}
    >
      <Space size="middle">
        <Badge status={badge} text={t(`connection.${state}`)} data-testid="connection-state" />
        {status.data && (
          <>
            <Tag>{status.data.chainId}</Tag>
            <Typography.Text type="secondary" data-testid="tip-height">
              {t('header.height', { height: String(status.data.height) })}
            </Typography.Text>
          </>
        )}
      </Space>
      <Segmented
        size="small"
        value={language}
        onChange={(v) => setLanguage(v as Language)}
        options={[
          { label: '中文', value: 'zh-CN' },
          { label: 'English', value: 'en' },
        ]}
        data-testid="language-switch"
      />
    </Layout.Header>
  );
}
