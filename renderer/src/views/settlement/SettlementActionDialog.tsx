import { Alert, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/react.tsx';
import type { InstructionJson } from '../../api/results.ts';
import { useDirectory } from '../../app/directory.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { useSigningSession } from '../../app/session.tsx';
import { useT } from '../../i18n/use-t.ts';

export type QueueAction = 'hold' | 'release' | 'cancel' | 'reprioritise';

/**
 * Proposes a queue action on an instruction, signed by one of this node's keys that the debtor account's policy
 * counts. With "approve" ticked the proposer's approval comes with it; the action takes effect when the policy is met
 * (the remaining approvals are collected in the Approvals inbox).
 */
export function SettlementActionDialog(props: {
  instruction: InstructionJson;
  action: QueueAction;
  description: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useT();
  const client = useApi();
  const dir = useDirectory();
  const session = useSigningSession();
  const [form] = Form.useForm<{ signer: string; approve: boolean; priority?: 'urgent' | 'normal'; secret?: string }>();
  const { busy, error, run } = useSubmit();
  const [result, setResult] = useState<string | undefined>();

  const debtors = new Set(props.instruction.legs.map((l) => l.from));
  const counted = new Set(
    dir.accounts.filter((a) => debtors.has(a.id)).flatMap((a) => a.policy.signatories.map((s) => s.signatory)),
  );
  const candidates = dir.signers.filter((s) => counted.has(s.id));
  const chosen = Form.useWatch('signer', form) ?? candidates[0]?.label;
  const signer = candidates.find((c) => c.label === chosen);
  const needsSecret = signer !== undefined && signer.secret !== 'none' && !session.unlocked.has(signer.label);

  async function submit() {
    if (result) return props.onDone();
    const v = await form.validateFields();
    await run(async () => {
      const priority = props.action === 'reprioritise' ? (v.priority ?? 'urgent') : undefined;
      const r = await client.call('proposal.propose', {
        signer: v.signer,
        action: {
          type: 'settlement.action',
          instruction: props.instruction.id,
          action: props.action,
          ...(priority && { priority }),
        },
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
      title={t(`settlement.actionTitle.${props.action}`, { id: props.instruction.id })}
      okText={result ? t('settlement.close') : t('settlement.propose')}
      okButtonProps={{ 'data-testid': 'settlement-action-submit' }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={result ? props.onDone : props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{props.description}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          signer: candidates[0]?.label,
          approve: true,
          priority: props.instruction.priority === 'urgent' ? 'normal' : 'urgent',
        }}
      >
        <Form.Item name="signer" label={t('propose.signer')} rules={[{ required: true }]}>
          <Select
            options={candidates.map((c) => ({ value: c.label, label: `${c.label} (${c.signatory?.name ?? ''})` }))}
          />
        </Form.Item>
        {props.action === 'reprioritise' && (
          <Form.Item name="priority" label={t('settlement.priority')}>
            <Select
              options={(['urgent', 'normal'] as const).map((p) => ({
                value: p,
                label: t(`settlement.priorities.${p}`),
              }))}
            />
          </Form.Item>
        )}
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
      {candidates.length === 0 && <Alert type="warning" showIcon title={t('settlement.noKey')} />}
      {error && <Alert type="error" showIcon title={error} />}
      {result && <Alert type="success" showIcon title={result} data-testid="settlement-action-result" />}
    </Modal>
  );
}
