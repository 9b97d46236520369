import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import vm from 'node:vm';
import { BRIDGE_METHODS } from '../../../../shared/api/index.ts';
import { buildPreload } from '../../../../scripts/build-electron.ts';

/**
 * The built preload (dist/electron/preload.cjs, as the app ships it) run in a fresh V8 context with a fake
 * contextBridge and ipcRenderer: what it exposes to the page is inspected, and what the page can make it send.
 */

interface Fake {
  exposed: Map<string, unknown>;
  required: string[];
  invoked: { channel: string; args: unknown[] }[];
  handlers: Map<string, (event: unknown, ...args: unknown[]) => void>;
  ipcRenderer: object;
}

let dir: string;
let code: string;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-preload-'));
  await buildPreload(dir);
  code = readFileSync(path.join(dir, 'preload.cjs'), 'utf8');
});
after(() => rmSync(dir, { recursive: true, force: true }));

function loadPreload(): Fake {
  const fake: Fake = { exposed: new Map(), required: [], invoked: [], handlers: new Map(), ipcRenderer: {} };
  fake.ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      fake.invoked.push({ channel, args });
      return { ok: true, value: channel };
    },
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      fake.handlers.set(channel, listener);
      return fake.ipcRenderer;
    },
    send: () => assert.fail('the preload must not use ipcRenderer.send'),
    sendSync: () => assert.fail('the preload must not use ipcRenderer.sendSync'),
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
    ipcRenderer: fake.ipcRenderer,
  };
  const require = (name: string) => {
    fake.required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  const context = vm.createContext({ console });
  const wrapper = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context) as (
    r: typeof require,
    m: { exports: object },
    e: object,
  ) => void;
  const module = { exports: {} };
  wrapper(require, module, module.exports);
  return fake;
}

/** Objects made inside the preload's context have that context's prototypes: compare them as plain JSON. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Every value reachable from `root` through own properties (not by calling anything). */
function reachable(root: unknown): { path: string; value: unknown }[] {
  const out: { path: string; value: unknown }[] = [];
  const walk = (value: unknown, at: string, seen: Set<unknown>) => {
    out.push({ path: at, value });
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const desc = Object.getOwnPropertyDescriptor(value, key);
      if (desc && 'value' in desc) walk(desc.value, `${at}.${String(key)}`, seen);
    }
  };
  walk(root, 'countersign', new Set());
  return out;
}

describe('preload bridge (the built preload.cjs)', () => {
  it('requires only electron and exposes only window.countersign', () => {
    const fake = loadPreload();
    assert.deepEqual(fake.required, ['electron']);
    assert.deepEqual([...fake.exposed.keys()], ['countersign']);
  });

  it('exposes only functions (in frozen objects), one per API method, and never ipcRenderer', () => {
    const fake = loadPreload();
    const bridge = fake.exposed.get('countersign') as Record<string, unknown>;
    for (const { path: at, value } of reachable(bridge)) {
      assert.notEqual(value, fake.ipcRenderer, `${at} is ipcRenderer`);
      if (typeof value === 'function') continue;
      if (at.endsWith('.length') || at.endsWith('.name')) continue; // a function's own length and name
      assert.equal(typeof value, 'object', `${at} is a ${typeof value}, not a function`);
      assert.ok(Object.isFrozen(value), `${at} is not frozen`);
    }
    assert.deepEqual(Object.keys(bridge).sort(), ['api', 'signers', 'subscribe']);
    assert.deepEqual(Object.keys(bridge['api'] as object), [...BRIDGE_METHODS]);
    assert.ok(!('subscribe' in (bridge['api'] as object)) && !('unsubscribe' in (bridge['api'] as object)));
    assert.deepEqual(Object.keys(bridge['signers'] as object).sort(), ['lock', 'onLocked', 'unlock']);
  });

  it("sends each call on its method's own channel with one params object", async () => {
    const fake = loadPreload();
    const api = (fake.exposed.get('countersign') as { api: Record<string, (p?: unknown) => Promise<unknown>> }).api;
    assert.deepEqual(await api['account.balances']!({ account: 'jhcb.treasury' }), {
      ok: true,
      value: 'countersign:api:account.balances',
    });
    await api['node.status']!();
    assert.deepEqual(plain(fake.invoked), [
      { channel: 'countersign:api:account.balances', args: [{ account: 'jhcb.treasury' }] },
      { channel: 'countersign:api:node.status', args: [{}] },
    ]);
  });

  it('delivers events without the IPC event (whose sender is ipcRenderer), subscribing once per topic', async () => {
    const fake = loadPreload();
    const bridge = fake.exposed.get('countersign') as {
      subscribe(topic: string, l: (...args: unknown[]) => void): () => void;
    };
    const got: unknown[][] = [];
    const stopA = bridge.subscribe('blocks', (...args) => got.push(args));
    const stopB = bridge.subscribe('blocks', () => undefined);
    assert.deepEqual(plain(fake.invoked.map((i) => [i.channel, i.args])), [
      ['countersign:subscribe', [{ topic: 'blocks' }]],
    ]);
    const ipcEvent = { sender: fake.ipcRenderer, senderId: 0 };
    fake.handlers.get('countersign:event')!(ipcEvent, 'blocks', { height: 5 });
    fake.handlers.get('countersign:event')!(ipcEvent, 'proposals', { id: 'x' });
    assert.deepEqual(got, [[{ height: 5 }]]);
    stopA();
    stopA();
    stopB();
    assert.deepEqual(plain(fake.invoked.at(-1)), { channel: 'countersign:unsubscribe', args: [{ topic: 'blocks' }] });
    assert.equal(fake.invoked.length, 2);
    assert.throws(() => bridge.subscribe('everything', () => undefined), /topic must be one of blocks, proposals/);
  });

  it('signing session: unlock/lock go to their channels; lock notices reach listeners as a reason string only', async () => {
    const fake = loadPreload();
    const { signers } = fake.exposed.get('countersign') as {
      signers: {
        unlock(l: string, s: string): Promise<unknown>;
        lock(): Promise<unknown>;
        onLocked(l: (...a: unknown[]) => void): () => void;
      };
    };
    await signers.unlock('jhcb-treasury-1', 'correct horse');
    await signers.lock();
    assert.deepEqual(plain(fake.invoked), [
      { channel: 'countersign:signers:unlock', args: [{ signer: 'jhcb-treasury-1', secret: 'correct horse' }] },
      { channel: 'countersign:signers:lock', args: [{}] },
    ]);
    const reasons: unknown[][] = [];
    const off = signers.onLocked((...args) => reasons.push(args));
    fake.handlers.get('countersign:signers:locked')!({ sender: fake.ipcRenderer }, 'idle');
    off();
    fake.handlers.get('countersign:signers:locked')!({ sender: fake.ipcRenderer }, 'suspend');
    assert.deepEqual(reasons, [['idle']]);
  });
});
