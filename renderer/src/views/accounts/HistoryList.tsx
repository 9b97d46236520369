import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Button, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import type { HistoryEntryJson } from '../../../../shared/api/types.ts';
import { useApi } from '../../api/react.tsx';
import { useDirectory } from '../../app/directory.tsx';
import { errorText } from '../../app/errors.ts';
import { useLocale } from '../../app/LocaleProvider.tsx';
import { navigate } from '../../app/route.ts';
import { formatTime, shortHash } from '../../format/time.ts';
import { formatDelta } from '../../format/units.ts';
import { formatMoney } from '../../format/money.ts';

/** Rows per request: a keyset page costs the node the same on the millionth row as on the first. */
export const HISTORY_PAGE = 200;
const ROW_HEIGHT = 32;

/**
 * An account's balance changes, newest first, in a virtualised list: only the rows on screen (plus a few) are in the
 * DOM, and pages are fetched with the keyset cursor (account.history `nextCursor`) only when the user scrolls near
 * the end of what is loaded. A history of millions of rows therefore costs what has actually been looked at.
 */
export function HistoryList({ account, asset }: { account: string; asset?: string | undefined }) {
  const { t } = useT();
  const locale = useLocale();
  const client = useApi();
  const dir = useDirectory();
  const [rows, setRows] = useState<HistoryEntryJson[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined); // undefined: first page not asked yet
  const [pages, setPages] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  const parent = useRef<HTMLDivElement>(null);
  const inFlight = useRef(false);

  // A new account, asset or refresh starts over from the newest row.
  useEffect(() => {
    setRows([]);
    setCursor(undefined);
    setPages(0);
    setError(undefined);
    inFlight.current = false;
  }, [account, asset, generation]);

  const hasMore = cursor !== null;
  const loadMore = useCallback(async () => {
    if (inFlight.current || cursor === null) return;
    inFlight.current = true;
    setLoading(true);
    const key = `${account}|${asset ?? ''}|${generation}`;
    try {
      const page = await client.call('account.history', {
        account,
        limit: HISTORY_PAGE,
        ...(asset ? { asset } : {}),
        ...(cursor ? { cursor } : {}),
      });
      if (key !== `${account}|${asset ?? ''}|${generation}`) return;
      setRows((prev) => prev.concat(page.entries));
      setCursor(page.nextCursor);
      setPages((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [client, account, asset, cursor, generation]);

  const virtualizer = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);

  // Fetch the next page when the loader row (one past the loaded rows) comes into view.
  useEffect(() => {
    if (error === undefined && last && last.index >= rows.length - 1 && hasMore && !inFlight.current) void loadMore();
  }, [last?.index, rows.length, hasMore, loadMore, error]);

  const decimals = (a: string) => dir.assetInfo(a)?.decimals ?? 0;
  const columns =
    'minmax(130px, 1.2fr) 60px minmax(80px, 0.8fr) minmax(100px, 1.4fr) 60px minmax(100px, 1fr) minmax(120px, 1.1fr) 100px';

  return (
    <div data-testid="history" data-rows={rows.length} data-pages={pages}>
      <Space style={{ marginBottom: 6 }}>
        <Typography.Text type="secondary" data-testid="history-count">
          {t('history.loaded', { rows: rows.length.toLocaleString(locale), pages: String(pages) })}
          {hasMore ? '' : ` · ${t('history.end')}`}
        </Typography.Text>
        <Button size="small" onClick={() => setGeneration((g) => g + 1)}>
          {t('history.refresh')}
        </Button>
      </Space>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, t)} />}
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: columns,
          columnGap: 12,
          fontWeight: 600,
          padding: '4px 8px',
          // The rows below sit beside a scrollbar; keep the header's columns over theirs.
          scrollbarGutter: 'stable',
          overflowY: 'hidden',
          borderBottom: '1px solid #f0f0f0',
          background: '#fafafa',
        }}
      >
        <span>{t('history.time')}</span>
        <span>{t('history.height')}</span>
        <span>{t('history.kind')}</span>
        <span>{t('history.counterparty')}</span>
        <span>{t('history.asset')}</span>
        <span className="amount">{t('history.change')}</span>
        <span className="amount">{t('history.balance')}</span>
        <span>{t('history.tx')}</span>
      </div>
      <div
        ref={parent}
        style={{ height: 420, overflow: 'auto', scrollbarGutter: 'stable' }}
        data-testid="history-scroller"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = rows[v.index];
            return (
              <div
                key={v.key}
                data-index={v.index}
                className="history-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: columns,
                  columnGap: 12,
                  alignItems: 'center',
                  padding: '0 8px',
                  borderBottom: '1px solid #f5f5f5',
                }}
              >
                {row ? (
                  <>
                    <span>{formatTime(row.time, locale)}</span>
                    <span>{row.height}</span>
                    <span>{t(`actionType.${row.kind}`, { defaultValue: row.kind } as never)}</span>
                    <span>{row.counterparty ? dir.accountName(row.counterparty) : '—'}</span>
                    <span>{row.asset}</span>
                    <span className="amount" style={{ color: row.delta.startsWith('-') ? '#cf1322' : '#389e0d' }}>
                      {formatDelta(row.delta, decimals(row.asset), locale)}
                    </span>
                    <span className="amount">{formatMoney(BigInt(row.balance), decimals(row.asset), locale)}</span>
                    {row.txId === '' ? (
                      // A block-level change (an end-of-block settlement) has no transaction of its own.
                      <Typography.Link onClick={() => navigate('blocks', { height: String(row.height) })}>
                        {t('history.blockEvent')}
                      </Typography.Link>
                    ) : (
                      <Typography.Link className="mono" onClick={() => navigate('blocks', { tx: row.txId })}>
                        {shortHash(row.txId, 6)}
                      </Typography.Link>
                    )}
                  </>
                ) : (
                  <span style={{ gridColumn: '1 / -1' }}>{loading ? t('history.loading') : ''}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
