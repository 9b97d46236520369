import { Empty, Spin, Tag, Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import type { InboxItemJson } from '../../../../shared/api/types.ts';
import { useDirectory } from '../../app/directory.tsx';
import { useLocale } from '../../app/LocaleProvider.tsx';
import { describeActionText } from '../../format/describe.ts';
import { formatCountdown, formatTime } from '../../format/time.ts';
import { useT } from '../../i18n/use-t.ts';

/**
 * What awaits a signature, soonest deadline first: one row per proposal, chosen by click or keyboard. The list is the
 * first thing a signatory sees, so it is a plain table (styled in base.css) rather than antd's Table, whose code
 * (sorting, filters, pagination, selection) would be most of the start-up path; it is short by nature (what waits
 * for this node's keys), so it needs neither pages nor virtualisation.
 */
export function AwaitingList(props: {
  items: readonly InboxItemJson[];
  loading: boolean;
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { t } = useT();
  const locale = useLocale();
  const dir = useDirectory();
  if (props.loading) return <Spin />;
  if (props.items.length === 0) return <Empty description={t('inbox.empty')} />;
  const now = Date.now();
  const choose = (id: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onSelect(id);
    }
  };
  return (
    <table className="list-table" data-testid="awaiting-list">
      <thead>
        <tr>
          <th style={{ width: 120 }}>{t('inbox.deadline')}</th>
          <th>{t('inbox.what')}</th>
          <th style={{ width: 90 }}>{t('inbox.progress')}</th>
          <th style={{ width: 170 }}>{t('inbox.awaiting')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((i) => {
          const id = i.proposal.id;
          const expires = Number(i.proposal.expiresAt);
          return (
            <tr
              key={id}
              tabIndex={0}
              aria-selected={id === props.selected}
              onClick={() => props.onSelect(id)}
              onKeyDown={choose(id)}
              data-testid={`inbox-row-${id}`}
            >
              <td>
                <Typography.Text
                  type={expires - now < 3_600_000 ? 'danger' : undefined}
                  title={formatTime(expires, locale)}
                >
                  {formatCountdown(expires, now, locale)}
                </Typography.Text>
              </td>
              <td>{describeActionText(i.proposal.action, dir.describeContext, t)}</td>
              <td>
                {i.progress.map((g) => (
                  <div key={g.guard}>
                    {g.weight} / {g.threshold}
                  </div>
                ))}
              </td>
              <td>
                {i.awaiting.map((l) => (
                  <Tag key={l}>{l}</Tag>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
