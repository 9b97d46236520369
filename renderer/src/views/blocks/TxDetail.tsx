import { Alert, Card, Collapse, Descriptions, List, Tag, Typography } from 'antd';
import { useT } from '../../i18n/use-t.ts';
import { useCall } from '../../api/react.tsx';
import { useDirectory } from '../../app/directory.tsx';
import { errorText } from '../../app/errors.ts';
import { useLocale } from '../../app/LocaleProvider.tsx';
import { navigate } from '../../app/route.ts';
import { describeActionText } from '../../format/describe.ts';
import { formatTime } from '../../format/time.ts';

/**
 * A transaction as committed: where (block, index), its outcome, each operation in plain language and as data, who
 * signed it (public key → signatory), and the events it caused.
 */
export function TxDetail({ id }: { id: string }) {
  const { t } = useT();
  const locale = useLocale();
  const dir = useDirectory();
  const tx = useCall('tx.get', { id });
  if (tx.error) return <Alert type="error" showIcon title={errorText(tx.error, t)} />;
  const x = tx.data;
  if (!x) return null;
  const signatoryByKey = new Map(dir.signatories.map((s) => [s.publicKey, s.name]));
  return (
    <Card size="small" title={t('blocks.txTitle')} data-testid="tx-detail">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'id', label: t('blocks.tx'), children: <span className="mono">{x.id}</span> },
          {
            key: 'block',
            label: t('blocks.inBlock'),
            children: (
              <Typography.Link onClick={() => navigate('blocks', { height: String(x.height) })}>
                {t('blocks.block', { height: String(x.height) })} · #{x.index} · {formatTime(x.time, locale)}
              </Typography.Link>
            ),
          },
          {
            key: 'result',
            label: t('blocks.result'),
            children: (
              <>
                <Tag color={x.code === 'OK' ? 'success' : 'error'} data-testid="tx-result">
                  {x.code}
                </Tag>
                {x.message}
              </>
            ),
          },
          { key: 'expires', label: t('blocks.expires'), children: formatTime(x.tx.body.expiresAt, locale) },
          ...(x.tx.body.memo ? [{ key: 'memo', label: t('proposal.memo'), children: x.tx.body.memo }] : []),
        ]}
      />
      <Typography.Title level={5}>{t('blocks.ops')}</Typography.Title>
      <List
        size="small"
        dataSource={x.tx.body.ops}
        renderItem={(op, i) => (
          <List.Item key={i}>
            <div style={{ width: '100%' }}>
              <Tag>{op.type}</Tag> {opText(op, dir, t)}
              <Collapse
                ghost
                size="small"
                items={[
                  {
                    key: 'json',
                    label: t('blocks.asData'),
                    children: (
                      <pre className="mono" style={{ whiteSpace: 'pre-wrap' }}>
                        {JSON.stringify(op, null, 2)}
                      </pre>
                    ),
                  },
                ]}
              />
            </div>
          </List.Item>
        )}
      />
      <Typography.Title level={5}>{t('blocks.signatures')}</Typography.Title>
      <List
        size="small"
        dataSource={x.tx.signatures}
        renderItem={(s, i) => (
          <List.Item key={i}>
            <div>
              <strong>{signatoryByKey.get(s.publicKey) ?? t('blocks.unknownKey')}</strong>
              <div className="mono">
                {t('blocks.key')}: {s.publicKey}
              </div>
              <div className="mono">
                {t('blocks.signature')}: {s.signature}
              </div>
            </div>
          </List.Item>
        )}
      />
      <Typography.Title level={5}>{t('blocks.events')}</Typography.Title>
      <pre className="mono" style={{ whiteSpace: 'pre-wrap', fontSize: 11 }}>
        {x.events.map((e) => JSON.stringify(e)).join('\n')}
      </pre>
    </Card>
  );
}

function opText(
  op: { type: string } & Record<string, unknown>,
  dir: ReturnType<typeof useDirectory>,
  t: (k: string, v?: Record<string, string>) => string,
): string {
  if (op.type === 'proposal.create' && typeof op['action'] === 'object' && op['action'] !== null) {
    return `${t('blocks.proposes')}: ${describeActionText(op['action'] as { type: string }, dir.describeContext, t)}`;
  }
  if (typeof op['proposal'] === 'string') return `${t('proposal.hash')} ${op['proposal']}`;
  return describeActionText(op, dir.describeContext, t);
}
