import { Alert, Badge, Card, Col, Descriptions, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useT } from '../../i18n/use-t.ts';
import type { PeerJson, StatusJson, ValidatorJson } from '../../../../shared/api/types.ts';
import { useCall } from '../../api/react.tsx';
import { shortHash } from '../../format/time.ts';
import { BlockChart } from './BlockChart.tsx';
import { networkAlerts } from './alerts.ts';

/**
 * For operators: this node and the network as it sees it — every validator's height, lag, last vote and missed votes,
 * the peers with their latency, the consensus round and step, sync progress, alerts, and recent block times.
 */
export default function NetworkView() {
  const { t } = useT();
  const status = useCall('node.status', {}, { refreshOn: ['blocks'] });
  const blocks = useCall('block.list', { limit: 60 }, { refreshOn: ['blocks'] });
  const s = status.data;
  if (!s) return null;
  const alerts = networkAlerts(s);
  return (
    <div data-testid="network-view">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('network.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card size="small">
            <Space size={48} wrap>
              <Statistic title={t('network.height')} value={s.height} />
              <Statistic title={t('network.validators')} value={s.validators.length} />
              <Statistic
                title={t('network.peersConnected')}
                value={`${s.peers.filter((p) => p.connected).length} / ${s.peers.length}`}
              />
              <Statistic title={t('network.mempool')} value={s.mempool} />
              <Statistic title={t('network.outbox')} value={s.outbox} />
              <Statistic
                title={t('network.consensus')}
                value={
                  s.consensus
                    ? `${s.consensus.height}/${s.consensus.round} ${t(`network.steps.${s.consensus.step}`)}`
                    : t('network.solo')
                }
              />
            </Space>
          </Card>
        </Col>
        {alerts.length > 0 && (
          <Col span={24}>
            {alerts.map((a) => (
              <Alert
                key={a.key}
                type={a.level}
                showIcon
                title={t(`network.alerts.${a.kind}`, a.values)}
                style={{ marginBottom: 4 }}
              />
            ))}
          </Col>
        )}
        <Col xs={24} xl={14}>
          <Card size="small" title={t('network.validatorsTitle')}>
            <ValidatorsTable status={s} />
          </Card>
          <Card size="small" title={t('network.peersTitle')} style={{ marginTop: 16 }}>
            <PeersTable peers={s.peers} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('network.nodeTitle')}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'chain', label: t('network.chain'), children: s.chainId },
                { key: 'role', label: t('network.role'), children: t(`network.roles.${s.role}`) },
                { key: 'validator', label: t('network.validatorKey'), children: s.validator ?? '—' },
                {
                  key: 'hash',
                  label: t('network.lastBlock'),
                  children: <span className="mono">{s.lastBlockHash ?? '—'}</span>,
                },
                { key: 'app', label: t('network.appHash'), children: <span className="mono">{s.appHash}</span> },
              ]}
            />
            <div style={{ marginTop: 8 }}>
              <Typography.Text>{t('network.sync')}</Typography.Text>
              <Progress
                percent={syncPercent(s)}
                status={s.sync.syncing ? 'active' : 'success'}
                format={() => `${s.height} / ${Math.max(s.sync.targetHeight, s.height)}`}
              />
            </div>
          </Card>
          <Card size="small" title={t('network.chartTitle')} style={{ marginTop: 16 }}>
            <BlockChart blocks={blocks.data ?? []} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function syncPercent(s: StatusJson): number {
  const target = Math.max(s.sync.targetHeight, s.height);
  return target === 0 ? 100 : Math.floor((s.height / target) * 100);
}

function ValidatorsTable({ status }: { status: StatusJson }) {
  const { t } = useT();
  return (
    <Table<ValidatorJson>
      size="small"
      rowKey="publicKey"
      pagination={false}
      dataSource={status.validators}
      columns={[
        {
          key: 'name',
          title: t('network.name'),
          render: (_, v) => (
            <Space>
              {v.name}
              {v.self && <Tag color="blue">{t('network.self')}</Tag>}
            </Space>
          ),
        },
        {
          key: 'connected',
          title: t('network.connected'),
          render: (_, v) => (
            <Badge status={v.connected ? 'success' : 'error'} text={v.connected ? t('network.yes') : t('network.no')} />
          ),
        },
        {
          key: 'height',
          title: t('network.height'),
          render: (_, v) => <span data-testid={`validator-height-${v.name}`}>{v.height ?? '—'}</span>,
        },
        {
          key: 'lag',
          title: t('network.lag'),
          render: (_, v) => (v.height === null ? '—' : Math.max(0, status.height - v.height)),
        },
        {
          key: 'vote',
          title: t('network.lastVote'),
          render: (_, v) =>
            v.lastVote ? `${v.lastVote.height}/${v.lastVote.round} ${t(`network.votes.${v.lastVote.type}`)}` : '—',
        },
        { key: 'missed', title: t('network.missed'), dataIndex: 'missedVotes' },
        { key: 'power', title: t('network.power'), dataIndex: 'power' },
        {
          key: 'key',
          title: t('network.publicKey'),
          render: (_, v) => <span className="mono">{shortHash(v.publicKey)}</span>,
        },
      ]}
    />
  );
}

function PeersTable({ peers }: { peers: readonly PeerJson[] }) {
  const { t } = useT();
  return (
    <Table<PeerJson>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={[...peers]}
      columns={[
        { key: 'name', title: t('network.name'), render: (_, p) => p.name ?? shortHash(p.id) },
        { key: 'role', title: t('network.role'), render: (_, p) => t(`network.roles.${p.role}`) },
        { key: 'address', title: t('network.address'), render: (_, p) => <span className="mono">{p.address}</span> },
        {
          key: 'connected',
          title: t('network.connected'),
          render: (_, p) => (
            <Badge status={p.connected ? 'success' : 'error'} text={p.connected ? t('network.yes') : t('network.no')} />
          ),
        },
        { key: 'height', title: t('network.height'), dataIndex: 'height' },
        {
          key: 'latency',
          title: t('network.latency'),
          render: (_, p) => (p.latencyMs === null ? '—' : `${p.latencyMs} ms`),
        },
        { key: 'score', title: t('network.score'), dataIndex: 'score' },
      ]}
    />
  );
}
