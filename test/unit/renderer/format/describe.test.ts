import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import { describeActionText, type DescribeContext, type Translate } from '../../../../renderer/src/format/describe.ts';
import { en } from '../../../../renderer/src/i18n/en.ts';
import { zhCN } from '../../../../renderer/src/i18n/zh-CN.ts';

/** The sentence a signatory reads before signing: exact amounts with the currency, accounts by name and id. */

async function translator(lng: 'en' | 'zh-CN'): Promise<Translate> {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
  });
  return (key, values) => i18n.t(key, values as never) as unknown as string;
}

const ctx = (locale: string): DescribeContext => ({
  assets: new Map([
    ['CNY', { decimals: 2, currency: 'CNY' }],
    ['HB-BOND-2030', { decimals: 0 }],
  ]),
  accountNames: new Map([
    ['jhcb.treasury', 'Jinhua Commercial Bank treasury'],
    ['hbsec.treasury', 'Harbour Securities treasury'],
  ]),
  locale,
});

describe('plain-language actions', () => {
  it('says exactly what a transfer does, in English', async () => {
    const t = await translator('en');
    const action = { type: 'transfer', from: 'jhcb.treasury', to: 'hbsec.treasury', asset: 'CNY', amount: '125000050' };
    assert.match(
      describeActionText(action, ctx('en-US'), t),
      /^Transfer CNY\s1,250,000\.50 from Jinhua Commercial Bank treasury \(jhcb\.treasury\) to Harbour Securities treasury \(hbsec\.treasury\)\.$/,
    );
    const withMemo = describeActionText({ ...action, memo: 'invoice 7' }, ctx('en-US'), t);
    assert.match(withMemo, /Memo: “invoice 7”\.$/);
  });

  it('says the same in Chinese, with the same digits', async () => {
    const t = await translator('zh-CN');
    const text = describeActionText(
      { type: 'transfer', from: 'jhcb.treasury', to: 'hbsec.treasury', asset: 'CNY', amount: '125000050' },
      ctx('zh-CN'),
      t,
    );
    assert.match(text, /^从 Jinhua Commercial Bank treasury \(jhcb\.treasury\) 向 .* 转账 CNY\s?1,250,000\.50。$/);
  });

  it('keeps amounts beyond float precision and names unknown assets in minor units', async () => {
    const t = await translator('en');
    const big = describeActionText(
      { type: 'transfer', from: 'a', to: 'b', asset: 'CNY', amount: '18446744073709551615' },
      ctx('en-US'),
      t,
    );
    assert.match(big, /184,467,440,737,095,516\.15/);
    const unknown = describeActionText({ type: 'asset.issue', to: 'a', asset: 'XAU', amount: '7' }, ctx('en-US'), t);
    assert.equal(unknown, 'Issue 7 XAU (minor units) to a.');
    const security = describeActionText(
      { type: 'asset.issue', to: 'a', asset: 'HB-BOND-2030', amount: '10000' },
      ctx('en-US'),
      t,
    );
    assert.equal(security, 'Issue 10,000 HB-BOND-2030 to a.');
  });

  it('describes settlement queue actions and instructions', async () => {
    const t = await translator('en');
    assert.match(
      describeActionText({ type: 'settlement.action', instruction: 'pay-1', action: 'hold' }, ctx('en-US'), t),
      /^Hold settlement instruction pay-1/,
    );
    const instruct = describeActionText(
      {
        type: 'settlement.instruct',
        instruction: 'pay-2',
        mode: 'rtgs',
        priority: 'urgent',
        legs: [{ from: 'jhcb.treasury', to: 'hbsec.treasury', asset: 'CNY', amount: '100' }],
      },
      ctx('en-US'),
      t,
    );
    assert.match(instruct, /^Settle CNY\s1\.00 from Jinhua .* as instruction pay-2\.$/);
    assert.equal(describeActionText({ type: 'member.add' }, ctx('en-US'), t), 'Ledger action “member.add”.');
  });
});
