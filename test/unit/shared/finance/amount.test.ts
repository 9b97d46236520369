import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  FinanceError,
  FinanceErrorCode as E,
  formatAmount,
  MAX_AMOUNT,
  parseAmount,
} from '../../../../shared/finance/index.ts';

const refused = (fn: () => unknown, code: string, field?: string) =>
  assert.throws(
    fn,
    (err: unknown) => err instanceof FinanceError && err.code === code && (!field || err.field === field),
  );

describe('amounts in minor units', () => {
  it('parses decimal strings exactly', () => {
    assert.equal(parseAmount('1234.56', 2), 123456n);
    assert.equal(parseAmount('1234.5', 2), 123450n);
    assert.equal(parseAmount('1234', 2), 123400n);
    assert.equal(parseAmount('0.1', 1) + parseAmount('0.2', 1), parseAmount('0.3', 1));
    assert.equal(parseAmount('7', 0), 7n);
    assert.equal(parseAmount('0.000000000000000001', 18), 1n);
    assert.equal(parseAmount('18446744073709551615', 0), MAX_AMOUNT);
  });
  it('refuses what is not a plain decimal, naming the field', () => {
    for (const bad of ['', '-1', '+1', '1e3', '1,000', ' 1', '1.', '.5', '0x10', '1.2.3', 'NaN']) {
      refused(() => parseAmount(bad, 2, 'amount'), E.AMOUNT_FORMAT, 'amount');
    }
  });
  it('refuses more decimals than the asset has instead of rounding', () => {
    refused(() => parseAmount('1.005', 2, 'price'), E.AMOUNT_TOO_PRECISE, 'price');
    refused(() => parseAmount('1.5', 0), E.AMOUNT_TOO_PRECISE);
  });
  it('refuses amounts beyond 64 bits and invalid decimals', () => {
    refused(() => parseAmount('18446744073709551616', 0), E.AMOUNT_OUT_OF_RANGE);
    refused(() => parseAmount('1', 19), E.DECIMALS_INVALID);
    refused(() => parseAmount('1', 1.5), E.DECIMALS_INVALID);
  });
  it('formats with exactly the asset decimals', () => {
    assert.equal(formatAmount(123456n, 2), '1234.56');
    assert.equal(formatAmount(5n, 3), '0.005');
    assert.equal(formatAmount(0n, 2), '0.00');
    assert.equal(formatAmount(42n, 0), '42');
    assert.equal(formatAmount(-150n, 2), '-1.50');
  });
  it('format and parse are inverse for every amount and decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_AMOUNT }), fc.integer({ min: 0, max: 18 }), (amount, decimals) => {
        assert.equal(parseAmount(formatAmount(amount, decimals), decimals), amount);
      }),
      { numRuns: 2000 },
    );
  });
});
