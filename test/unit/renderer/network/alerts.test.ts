import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statusJson, validatorJson } from '../../../helpers/status-json.ts';
import { networkAlerts } from '../../../../renderer/src/views/network/alerts.ts';

/** What the network view raises for operators, from node.status alone. */

describe('network alerts', () => {
  it('are quiet when every validator is connected and current', () => {
    assert.deepEqual(networkAlerts(statusJson()), []);
  });

  it('name a disconnected, a lagging and a vote-missing validator, never this node', () => {
    const alerts = networkAlerts(
      statusJson({
        validators: [
          validatorJson('node0', { self: true, connected: false }),
          validatorJson('node1', { connected: false }),
          validatorJson('node2', { height: 90, missedVotes: 3 }),
        ],
      }),
    );
    assert.deepEqual(
      alerts.map((a) => [a.kind, a.values]),
      [
        ['disconnected', { name: 'node1' }],
        ['lagging', { name: 'node2', blocks: '10' }],
        ['missedVotes', { name: 'node2', count: '3' }],
      ],
    );
  });

  it('report catching up and an outbox waiting for peers', () => {
    const kinds = networkAlerts(statusJson({ sync: { syncing: true, targetHeight: 500, applied: 3 }, outbox: 2 })).map(
      (a) => a.kind,
    );
    assert.deepEqual(kinds, ['syncing', 'outbox']);
  });
});
