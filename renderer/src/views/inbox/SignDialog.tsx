import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useT } from '../../i18n/use-t.ts';
import type { SignedJson, SignerJson } from '../../../../shared/api/types.ts';
import { useApi } from '../../api/react.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { useSigningSession } from '../../app/session.tsx';

export type SignKind = 'approve' | 'reject' | 'cancel';

/**
 * Signing a decision on a proposal with one of this node's keys. The dialog repeats exactly what is being signed —
 * the plain-language action and the hash the signature covers — asks which key signs, and asks for the key's
 * passphrase or PIN unless the app's session holds it. The secret goes to the node for this one call only.
 */
export function SignDialog(props: {
  kind: SignKind;
  proposalId: string;
  description: string;
  candidates: readonly SignerJson[];
  onClose: () => void;
  onDone: (result: SignedJson) => void;
}) {
  const { t } = useT();
  const client = useApi();
  const session = useSigningSession();
  const [form] = Form.useForm<{ signer: string; secret?: string; reason?: string }>();
  const { busy, error, run } = useSubmit();
  const chosen = Form.useWatch('signer', form) ?? props.candidates[0]?.label;
  const signer = props.candidates.find((c) => c.label === chosen);
  const needsSecret = signer !== undefined && signer.secret !== 'none' && !session.unlocked.has(signer.label);

  async function submit() {
    const values = await form.validateFields();
    await run(async () => {
      const common = {
        signer: values.signer,
        id: props.proposalId,
        ...(values.secret ? { secret: values.secret } : {}),
      };
      const result =
        props.kind === 'approve'
          ? await client.call('proposal.approve', common)
          : props.kind === 'reject'
            ? await client.call('proposal.reject', { ...common, reason: values.reason ?? '' })
            : await client.call('proposal.cancel', common);
      props.onDone(result);
    });
  }

  return (
    <Modal
      open
      title={t(`sign.title.${props.kind}`)}
      okText={t(`sign.ok.${props.kind}`)}
      okButtonProps={{ danger: props.kind !== 'approve', 'data-testid': 'sign-submit' }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph strong data-testid="sign-description">
        {props.description}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('sign.hash')} <span className="mono">{props.proposalId}</span>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ signer: props.candidates[0]?.label }}>
        <Form.Item name="signer" label={t('sign.signer')} rules={[{ required: true }]}>
          <Select
            data-testid="sign-signer"
            options={props.candidates.map((c) => ({
              value: c.label,
              label: `${c.label} — ${t(`keys.kind.${c.kind}`)}${c.signatory ? ` (${c.signatory.name})` : ''}`,
            }))}
          />
        </Form.Item>
        {needsSecret && (
          <Form.Item
            name="secret"
            label={signer.secret === 'pin' ? t('sign.pin') : t('sign.passphrase')}
            rules={[{ required: true, message: t('sign.secretRequired') }]}
          >
            <Input.Password autoComplete="off" data-testid="sign-secret" />
          </Form.Item>
        )}
        {props.kind === 'reject' && (
          <Form.Item name="reason" label={t('sign.reason')} rules={[{ required: true, max: 512 }]}>
            <Input.TextArea rows={2} maxLength={512} data-testid="sign-reason" />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="sign-error" />}
    </Modal>
  );
}
