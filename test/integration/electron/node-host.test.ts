import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BridgeResult } from '../../../shared/api/index.ts';
import { makeAppProject, startHost, transferProposal } from './app-project.ts';

/**
 * The node host as the app ships it (dist/electron/node-host.mjs, bundled, with its verification worker and the
 * native SQLite module from node_modules) started on a fresh devnet and driven through the app's HostClient:
 * demo data, API calls with the node's own validation, events from committed blocks, a clean stop and a resume.
 */

let project: Awaited<ReturnType<typeof makeAppProject>>;
before(async () => {
  project = await makeAppProject();
});
after(() => project.cleanup());

const valueOf = (r: BridgeResult) => {
  assert.ok(r.ok, r.ok ? '' : `${r.error.message} ${JSON.stringify(r.error.data)}`);
  return r.value;
};

describe('node host (built bundle) on a devnet', () => {
  it('creates the devnet with demo data, serves calls, pushes events, stops cleanly and resumes', async () => {
    const entry = path.join(project.dir, 'dist', 'electron', 'node-host.mjs');
    const devnet = path.join(project.dir, 'devnet');
    const first = startHost(entry, ['--devnet', devnet]);
    const ready = await first.client.ready.catch((err: Error) => assert.fail(`${err.message}\n${first.stderr()}`));
    assert.equal(ready.created, true);
    assert.equal(ready.chainId, 'countersign-devnet');
    assert.ok(ready.height >= 1, 'the demo activity was committed');
    assert.match(ready.apiUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/$/);

    const status = valueOf(await first.client.call('node.status', {})) as { height: number; chainId: string };
    assert.equal(status.chainId, 'countersign-devnet');
    const balances = valueOf(await first.client.call('account.balances', { account: 'jhcb.treasury' }));
    assert.ok(Array.isArray(balances) && balances.length > 0);

    const bad = await first.client.call('account.history', { account: 'jhcb.treasury', limit: 100_000 });
    assert.equal(bad.ok, false);
    assert.equal(bad.ok ? undefined : (bad.error.data as { field?: string }).field, 'limit');

    // A proposal signed with a demo key: the block that carries it reaches the app as events.
    const events: string[] = [];
    const gotBlock = new Promise<void>((resolve) =>
      first.client.onEvent((topic) => {
        events.push(topic);
        if (topic === 'blocks') resolve();
      }),
    );
    const proposed = valueOf(
      await first.client.call('proposal.propose', transferProposal('jhcb-treasury-1', '125000', true)),
    ) as { proposal: string };
    await gotBlock;
    assert.ok(events.includes('blocks'));
    const inbox = valueOf(await first.client.call('proposal.inbox', {})) as { proposal: { id: string } }[];
    assert.ok(
      inbox.some((i) => i.proposal.id === proposed.proposal),
      'the proposal waits for the other signatories',
    );

    assert.equal(await first.client.stop(), 0);
    assert.equal(existsSync(path.join(devnet, 'node0', 'data', 'endpoint.json')), false, 'endpoint file removed');

    const second = startHost(entry, ['--devnet', devnet]);
    const resumed = await second.client.ready;
    assert.equal(resumed.created, false);
    assert.ok(resumed.height >= status.height + 1, 'the chain was resumed, not recreated');
    assert.equal(await second.client.stop(), 0);
  });

  it('reports a start failure as a coded error instead of hanging', async () => {
    const entry = path.join(project.dir, 'dist', 'electron', 'node-host.mjs');
    const host = startHost(entry, ['--home', path.join(project.dir, 'no-such-home')]);
    await assert.rejects(host.client.ready, { code: 'HOME_NOT_FOUND' });
    await new Promise((resolve) => host.child.once('exit', resolve));
    assert.equal(host.child.exitCode, 1);
  });
});
