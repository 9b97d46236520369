import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatusJson } from '../../../../shared/api/index.ts';
import { statusJson, validatorJson } from '../../../helpers/status-json.ts';
import { readiness } from '../../../../main/node/metrics/readiness.ts';

const validator = (name: string, connected: boolean, self = false) => validatorJson(name, { connected, self });

/** Four validators, this node the first, all connected and synced at height 5. */
const status = (over: Partial<StatusJson>) =>
  statusJson({
    height: 5,
    validator: 'v0',
    validators: [validator('v0', true, true), validator('v1', true), validator('v2', true), validator('v3', true)],
    sync: { syncing: false, targetHeight: 5, applied: 0 },
    ...over,
  });

describe('readiness (/readyz)', () => {
  it('ready when synced, writable and a quorum of power is connected', () => {
    assert.deepEqual(readiness(status({}), true), { ready: true, reasons: [] });
  });
  it('not ready while syncing, saying how far', () => {
    const r = readiness(status({ height: 3, sync: { syncing: true, targetHeight: 90, applied: 0 } }), true);
    assert.equal(r.ready, false);
    assert.deepEqual(r.reasons, ['syncing: at height 3 of 90']);
  });
  it('not ready when the database refuses writes', () => {
    assert.deepEqual(readiness(status({}), false).reasons, ['the database does not take writes']);
  });
  it('a validator with exactly 2/3 of the power connected is not ready; more than 2/3 is', () => {
    const three = [validator('v0', true, true), validator('v1', true), validator('v2', false)];
    assert.match(readiness(status({ validators: three }), true).reasons[0] ?? '', /20 of 30 voting power/);
    const four = [...three.slice(0, 2), validator('v2', true), validator('v3', false)];
    assert.equal(readiness(status({ validators: four }), true).ready, true);
  });
  it('an observer needs no quorum of its own', () => {
    const alone = [validator('v0', false), validator('v1', false)];
    assert.equal(readiness(status({ role: 'observer', validators: alone }), true).ready, true);
  });
});
