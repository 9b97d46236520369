import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMoney } from '../../../../renderer/src/format/money.ts';

describe('money shown to people', () => {
  it('groups digits by locale and keeps every minor unit, beyond float precision', () => {
    assert.equal(formatMoney(123456789n, 2, 'en-US'), '1,234,567.89');
    assert.equal(formatMoney(18446744073709551615n, 2, 'en-US'), '184,467,440,737,095,516.15');
    assert.equal(formatMoney(5n, 3, 'en-US'), '0.005');
  });
  it('shows the currency code', () => {
    assert.match(formatMoney(100050n, 2, 'zh-CN', 'CNY'), /CNY\s?1,000\.50/);
    assert.match(formatMoney(100050n, 2, 'en-US', 'USD'), /USD\s?1,000\.50/);
  });
});
