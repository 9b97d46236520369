import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awaitingItems, InboxWatch, notificationsFor, trayTooltip } from '../../../../main/electron/inbox-watch.ts';

const item = (id: string, description = `pay ${id}`) => ({
  proposal: { id, expiresAt: '1' },
  progress: [],
  description,
  awaiting: ['jhcb-treasury-2'],
});

describe('tray count and notifications from proposal.inbox', () => {
  it('reads the inbox result (an array, or an object with items) and refuses anything else', () => {
    assert.deepEqual(awaitingItems([item('p1')]), [{ id: 'p1', description: 'pay p1', awaiting: ['jhcb-treasury-2'] }]);
    assert.deepEqual(
      awaitingItems({ items: [item('p2')] })?.map((i) => i.id),
      ['p2'],
    );
    assert.equal(awaitingItems({ nope: true }), undefined);
    assert.equal(awaitingItems([{ id: 'flat' }]), undefined);
  });

  it('summarises what already waits at start, then notifies each newly waiting proposal once', () => {
    const watch = new InboxWatch();
    const first = watch.update(awaitingItems([item('p1'), item('p2')])!);
    assert.deepEqual(notificationsFor(first), [
      { title: 'Awaiting your signature', body: '2 proposals await your signature' },
    ]);
    const second = watch.update(awaitingItems([item('p1'), item('p2'), item('p3', 'Pay CNY 1,250.00 to hbsec')])!);
    assert.equal(second.count, 3);
    assert.deepEqual(notificationsFor(second), [
      { title: 'Awaiting your signature', body: 'Pay CNY 1,250.00 to hbsec (jhcb-treasury-2)', proposal: 'p3' },
    ]);
    const third = watch.update(awaitingItems([item('p3')])!);
    assert.deepEqual(notificationsFor(third), [], 'approvals that leave the inbox notify nothing');
    assert.equal(third.count, 1);
  });

  it('collapses a burst into one notification and says nothing on an empty start', () => {
    const watch = new InboxWatch();
    assert.deepEqual(notificationsFor(watch.update([])), []);
    const burst = watch.update(awaitingItems(['a', 'b', 'c', 'd'].map((id) => item(id)))!);
    assert.deepEqual(notificationsFor(burst), [
      { title: 'Awaiting your signature', body: '4 new proposals wait for your approval' },
    ]);
  });

  it('words the tray tooltip for none, one and several', () => {
    assert.equal(trayTooltip(0), 'Countersign — nothing awaits your signature');
    assert.equal(trayTooltip(1), 'Countersign — 1 proposal awaits your signature');
    assert.equal(trayTooltip(12), 'Countersign — 12 proposals await your signature');
  });
});
