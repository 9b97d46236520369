import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BRIDGE_METHODS } from '../../../shared/api/index.ts';
import { CONTENT_SECURITY_POLICY, hardenedWindowOptions } from '../../../main/electron/window-options.ts';
import { makeAppProject, transferProposal } from './app-project.ts';
import { fakeElectron } from './fake-electron.ts';

/**
 * The built main process (dist/electron/main.cjs) run in plain Node against a recording stand-in for Electron's
 * main-process API and a real node host: the order of its start-up, the window it opens, the app:// responses,
 * the session's refusals and the generated IPC handlers answering from a real node.
 */

const cjsRequire = createRequire(import.meta.url);
const Module = cjsRequire('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };

let project: Awaited<ReturnType<typeof makeAppProject>>;
let userData: string;
let fake: ReturnType<typeof fakeElectron>;
const originalLoad = Module._load;
const originalArgv = process.argv;

before(async () => {
  project = await makeAppProject();
  userData = mkdtempSync(path.join(os.tmpdir(), 'countersign-userdata-'));
  fake = fakeElectron({ userData });
  Module._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? fake.electron : originalLoad.call(this, request, ...rest);
  };
  process.argv = [process.argv[0]!, 'main.cjs', '--devnet', path.join(project.dir, 'devnet')];
  cjsRequire(path.join(project.dir, 'dist', 'electron', 'main.cjs'));
});
after(async () => {
  fake.appEvents.emit('will-quit'); // stops the idle-lock and tray timers, as Electron's quit does
  Module._load = originalLoad;
  process.argv = originalArgv;
  fake.killChildren();
  project.cleanup();
  rmSync(userData, { recursive: true, force: true });
});

const waitFor = async (what: string, check: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}; log:\n${fake.log.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('main process (built main.cjs) with a stand-in Electron API', { timeout: 120_000 }, () => {
  it('registers the app:// scheme as privileged and enables the sandbox before ready, synchronously at load', () => {
    const register = fake.log.find((l) => l.startsWith('registerSchemesAsPrivileged'));
    assert.ok(register, fake.log.join('\n'));
    assert.match(register, /"scheme":"app".*"standard":true.*"secure":true/);
    assert.match(register, /ready=false$/);
    assert.ok(fake.log.includes('enableSandbox ready=false'));
    assert.ok(fake.log.includes('requestSingleInstanceLock'));
  });

  it('after ready: one hardened window loading app://countersign, one IPC handler per bridge method', async () => {
    fake.fireReady();
    await waitFor('the window to load', () => fake.windows[0]?.loadedUrl !== undefined);
    const window = fake.windows[0]!;
    assert.equal(window.loadedUrl, 'app://countersign/index.html');
    const options = window.options as ReturnType<typeof hardenedWindowOptions>;
    const expected = hardenedWindowOptions(options.webPreferences?.preload ?? '');
    assert.deepEqual(options, expected);
    assert.match(options.webPreferences?.preload ?? '', /dist[\\/]electron[\\/]preload\.cjs$/);
    const apiChannels = [...fake.ipcHandlers.keys()].filter((c) => c.startsWith('countersign:api:'));
    assert.deepEqual(apiChannels.sort(), BRIDGE_METHODS.map((m) => `countersign:api:${m}`).sort());
  });

  it('serves the renderer over app:// with the CSP, and refuses other hosts, methods and escapes', async () => {
    const handle = fake.protocolHandlers.get('app');
    assert.ok(handle);
    const index = await handle(new Request('app://countersign/index.html'));
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await index.text(), /<title>/i);
    assert.equal((await handle(new Request('app://countersign/inbox'))).status, 200, 'a client route gets index.html');
    assert.equal((await handle(new Request('app://other/index.html'))).status, 403);
    assert.equal((await handle(new Request('app://countersign/..%2f..%2fpackage.json'))).status, 403);
    assert.equal((await handle(new Request('app://countersign/missing.js'))).status, 404);
  });

  it('the session denies permissions and cancels every request that is not the app', () => {
    const decisions: boolean[] = [];
    (fake.sessionHandlers['permissionRequest'] as (c: unknown, p: string, cb: (ok: boolean) => void) => void)(
      {},
      'media',
      (ok) => decisions.push(ok),
    );
    assert.deepEqual(decisions, [false]);
    const cancel = (url: string) => {
      let result: { cancel: boolean } | undefined;
      (fake.sessionHandlers['beforeRequest'] as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)(
        { url },
        (r) => (result = r),
      );
      return result?.cancel;
    };
    assert.equal(cancel('https://cdn.example.com/x.js'), true);
    assert.equal(cancel('http://127.0.0.1:26657/'), true);
    assert.equal(cancel('app://countersign/assets/x.js'), false);
  });

  it('refuses navigation away from the app and denies window.open', () => {
    const contents = fake.windows[0]!.webContents;
    let prevented = false;
    contents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (prevented = true) });
    assert.equal(prevented, true);
    assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://docs.example.org/' }), { action: 'deny' });
    assert.ok(fake.log.includes('openExternal https://docs.example.org/'));
    assert.deepEqual(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' }), { action: 'deny' });
    assert.ok(!fake.log.includes('openExternal file:///etc/passwd'));
  });

  it('the generated IPC handlers answer from the real node, and refuse a foreign frame', async () => {
    const status = fake.ipcHandlers.get('countersign:api:node.status')!;
    const fromWindow = { sender: { id: 1 }, senderFrame: fake.windows[0]!.webContents.mainFrame };
    const ok = (await status(fromWindow, {})) as { ok: boolean; value?: { chainId: string } };
    assert.equal(ok.ok, true, JSON.stringify(ok));
    assert.equal(ok.value?.chainId, 'countersign-devnet');
    const foreign = { sender: { id: 1 }, senderFrame: { ...fromWindow.senderFrame, url: 'https://evil.example/' } };
    const refused = (await status(foreign, {})) as { ok: boolean; error?: { data: unknown } };
    assert.deepEqual(refused.error?.data, { code: 'IPC_FORBIDDEN_SENDER' });

    // Subscribed events reach the window; the tray shows the count from proposal.inbox.
    await fake.ipcHandlers.get('countersign:subscribe')!(fromWindow, { topic: 'blocks' });
    const propose = fake.ipcHandlers.get('countersign:api:proposal.propose')!;
    const proposed = (await propose(fromWindow, transferProposal('jhcb-treasury-1', '500', true))) as { ok: boolean };
    assert.equal(proposed.ok, true, JSON.stringify(proposed));
    await waitFor('a block event sent to the window', () => fake.sent.some((s) => s.channel === 'countersign:event'));
    await waitFor('the tray to count the new proposal', () =>
      fake.log.some((l) => /^tray Countersign — [1-9]\d* proposals? awaits? your signature$/.test(l)),
    );
  });

  it('closes the node on quit before letting the app go', async () => {
    let prevented = false;
    fake.appEvents.emit('before-quit', { preventDefault: () => (prevented = true) });
    assert.equal(prevented, true);
    await waitFor('quit after the node stopped', () => fake.log.includes('quit'));
  });
});
