import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashWithoutToken, tokenFromHash } from '../../../../renderer/src/api/pick-transport.ts';
import { parseRoute, routeHash } from '../../../../renderer/src/app/route.ts';

/** The URL fragment carries the view (#/blocks?tx=…) and, on first load only, the API token. */

describe('console URL fragment', () => {
  it('finds the token and removes it, keeping the view', () => {
    const token = 'f'.repeat(64);
    assert.equal(tokenFromHash(`#token=${token}`), token);
    assert.equal(tokenFromHash(`#/network&token=${token}`), token);
    assert.equal(tokenFromHash('#/network'), undefined);
    assert.equal(tokenFromHash('#token=not-hex'), undefined);
    assert.equal(hashWithoutToken(`#token=${token}`), '');
    assert.equal(hashWithoutToken(`#/network&token=${token}`), '#/network');
  });

  it('routes to views with their parameters, and to the inbox otherwise', () => {
    const r = parseRoute(routeHash('blocks', { tx: 'ab'.repeat(32) }));
    assert.equal(r.view, 'blocks');
    assert.equal(r.params.get('tx'), 'ab'.repeat(32));
    assert.equal(parseRoute('').view, 'inbox');
    assert.equal(parseRoute('#/nowhere').view, 'inbox');
    assert.equal(parseRoute('#/settlement').view, 'settlement');
  });
});
