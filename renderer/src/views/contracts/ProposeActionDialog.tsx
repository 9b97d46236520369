import { Alert, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ApiInput } from '../../../../shared/api/contract.ts';
import type { SignerJson } from '../../../../shared/api/types.ts';
import { useApi } from '../../api/react.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { useSigningSession } from '../../app/session.tsx';
import { useT } from '../../i18n/use-t.ts';

export type ProposedAction = ApiInput<'proposal.propose'>['action'];

/**
 * Signs and proposes one action with a key of this node that the guarding account's policy counts; with "approve"
 * the proposer's approval comes with it, and the rest are collected in the Approvals inbox.
 */
export function ProposeActionDialog(props: {
  title: string;
  description: ReactNode;
  action: ProposedAction;
  candidates: readonly SignerJson[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useT();
  const client = useApi();
  const session = useSigningSession();
  const [form] = Form.useForm<{ signer: string; approve: boolean; secret?: string }>();
  const { busy, error, run } = useSubmit();
  const [result, setResult] = useState<string | undefined>();
  const chosen = Form.useWatch('signer', form) ?? props.candidates[0]?.label;
  const signer = props.candidates.find((c) => c.label === chosen);
  const needsSecret = signer !== undefined && signer.secret !== 'none' && !session.unlocked.has(signer.label);

  async function submit() {
    if (result) return props.onDone();
    const v = await form.validateFields();
    await run(async () => {
      const r = await client.call('proposal.propose', {
        signer: v.signer,
        action: props.action,
        expiresInMs: 24 * 3_600_000,
        approve: v.approve,
        ...(v.secret ? { secret: v.secret } : {}),
      });
      setResult(t('settlement.proposed', { status: t(`status.${r.status}`) }));
    });
  }

  return (
    <Modal
      open
      title={props.title}
      okText={result ? t('settlement.close') : t('settlement.propose')}
      okButtonProps={{ 'data-testid': 'propose-action-submit' }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={result ? props.onDone : props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{props.description}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ signer: props.candidates[0]?.label, approve: true }}>
        <Form.Item name="signer" label={t('propose.signer')} rules={[{ required: true }]}>
          <Select
            options={props.candidates.map((c) => ({
              value: c.label,
              label: `${c.label} (${c.signatory?.name ?? ''})`,
            }))}
          />
        </Form.Item>
        <Form.Item name="approve" valuePropName="checked">
          <Checkbox>{t('propose.approveNow')}</Checkbox>
        </Form.Item>
        {needsSecret && (
          <Form.Item
            name="secret"
            label={signer.secret === 'pin' ? t('sign.pin') : t('sign.passphrase')}
            rules={[{ required: true }]}
          >
            <Input.Password autoComplete="off" />
          </Form.Item>
        )}
      </Form>
      {props.candidates.length === 0 && <Alert type="warning" showIcon title={t('contracts.noKey')} />}
      {error && <Alert type="error" showIcon title={error} />}
      {result && <Alert type="success" showIcon title={result} data-testid="propose-action-result" />}
    </Modal>
  );
}

/** This node's keys that the policy of `account` counts. */
export function keysFor(
  account: string,
  dir: {
    accounts: readonly { id: string; policy: { signatories: { signatory: string }[] } }[];
    signers: readonly SignerJson[];
  },
): SignerJson[] {
  const policy = dir.accounts.find((a) => a.id === account)?.policy;
  const ids = new Set(policy?.signatories.map((s) => s.signatory) ?? []);
  return dir.signers.filter((s) => ids.has(s.id));
}
