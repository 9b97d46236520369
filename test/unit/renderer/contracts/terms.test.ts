import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TermSpecJson } from '../../../../renderer/src/api/results.ts';
import { termValue } from '../../../../renderer/src/views/contracts/terms.ts';

/** The contract wizard turns what a person types into the API's term values: exact minor units, times in ms. */

const spec = (kind: TermSpecJson['kind'], extra: Partial<TermSpecJson> = {}): TermSpecJson => ({
  name: kind,
  kind,
  required: true,
  description: '',
  ...extra,
});
const decimals = (asset: string) => (asset === 'CNY' ? { decimals: 2 } : undefined);

describe('contract wizard terms', () => {
  it('reads amounts in the units of the asset named by their asset term, exactly', () => {
    const amount = spec('amount', { asset: 'asset' });
    assert.equal(termValue(amount, '1250.5', { asset: 'CNY' }, decimals), '125050');
    assert.equal(termValue(amount, '184467440737095516.15', { asset: 'CNY' }, decimals), '18446744073709551615');
    assert.throws(() => termValue(amount, '1.005', { asset: 'CNY' }, decimals), { code: 'AMOUNT_TOO_PRECISE' });
  });

  it('turns dates into ms since the epoch, durations in days into ms, counts into whole numbers', () => {
    assert.equal(termValue(spec('time'), '2030-01-01T00:00:00Z', {}, decimals), String(Date.UTC(2030, 0, 1)));
    assert.throws(() => termValue(spec('time'), 'soon', {}, decimals), /not a date/);
    assert.equal(termValue(spec('duration'), 1.5, {}, decimals), '129600000');
    assert.equal(termValue(spec('count'), 4, {}, decimals), '4');
    assert.equal(termValue(spec('text'), 'goods delivered', {}, decimals), 'goods delivered');
  });
});
