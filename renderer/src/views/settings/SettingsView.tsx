import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Descriptions, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import type { SignerJson } from '../../../../shared/api/types.ts';
import { forgetToken } from '../../api/pick-transport.ts';
import { useApi, useCall, useConnectionState } from '../../api/react.tsx';
import { useDirectory } from '../../app/directory.tsx';
import { useNotices } from '../../app/notices.tsx';
import { useSigningSession } from '../../app/session.tsx';
import { setLanguage, type Language } from '../../i18n/index.ts';

/**
 * This node's signing keys (what they are, whose they are; never the keys), the language, and the connection. In the
 * app, keystore and token keys can be unlocked for the session (the main process holds the secret and forgets it
 * when idle); in the browser console, "lock" forgets the API token of this tab.
 */
export default function SettingsView() {
  const { t, language } = useT();
  const client = useApi();
  const dir = useDirectory();
  const session = useSigningSession();
  const state = useConnectionState();
  const status = useCall('node.status', {}, { refreshOn: ['blocks'] });
  const notify = useNotices();
  const [unlocking, setUnlocking] = useState<SignerJson | undefined>();
  const [secret, setSecret] = useState('');

  return (
    <div data-testid="settings-view">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('settings.title')}
      </Typography.Title>
      <Card size="small" title={t('settings.keys')}>
        <Table<SignerJson>
          size="small"
          rowKey="label"
          pagination={false}
          dataSource={dir.signers}
          columns={[
            { key: 'label', title: t('settings.label'), render: (_, s) => <strong>{s.label}</strong> },
            { key: 'kind', title: t('settings.kind'), render: (_, s) => <Tag>{t(`keys.kind.${s.kind}`)}</Tag> },
            { key: 'scheme', title: t('settings.scheme'), dataIndex: 'scheme' },
            {
              key: 'signatory',
              title: t('settings.signatory'),
              render: (_, s) =>
                s.signatory
                  ? `${s.signatory.name} · ${dir.memberName(s.signatory.member)}`
                  : t('settings.notSignatory'),
            },
            { key: 'id', title: t('settings.id'), render: (_, s) => <span className="mono">{s.id}</span> },
            {
              key: 'state',
              title: t('settings.state'),
              render: (_, s) =>
                s.secret === 'none' ? (
                  <Typography.Text type="secondary">{t('settings.noSecret')}</Typography.Text>
                ) : session.unlocked.has(s.label) ? (
                  <Badge status="success" text={t('settings.unlocked')} />
                ) : session.available ? (
                  <Button size="small" icon={<UnlockOutlined />} onClick={() => setUnlocking(s)}>
                    {t('settings.unlock')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{t(`settings.askEach.${s.secret}`)}</Typography.Text>
                ),
            },
          ]}
        />
        {session.available && (
          <Button style={{ marginTop: 8 }} icon={<LockOutlined />} onClick={() => void session.lock()}>
            {t('settings.lockKeys')}
          </Button>
        )}
        {dir.signers.some((s) => s.kind === 'dev') && (
          <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
            {t('settings.devWarning')}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={t('settings.language')} style={{ marginTop: 16 }}>
        <Segmented
          value={language}
          onChange={(v) => setLanguage(v as Language)}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'English', value: 'en' },
          ]}
        />
      </Card>
      <Card size="small" title={t('settings.connection')} style={{ marginTop: 16 }}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'transport',
              label: t('settings.transport'),
              children: t(`settings.transports.${client.transport.kind}`),
            },
            {
              key: 'state',
              label: t('settings.state'),
              children: <Badge status={state === 'open' ? 'success' : 'error'} text={t(`connection.${state}`)} />,
            },
            ...(client.transport.kind === 'websocket'
              ? [
                  {
                    key: 'url',
                    label: t('settings.node'),
                    children: <span className="mono">{window.location.host}</span>,
                  },
                ]
              : []),
            { key: 'chain', label: t('network.chain'), children: status.data?.chainId ?? '—' },
            { key: 'height', label: t('network.height'), children: status.data?.height ?? '—' },
          ]}
        />
        {client.transport.kind === 'websocket' && (
          <Space style={{ marginTop: 8 }}>
            <Button
              icon={<LockOutlined />}
              onClick={() => {
                forgetToken();
                client.transport.close();
                window.location.reload();
              }}
              data-testid="lock-console"
            >
              {t('settings.lockConsole')}
            </Button>
          </Space>
        )}
      </Card>
      {unlocking && (
        <Modal
          open
          title={t('settings.unlockTitle', { label: unlocking.label })}
          onCancel={() => setUnlocking(undefined)}
          onOk={() => {
            const label = unlocking.label;
            session
              .unlock(label, secret)
              .then(() => {
                setUnlocking(undefined);
                setSecret('');
              })
              .catch((err: unknown) => notify.error(err instanceof Error ? err.message : String(err)));
          }}
        >
          <Input.Password
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            placeholder={unlocking.secret === 'pin' ? t('sign.pin') : t('sign.passphrase')}
            autoComplete="off"
          />
        </Modal>
      )}
    </div>
  );
}
