import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { P } from '../../../../../main/node/signer/pkcs11/constants.ts';
import { Pkcs11Error, toPkcs11Error } from '../../../../../main/node/signer/pkcs11/errors.ts';

// No token needed: how Cryptoki failures become codes and messages.

/** A pkcs11js error as its wrapper builds it from the native "CKR_NAME:value" text. */
const ckr = (name: string, value: number) => new P.Pkcs11Error(`${name}:${value}`);

describe('PKCS#11 error mapping', () => {
  const ctx = { token: 'treasury-1', action: 'sign with key ops' };

  it('reads the CKR name from pkcs11js errors and from raw native ones', () => {
    assert.equal(toPkcs11Error(ckr('CKR_PIN_INCORRECT', 0xa0), ctx).code, 'PKCS11_PIN_INCORRECT');
    // C_FindObjects bypasses pkcs11js's wrapper: the error is a plain Error with the native text.
    assert.equal(toPkcs11Error(new Error('CKR_DEVICE_REMOVED:50'), ctx).code, 'PKCS11_TOKEN_NOT_PRESENT');
  });

  it('maps each family of return values to its code, naming the token', () => {
    const cases: [string, number, string][] = [
      ['CKR_PIN_INCORRECT', 0xa0, 'PKCS11_PIN_INCORRECT'],
      ['CKR_PIN_LEN_RANGE', 0xa2, 'PKCS11_PIN_INCORRECT'],
      ['CKR_PIN_LOCKED', 0xa4, 'PKCS11_PIN_LOCKED'],
      ['CKR_TOKEN_NOT_PRESENT', 0xe0, 'PKCS11_TOKEN_NOT_PRESENT'],
      ['CKR_DEVICE_REMOVED', 0x32, 'PKCS11_TOKEN_NOT_PRESENT'],
      ['CKR_SLOT_ID_INVALID', 0x3, 'PKCS11_TOKEN_NOT_PRESENT'],
      ['CKR_MECHANISM_INVALID', 0x70, 'PKCS11_MECHANISM_UNSUPPORTED'],
      ['CKR_CURVE_NOT_SUPPORTED', 0x140, 'PKCS11_MECHANISM_UNSUPPORTED'],
      ['CKR_GENERAL_ERROR', 0x5, 'PKCS11_FAILED'],
    ];
    for (const [name, value, code] of cases) {
      const err = toPkcs11Error(ckr(name, value), ctx);
      assert.ok(err instanceof Pkcs11Error);
      assert.equal(err.code, code, name);
      assert.equal(err.ckr, name);
      assert.match(err.message, /token 'treasury-1'/);
    }
  });

  it('says what an officer should do', () => {
    assert.match(
      toPkcs11Error(ckr('CKR_PIN_INCORRECT', 0xa0), { ...ctx, pinHint: 'one try left' }).message,
      /^wrong PIN for token 'treasury-1' \(one try left\)$/,
    );
    assert.match(toPkcs11Error(ckr('CKR_PIN_LOCKED', 0xa4), ctx).message, /locked.*security officer/);
    assert.match(toPkcs11Error(ckr('CKR_DEVICE_REMOVED', 0x32), ctx).message, /not present.*insert it/);
    const unsupported = toPkcs11Error(ckr('CKR_MECHANISM_INVALID', 0x70), { ...ctx, mechanism: 'CKM_EDDSA' });
    assert.match(unsupported.message, /does not support CKM_EDDSA/);
    assert.match(toPkcs11Error(ckr('CKR_GENERAL_ERROR', 5), ctx).message, /CKR_GENERAL_ERROR \(0x5\)/);
  });

  it('passes its own errors through and wraps anything else as PKCS11_FAILED', () => {
    const own = new Pkcs11Error('PKCS11_KEY_NOT_FOUND', 'no key');
    assert.equal(toPkcs11Error(own, ctx), own);
    const other = toPkcs11Error(new TypeError('bad handle'), ctx);
    assert.equal(other.code, 'PKCS11_FAILED');
    assert.match(other.message, /bad handle/);
  });
});
