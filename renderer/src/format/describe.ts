import { formatAssetAmount, type AssetInfo } from './units.ts';

/**
 * The plain-language sentence for an action, in the reader's language: what will happen if it is approved, with
 * amounts in the asset's units and currency, and accounts by name with their id. The node's own English line
 * (describeAction, with the minor units actually signed) is shown next to it so a wrong translation or display can be
 * caught.
 */

export type Translate = (key: string, values?: Record<string, string>) => string;

export interface DescribeContext {
  readonly assets: ReadonlyMap<string, AssetInfo>;
  /** Account id → its name. */
  readonly accountNames: ReadonlyMap<string, string>;
  readonly locale: string;
}

export type ActionJson = { type: string } & Record<string, unknown>;

export function accountLabel(id: string, ctx: DescribeContext): string {
  const name = ctx.accountNames.get(id);
  return name ? `${name} (${id})` : id;
}

export function describeActionText(action: ActionJson, ctx: DescribeContext, t: Translate): string {
  const str = (k: string) => String(action[k] ?? '');
  const acct = (k: string) => accountLabel(str(k), ctx);
  const money = (assetKey: string, amountKey: string) =>
    formatAssetAmount(str(amountKey) || '0', str(assetKey), ctx.assets.get(str(assetKey)), ctx.locale);
  switch (action.type) {
    case 'transfer': {
      const line = t('action.transfer', { amount: money('asset', 'amount'), from: acct('from'), to: acct('to') });
      return action['memo'] ? `${line} ${t('action.memo', { memo: str('memo') })}` : line;
    }
    case 'asset.issue':
      return t('action.issue', { amount: money('asset', 'amount'), to: acct('to') });
    case 'asset.redeem':
      return t('action.redeem', { amount: money('asset', 'amount'), from: acct('from') });
    case 'bill.issue':
      return t('action.billIssue', {
        serial: str('serial'),
        drawer: acct('drawer'),
        payee: acct('payee'),
        amount: money('currency', 'faceValue'),
      });
    case 'bill.endorse':
      return t('action.billEndorse', { serial: str('serial'), from: acct('from'), to: acct('to') });
    case 'settlement.action':
      return t(`action.queue.${str('action')}`, { id: str('instruction'), priority: str('priority') });
    case 'settlement.instruct': {
      const legs = Array.isArray(action['legs']) ? (action['legs'] as Record<string, unknown>[]) : [];
      const text = legs
        .map((l) =>
          t('action.leg', {
            amount: formatAssetAmount(
              String(l['amount'] ?? '0'),
              String(l['asset'] ?? ''),
              ctx.assets.get(String(l['asset'])),
              ctx.locale,
            ),
            from: accountLabel(String(l['from'] ?? ''), ctx),
            to: accountLabel(String(l['to'] ?? ''), ctx),
          }),
        )
        .join(t('action.legJoin'));
      return t('action.instruct', { id: str('instruction'), legs: text, mode: str('mode'), priority: str('priority') });
    }
    default:
      return t('action.other', { type: action.type });
  }
}
