import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GuardProgressJson } from '../../../../shared/api/types.ts';
import { approvableBy, progressLine } from '../../../../renderer/src/views/inbox/progress.ts';

/** Policy progress as the inbox shows it: "2 of 3: treasury-1 ✓ treasury-2 ✓ operations-1 pending". */

const words: Record<string, string> = {
  'progress.count': '{{threshold}} of {{count}}',
  'progress.weighted': 'weight {{weight}} of {{threshold}}',
  'progress.pending': 'pending',
  'progress.rejected': 'rejected',
  'progress.dropped': 'dropped',
};
const t = (key: string, values: Record<string, string> = {}) =>
  (words[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

const guard = (statuses: string[], weights = [1, 1, 1], threshold = 2): GuardProgressJson => ({
  guard: 'jhcb.treasury',
  threshold,
  weight: statuses.reduce((sum, s, i) => sum + (s === 'approved' ? weights[i]! : 0), 0),
  satisfied: false,
  roles: [],
  signatories: ['treasury-1', 'treasury-2', 'operations-1'].map((name, i) => ({
    id: `id-${name}`,
    name,
    weight: weights[i]!,
    status: statuses[i] as 'approved' | 'pending' | 'rejected' | 'dropped',
  })),
});

describe('policy progress line', () => {
  it('names each signatory and where they stand', () => {
    assert.equal(
      progressLine(guard(['approved', 'approved', 'pending']), t),
      '2 of 3: treasury-1 ✓ treasury-2 ✓ operations-1 pending',
    );
    assert.equal(
      progressLine(guard(['approved', 'rejected', 'dropped']), t),
      '2 of 3: treasury-1 ✓ treasury-2 ✗ rejected operations-1 dropped',
    );
  });

  it('shows the weight collected for weighted policies', () => {
    assert.match(progressLine(guard(['approved', 'pending', 'pending'], [3, 1, 1], 4), t), /^weight 3 of 4: /);
  });

  it('lets only keys still pending in an unsatisfied policy approve', () => {
    const keys = [
      { label: 't1', id: 'id-treasury-1' },
      { label: 't2', id: 'id-treasury-2' },
      { label: 'ops', id: 'id-operations-1' },
    ];
    assert.deepEqual(approvableBy([guard(['approved', 'pending', 'rejected'])], keys), ['t2']);
    assert.deepEqual(approvableBy([{ ...guard(['approved', 'pending', 'pending']), satisfied: true }], keys), []);
  });
});
