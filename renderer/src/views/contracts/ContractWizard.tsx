import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import type { ContractTemplateJson, TermSpecJson } from '../../api/results.ts';
import { useDirectory } from '../../app/directory.tsx';
import { useT } from '../../i18n/use-t.ts';
import { keysFor, ProposeActionDialog, type ProposedAction } from './ProposeActionDialog.tsx';
import { termValue, type TermInput } from './terms.ts';

/**
 * Drafting a contract from a template: choose the template, name an account for each role, fill in the terms (the
 * form is built from the template's own term descriptions: assets from the ledger, amounts in the asset's units,
 * times and durations as dates and days), then sign the draft as the first party. Every other party co-signs after.
 */
export function ContractWizard(props: {
  templates: readonly ContractTemplateJson[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useT();
  const dir = useDirectory();
  const [step, setStep] = useState(0);
  const [templateKey, setTemplateKey] = useState<string | undefined>();
  const [parties, setParties] = useState<Record<string, string | undefined>>({});
  const [terms, setTerms] = useState<Record<string, TermInput>>({});
  const [contractId, setContractId] = useState(() => `c-${Date.now().toString(36)}`);
  const [error, setError] = useState<string | undefined>();
  const [action, setAction] = useState<ProposedAction | undefined>();
  const template = props.templates.find((x) => `${x.id}@${x.version}` === templateKey);
  const named = template?.roles.filter((r) => parties[r.name]) ?? [];

  function build(): ProposedAction {
    if (!template) throw new Error(t('contracts.wizard.chooseTemplate'));
    const out: Record<string, string> = {};
    for (const spec of template.terms) {
      const raw = terms[spec.name];
      if (raw === undefined || raw === '') {
        if (spec.required) throw new Error(t('contracts.wizard.missing', { name: spec.name }));
        continue;
      }
      out[spec.name] = termValue(spec, raw, terms, dir.assetInfo);
    }
    const first = template.roles.find((r) => parties[r.name]);
    if (!first) throw new Error(t('contracts.wizard.noParty'));
    return {
      type: 'contract.create',
      contract: contractId,
      template: template.id,
      version: template.version,
      parties: template.roles.filter((r) => parties[r.name]).map((r) => ({ role: r.name, account: parties[r.name]! })),
      terms: out,
    };
  }

  const next = () => {
    setError(undefined);
    try {
      if (step === 0 && !template) throw new Error(t('contracts.wizard.chooseTemplate'));
      if (step === 1 && template?.roles.some((r) => r.required && !parties[r.name])) {
        throw new Error(t('contracts.wizard.requiredRoles'));
      }
      if (step === 2) {
        setAction(build());
        return;
      }
      setStep(step + 1);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  if (action) {
    const drafter = (action as { parties: { account: string }[] }).parties[0]!.account;
    return (
      <ProposeActionDialog
        title={t('contracts.wizard.sign', { id: contractId })}
        description={
          <pre className="mono" style={{ whiteSpace: 'pre-wrap' }}>
            {JSON.stringify(action, null, 2)}
          </pre>
        }
        action={action}
        candidates={keysFor(drafter, dir)}
        onClose={() => setAction(undefined)}
        onDone={props.onDone}
      />
    );
  }

  return (
    <Modal
      open
      width={720}
      title={t('contracts.new')}
      onCancel={props.onClose}
      footer={
        <Space>
          {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('contracts.wizard.back')}</Button>}
          <Button type="primary" onClick={next}>
            {step === 2 ? t('contracts.wizard.review') : t('contracts.wizard.next')}
          </Button>
        </Space>
      }
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('contracts.template') },
          { title: t('contracts.parties') },
          { title: t('contracts.wizard.terms') },
        ]}
      />
      {step === 0 && (
        <Form layout="vertical">
          <Form.Item label={t('contracts.template')}>
            <Select
              value={templateKey}
              onChange={(v) => {
                setTemplateKey(v);
                setParties({});
                setTerms({});
              }}
              options={props.templates.map((x) => ({
                value: `${x.id}@${x.version}`,
                label: `${x.title} (${x.id} v${x.version})`,
              }))}
            />
          </Form.Item>
          {template && <Typography.Paragraph type="secondary">{template.description}</Typography.Paragraph>}
          <Form.Item label={t('contracts.id')}>
            <Input value={contractId} onChange={(e) => setContractId(e.target.value.toLowerCase())} />
          </Form.Item>
        </Form>
      )}
      {step === 1 && template && (
        <Form layout="vertical">
          {template.roles.map((r) => (
            <Form.Item key={r.name} label={`${r.name}${r.required ? ' *' : ''}`} extra={r.description}>
              <Select
                allowClear
                value={parties[r.name]}
                onChange={(v: string | undefined) => setParties({ ...parties, [r.name]: v })}
                options={dir.accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` }))}
              />
            </Form.Item>
          ))}
        </Form>
      )}
      {step === 2 && template && (
        <Form layout="vertical">
          {template.terms.map((spec) => (
            <Form.Item key={spec.name} label={`${spec.name}${spec.required ? ' *' : ''}`} extra={spec.description}>
              <TermField
                spec={spec}
                value={terms[spec.name]}
                onChange={(v) => setTerms({ ...terms, [spec.name]: v })}
                roles={named.map((r) => r.name)}
              />
            </Form.Item>
          ))}
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

function TermField(props: { spec: TermSpecJson; value: TermInput; onChange: (v: TermInput) => void; roles: string[] }) {
  const dir = useDirectory();
  const { spec, value, onChange } = props;
  switch (spec.kind) {
    case 'asset':
      return (
        <Select
          value={value}
          onChange={onChange}
          options={dir.assets.map((a) => ({ value: a.id, label: `${a.id} — ${a.name}` }))}
        />
      );
    case 'role':
      return <Select value={value} onChange={onChange} options={props.roles.map((r) => ({ value: r, label: r }))} />;
    case 'time':
      return (
        <Input type="datetime-local" value={value as string | undefined} onChange={(e) => onChange(e.target.value)} />
      );
    case 'duration':
    case 'count':
      return (
        <InputNumber
          min={1}
          value={value as number | undefined}
          onChange={(v) => onChange(v ?? undefined)}
          suffix={spec.kind === 'duration' ? 'd' : undefined}
        />
      );
    default:
      return <Input value={value as string | undefined} onChange={(e) => onChange(e.target.value)} />;
  }
}
