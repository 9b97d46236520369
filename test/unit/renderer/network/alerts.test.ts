import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatusJson, ValidatorJson } from '../../../../shared/api/types.ts';
import { networkAlerts } from '../../../../renderer/src/views/network/alerts.ts';

/** What the network view raises for operators, from node.status alone. */

const validator = (name: string, over: Partial<ValidatorJson> = {}): ValidatorJson => ({
  publicKey: name.padEnd(66, '0'),
  name,
  power: 10,
  self: false,
  connected: true,
  height: 100,
  lastVote: null,
  missedVotes: 0,
  ...over,
});

const status = (over: Partial<StatusJson> = {}): StatusJson => ({
  chainId: 'c',
  height: 100,
  lastBlockHash: null,
  appHash: '00',
  time: null,
  role: 'validator',
  validator: null,
  peers: [],
  validators: [validator('node0', { self: true }), validator('node1'), validator('node2')],
  consensus: null,
  syncing: false,
  sync: { syncing: false, targetHeight: 100, applied: 0 },
  mempool: 0,
  outbox: 0,
  ...over,
});

describe('network alerts', () => {
  it('are quiet when every validator is connected and current', () => {
    assert.deepEqual(networkAlerts(status()), []);
  });

  it('name a disconnected, a lagging and a vote-missing validator, never this node', () => {
    const alerts = networkAlerts(
      status({
        validators: [
          validator('node0', { self: true, connected: false }),
          validator('node1', { connected: false }),
          validator('node2', { height: 90, missedVotes: 3 }),
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
    const kinds = networkAlerts(status({ sync: { syncing: true, targetHeight: 500, applied: 3 }, outbox: 2 })).map(
      (a) => a.kind,
    );
    assert.deepEqual(kinds, ['syncing', 'outbox']);
  });
});
