import type { StatusJson, ValidatorJson } from '../../shared/api/types.ts';

/** A validator as node.status reports it: connected, at height 100, power 10, unless `over` says otherwise. */
export const validatorJson = (name: string, over: Partial<ValidatorJson> = {}): ValidatorJson => ({
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

/** A validator's node.status at height 100, synced, with three connected validators (node0 itself). */
export const statusJson = (over: Partial<StatusJson> = {}): StatusJson => ({
  chainId: 'c',
  height: 100,
  lastBlockHash: null,
  appHash: '00',
  time: null,
  role: 'validator',
  validator: null,
  peers: [],
  validators: [validatorJson('node0', { self: true }), validatorJson('node1'), validatorJson('node2')],
  consensus: null,
  syncing: false,
  sync: { syncing: false, targetHeight: 100, applied: 0 },
  mempool: 0,
  outbox: 0,
  ...over,
});
