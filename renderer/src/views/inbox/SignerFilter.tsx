import { Select } from 'antd';
import { useDirectory } from '../../app/directory.tsx';
import { useT } from '../../i18n/use-t.ts';

/** Shows only what one of this node's keys can sign (empty: every key). Loaded after the first screen (InboxView). */
export function SignerFilter({ value, onChange }: { value: string | undefined; onChange: (v?: string) => void }) {
  const { t } = useT();
  const dir = useDirectory();
  return (
    <Select
      allowClear
      placeholder={t('inbox.allKeys')}
      style={{ width: 220 }}
      value={value}
      onChange={onChange}
      options={dir.signers.map((s) => ({ value: s.label, label: s.label }))}
      data-testid="signer-filter"
    />
  );
}
