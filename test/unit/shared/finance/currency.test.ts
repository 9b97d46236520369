import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  currencyCodes,
  currencyMinorUnits,
  FinanceError,
  FinanceErrorCode as E,
  parseCurrencyCode,
} from '../../../../shared/finance/index.ts';

describe('ISO 4217 currency codes', () => {
  it('knows the consortium currencies and their minor units', () => {
    assert.equal(currencyMinorUnits('CNY'), 2);
    assert.equal(currencyMinorUnits('USD'), 2);
    assert.equal(currencyMinorUnits('HKD'), 2);
    assert.equal(currencyMinorUnits('JPY'), 0);
    assert.equal(currencyMinorUnits('KWD'), 3);
    assert.equal(currencyMinorUnits('CLF'), 4);
    assert.equal(currencyMinorUnits('XAU'), null);
  });
  it('refuses malformed and withdrawn codes, naming the field', () => {
    const refused = (code: string, expected: string) =>
      assert.throws(
        () => parseCurrencyCode(code, 'legs.0.currency'),
        (err: unknown) => err instanceof FinanceError && err.code === expected && err.field === 'legs.0.currency',
      );
    refused('cny', E.CURRENCY_FORMAT);
    refused('US', E.CURRENCY_FORMAT);
    refused('USDT', E.CURRENCY_FORMAT);
    refused('ABC', E.CURRENCY_UNKNOWN);
    refused('HRK', E.CURRENCY_UNKNOWN); // withdrawn 2023 (Croatia adopted the euro)
    refused('ZWL', E.CURRENCY_UNKNOWN); // replaced by ZWG in 2024
  });
  it('lists each code once, sorted', () => {
    const codes = currencyCodes();
    assert.deepEqual(codes, [...new Set(codes)].sort());
    assert.ok(codes.length > 150);
  });
});
