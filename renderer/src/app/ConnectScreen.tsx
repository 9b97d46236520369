import { Button, Card, Form, Input, Typography } from 'antd';
import { useT } from '../i18n/use-t.ts';
import { connectWithToken } from '../api/pick-transport.ts';

/**
 * Shown when the console was opened without a token (or after "lock"): the operator pastes the node's API token
 * (the file api-token in the node home). It is kept for this tab only.
 */
export function ConnectScreen() {
  const { t } = useT();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 120 }}>
      <Card title={t('connect.title')} style={{ width: 520 }} data-testid="connect-screen">
        <Typography.Paragraph>{t('connect.explain')}</Typography.Paragraph>
        <Form
          layout="vertical"
          onFinish={(values: { token: string }) => {
            connectWithToken(values.token.trim());
            window.location.reload();
          }}
        >
          <Form.Item
            name="token"
            label={t('connect.token')}
            rules={[{ required: true, pattern: /^\s*[0-9a-f]{16,128}\s*$/, message: t('connect.tokenFormat') }]}
          >
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('connect.connect')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
