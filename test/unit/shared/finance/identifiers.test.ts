import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  FinanceError,
  FinanceErrorCode as E,
  isinCheckDigit,
  leiCheckDigits,
  parseIsin,
  parseLei,
} from '../../../../shared/finance/index.ts';

interface Listed {
  value: string;
  reason?: string;
}
const data = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../vectors/identifiers.json'), 'utf8')) as {
  isin: { valid: Listed[]; invalid: Listed[] };
  lei: { valid: Listed[]; invalid: Listed[] };
};

const isFinanceError = (field: string) => (err: unknown) => err instanceof FinanceError && err.field === field;

describe('ISIN (ISO 6166) on published identifiers', () => {
  it(`accepts ${data.isin.valid.length} real ISINs`, () => {
    assert.ok(data.isin.valid.length >= 10);
    for (const { value } of data.isin.valid) assert.equal(parseIsin(value), value);
  });
  it(`refuses ${data.isin.invalid.length} invalid variants, naming the field`, () => {
    for (const { value, reason } of data.isin.invalid) {
      assert.throws(() => parseIsin(value, 'asset.code'), isFinanceError('asset.code'), `${value}: ${reason}`);
    }
  });
  it('says which check failed', () => {
    const code = (value: string) => {
      try {
        parseIsin(value);
      } catch (err) {
        return (err as FinanceError).code;
      }
      return 'accepted';
    };
    assert.equal(code('US0378331006'), E.ISIN_CHECK_DIGIT);
    assert.equal(code('us0378331005'), E.ISIN_FORMAT);
    assert.equal(code('US037833100'), E.ISIN_FORMAT);
    assert.equal(code('ZZ0378331005'), E.ISIN_COUNTRY);
    assert.equal(isinCheckDigit('US037833100'), 5);
    assert.equal(isinCheckDigit('AU0000XVGZA'), 3);
  });
});

describe('LEI (ISO 17442) on published identifiers', () => {
  it(`accepts ${data.lei.valid.length} real LEIs`, () => {
    assert.ok(data.lei.valid.length >= 8);
    for (const { value } of data.lei.valid) assert.equal(parseLei(value), value);
  });
  it(`refuses ${data.lei.invalid.length} invalid variants, naming the field`, () => {
    for (const { value, reason } of data.lei.invalid) {
      assert.throws(() => parseLei(value, 'member'), isFinanceError('member'), `${value}: ${reason}`);
    }
  });
  it('computes check digits (ISO 7064 MOD 97-10)', () => {
    for (const { value } of data.lei.valid) assert.equal(leiCheckDigits(value.slice(0, 18)), value.slice(18));
    assert.throws(
      () => parseLei('HWUPKR0MPOU8FGXBT395'),
      (err: unknown) => err instanceof FinanceError && err.code === E.LEI_CHECKSUM && /94/.test(err.message),
    );
  });
});
