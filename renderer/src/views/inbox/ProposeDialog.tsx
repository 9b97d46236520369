import { Alert, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/use-t.ts';
import type { SignedJson } from '../../../../shared/api/types.ts';
import { parseAmount } from '../../../../shared/finance/amount.ts';
import { useApi, useCall } from '../../api/react.tsx';
import { useDirectory } from '../../app/directory.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { useLocale } from '../../app/LocaleProvider.tsx';
import { useSigningSession } from '../../app/session.tsx';
import { describeActionText } from '../../format/describe.ts';
import { formatAssetAmount } from '../../format/units.ts';

const HOUR = 3_600_000;
const EXPIRY_CHOICES = [HOUR, 24 * HOUR, 3 * 24 * HOUR, 7 * 24 * HOUR];

interface Values {
  signer: string;
  from: string;
  to: string;
  asset: string;
  amount: string;
  memo?: string;
  expiresInMs: number;
  approve: boolean;
  secret?: string;
}

/**
 * A new transfer proposal, signed by one of this node's keys. The amount is typed in the asset's units and parsed
 * exactly (more decimals than the asset has are refused, never rounded); the sentence that the signatories will read
 * is shown before anything is signed. Unticking "approve" lets the proposer prepare a payment others approve.
 */
export function ProposeDialog({ onClose, onDone }: { onClose: () => void; onDone: (r: SignedJson) => void }) {
  const { t } = useT();
  const locale = useLocale();
  const client = useApi();
  const dir = useDirectory();
  const session = useSigningSession();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;

  const signers = dir.signers.filter((s) => s.signatory?.active);
  const signer = signers.find((s) => s.label === values?.signer);
  const fromChoices = dir.accounts.filter((a) => signer && a.policy.signatories.some((p) => p.signatory === signer.id));
  const balances = useCall('account.balances', values?.from ? { account: values.from } : null);
  const info = values?.asset ? dir.assetInfo(values.asset) : undefined;
  const needsSecret = signer !== undefined && signer.secret !== 'none' && !session.unlocked.has(signer.label);

  const amountMinor = useMemo(() => {
    if (!info || !values?.amount) return undefined;
    try {
      return parseAmount(values.amount.trim(), info.decimals);
    } catch {
      return undefined;
    }
  }, [info, values?.amount]);

  const preview =
    values?.from && values.to && values.asset && amountMinor !== undefined
      ? describeActionText(
          {
            type: 'transfer',
            from: values.from,
            to: values.to,
            asset: values.asset,
            amount: amountMinor.toString(),
            ...(values.memo ? { memo: values.memo } : {}),
          },
          dir.describeContext,
          t,
        )
      : undefined;

  async function submit() {
    const v = await form.validateFields();
    if (amountMinor === undefined) return;
    await run(async () => {
      const result = await client.call('proposal.propose', {
        signer: v.signer,
        action: {
          type: 'transfer',
          from: v.from,
          to: v.to,
          asset: v.asset,
          amount: amountMinor.toString(),
          ...(v.memo ? { memo: v.memo } : {}),
        },
        expiresInMs: v.expiresInMs,
        approve: v.approve,
        ...(v.secret ? { secret: v.secret } : {}),
      });
      onDone(result);
    });
  }

  return (
    <Modal
      open
      title={t('propose.title')}
      okText={t('propose.ok')}
      okButtonProps={{ 'data-testid': 'propose-submit' }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ expiresInMs: 24 * HOUR, approve: true }}>
        <Form.Item name="signer" label={t('propose.signer')} rules={[{ required: true }]}>
          <Select
            data-testid="propose-signer"
            showSearch
            options={signers.map((s) => ({ value: s.label, label: `${s.label} (${s.signatory?.name ?? ''})` }))}
            onChange={() => form.setFieldsValue({ from: undefined, asset: undefined })}
          />
        </Form.Item>
        <Form.Item name="from" label={t('propose.from')} rules={[{ required: true }]}>
          <Select
            data-testid="propose-from"
            options={fromChoices.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` }))}
            onChange={() => form.setFieldsValue({ asset: undefined })}
          />
        </Form.Item>
        <Form.Item name="to" label={t('propose.to')} rules={[{ required: true }]}>
          <Select
            data-testid="propose-to"
            showSearch
            options={dir.accounts
              .filter((a) => a.id !== values?.from)
              .map((a) => ({ value: a.id, label: `${a.name} (${a.id})` }))}
          />
        </Form.Item>
        <Form.Item name="asset" label={t('propose.asset')} rules={[{ required: true }]}>
          <Select
            data-testid="propose-asset"
            options={(balances.data ?? []).map((b) => ({
              value: b.asset,
              label: `${b.asset} — ${t('propose.available', { amount: formatAssetAmount(b.amount, b.asset, dir.assetInfo(b.asset), locale) })}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('propose.amount', { decimals: String(info?.decimals ?? '…') })}
          rules={[
            { required: true },
            {
              validator: async (_, text: string | undefined) => {
                if (!text || !info) return;
                parseAmountOrThrow(text.trim(), info.decimals, t);
              },
            },
          ]}
        >
          <Input inputMode="decimal" placeholder="1250.00" data-testid="propose-amount" />
        </Form.Item>
        <Form.Item name="memo" label={t('propose.memo')} rules={[{ max: 256 }]}>
          <Input maxLength={256} />
        </Form.Item>
        <Form.Item name="expiresInMs" label={t('propose.expiresIn')}>
          <Select
            options={EXPIRY_CHOICES.map((ms) => ({
              value: ms,
              label:
                ms < 24 * HOUR
                  ? t('propose.hours', { n: String(ms / HOUR) })
                  : t('propose.days', { n: String(ms / (24 * HOUR)) }),
            }))}
          />
        </Form.Item>
        <Form.Item name="approve" valuePropName="checked">
          <Checkbox data-testid="propose-approve">{t('propose.approveNow')}</Checkbox>
        </Form.Item>
        {needsSecret && (
          <Form.Item
            name="secret"
            label={signer.secret === 'pin' ? t('sign.pin') : t('sign.passphrase')}
            rules={[{ required: true, message: t('sign.secretRequired') }]}
          >
            <Input.Password autoComplete="off" data-testid="propose-secret" />
          </Form.Item>
        )}
      </Form>
      {preview && (
        <Alert
          type="info"
          showIcon
          title={t('propose.preview')}
          description={
            <Typography.Text strong data-testid="propose-preview">
              {preview}
            </Typography.Text>
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="propose-error" />}
    </Modal>
  );
}

function parseAmountOrThrow(
  text: string,
  decimals: number,
  t: (k: string, v?: Record<string, string>) => string,
): bigint {
  try {
    const amount = parseAmount(text, decimals);
    if (amount === 0n) throw new Error('zero');
    return amount;
  } catch {
    throw new Error(t('propose.badAmount', { decimals: String(decimals) }));
  }
}
