import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { BRIDGE_METHODS, RpcErrorCode, type BridgeResult } from '../../../../shared/api/index.ts';
import {
  apiChannel,
  SIGNER_LOCK_CHANNEL,
  SIGNER_UNLOCK_CHANNEL,
  SUBSCRIBE_CHANNEL,
  UNSUBSCRIBE_CHANNEL,
} from '../../../../main/electron/channels.ts';
import { ipcRoutes, signsWithKey, type IpcRoute } from '../../../../main/electron/ipc-api.ts';
import type { FrameLike, IpcEventLike } from '../../../../main/electron/sender-check.ts';
import { SigningSession } from '../../../../main/electron/signing-session.ts';
import { SubscriptionRegistry } from '../../../../main/electron/subscription-registry.ts';

// The app window: web contents 7, main frame (process 3, routing 1) showing the app.
const WINDOW = { id: 7, processId: 3, routingId: 1 };
const mainFrame = (url = 'app://countersign/index.html'): FrameLike => ({
  url,
  processId: WINDOW.processId,
  routingId: WINDOW.routingId,
  parent: null,
});
const event = (over: Partial<{ senderId: number; frame: FrameLike | null }> = {}): IpcEventLike => ({
  sender: { id: over.senderId ?? WINDOW.id },
  senderFrame: over.frame === undefined ? mainFrame() : over.frame,
});

let forwarded: { method: string; params: unknown }[];
let routes: Map<string, IpcRoute['handle']>;
let subscriptions: SubscriptionRegistry;
let session: SigningSession;
let refused: string[];

beforeEach(() => {
  forwarded = [];
  refused = [];
  subscriptions = new SubscriptionRegistry();
  session = new SigningSession();
  const list = ipcRoutes({
    trusted: (id) => (id === WINDOW.id ? { processId: WINDOW.processId, routingId: WINDOW.routingId } : undefined),
    forward: async (method, params): Promise<BridgeResult> => {
      forwarded.push({ method, params });
      return { ok: true, value: { echoed: method } };
    },
    subscriptions,
    session,
    onRefused: (channel, reason) => refused.push(`${channel}: ${reason}`),
  });
  routes = new Map(list.map((r) => [r.channel, r.handle]));
});

const call = (channel: string, ev: IpcEventLike, ...args: unknown[]) => {
  const handle = routes.get(channel);
  assert.ok(handle, `no handler on ${channel}`);
  return handle(ev, ...args);
};
const errorOf = (r: BridgeResult) => {
  assert.equal(r.ok, false, 'expected a refusal');
  return (r as Extract<BridgeResult, { ok: false }>).error;
};

describe('IPC handlers generated from the API contract', () => {
  it('has exactly one handler per bridge method, plus subscribe/unsubscribe and the signing session', () => {
    const expected = new Set([
      ...BRIDGE_METHODS.map(apiChannel),
      SUBSCRIBE_CHANNEL,
      UNSUBSCRIBE_CHANNEL,
      SIGNER_UNLOCK_CHANNEL,
      SIGNER_LOCK_CHANNEL,
    ]);
    assert.deepEqual(new Set(routes.keys()), expected);
    assert.ok(!routes.has('countersign:api:subscribe') && !routes.has('countersign:api:unsubscribe'));
    assert.ok(BRIDGE_METHODS.length >= 17);
  });

  it("forwards a valid call from the window's main frame, with the params as sent", async () => {
    const r = await call(apiChannel('account.balances'), event(), { account: 'jhcb.treasury' });
    assert.deepEqual(r, { ok: true, value: { echoed: 'account.balances' } });
    assert.deepEqual(forwarded, [{ method: 'account.balances', params: { account: 'jhcb.treasury' } }]);
    await call(apiChannel('node.status'), event());
    assert.deepEqual(forwarded[1], { method: 'node.status', params: {} });
  });
});

describe('IPC sender check', () => {
  const cases: [string, IpcEventLike, RegExp][] = [
    ['another web contents', event({ senderId: 8 }), /web contents 8 is not an app window/],
    ['a sub-frame (iframe) of the window', event({ frame: { ...mainFrame(), parent: mainFrame() } }), /sub-frame/],
    ['a frame with another routing id', event({ frame: { ...mainFrame(), routingId: 9 } }), /main frame/],
    ['a frame in another renderer process', event({ frame: { ...mainFrame(), processId: 4 } }), /main frame/],
    [
      'the window showing a remote page',
      event({ frame: mainFrame('https://evil.example/') }),
      /evil\.example.*not the app/,
    ],
    ['the window showing a file', event({ frame: mainFrame('file:///home/user/x.html') }), /not the app/],
    ['a look-alike app host', event({ frame: mainFrame('app://countersign.evil/index.html') }), /not the app/],
    ['a frame already gone', event({ frame: null }), /gone/],
  ];
  for (const [what, ev, why] of cases) {
    it(`refuses a call from ${what}, and forwards nothing`, async () => {
      const error = errorOf(await call(apiChannel('tx.submit'), ev, { tx: 'aa' }));
      assert.equal(error.code, RpcErrorCode.UNAUTHORIZED);
      assert.deepEqual(error.data, { code: 'IPC_FORBIDDEN_SENDER' });
      assert.match(error.message, why);
      assert.deepEqual(forwarded, []);
      assert.equal(refused.length, 1);
    });
  }
  it('checks the sender on the subscription and signing-session channels too', async () => {
    const foreign = event({ frame: mainFrame('https://evil.example/') });
    for (const [channel, params] of [
      [SUBSCRIBE_CHANNEL, { topic: 'blocks' }],
      [UNSUBSCRIBE_CHANNEL, { topic: 'blocks' }],
      [SIGNER_UNLOCK_CHANNEL, { signer: 'jhcb-treasury-1', secret: 'correct horse' }],
      [SIGNER_LOCK_CHANNEL, {}],
    ] as const) {
      assert.deepEqual(errorOf(await call(channel, foreign, params)).data, { code: 'IPC_FORBIDDEN_SENDER' }, channel);
    }
    assert.deepEqual(subscriptions.subscribers('blocks'), []);
    assert.equal(session.size, 0);
  });
});

describe('IPC argument validation (the method zod schema, before anything is forwarded)', () => {
  const invalid = async (channel: string, args: unknown[], field: string | undefined, message: RegExp) => {
    const error = errorOf(await call(channel, event(), ...args));
    assert.equal(error.code, RpcErrorCode.INVALID_PARAMS);
    assert.deepEqual(error.data, field === undefined ? { code: 'INVALID_PARAMS' } : { code: 'INVALID_PARAMS', field });
    assert.match(error.message, message);
  };
  it('names the bad field', async () => {
    await invalid(apiChannel('account.balances'), [{ account: 42 }], 'account', /^account: /);
    await invalid(apiChannel('account.history'), [{ account: 'jhcb.treasury', limit: 0 }], 'limit', /^limit: /);
    await invalid(apiChannel('tx.submit'), [{ tx: 'XYZ' }], 'tx', /lower-case hex/);
    await invalid(apiChannel('block.get'), [{ height: 'one' }], 'height', /^height: /);
    assert.deepEqual(forwarded, []);
  });
  it('refuses unknown fields, naming them', async () => {
    await invalid(apiChannel('node.status'), [{ admin: true }], 'admin', /admin: unknown field/);
    await invalid(apiChannel('tx.get'), [{ id: 'ab'.repeat(32), __proto__x: 1 }], '__proto__x', /unknown field/);
  });
  it('refuses params that are not one plain object', async () => {
    await invalid(apiChannel('node.status'), [[]], undefined, /object of named parameters/);
    await invalid(apiChannel('node.status'), [null], undefined, /object of named parameters/);
    await invalid(apiChannel('node.status'), ['status'], undefined, /object of named parameters/);
    await invalid(apiChannel('node.status'), [{}, { extra: 1 }], undefined, /one object/);
    assert.deepEqual(forwarded, []);
  });
  it('validates the subscription topic and the unlock fields', async () => {
    await invalid(SUBSCRIBE_CHANNEL, [{ topic: 'everything' }], 'topic', /^topic: /);
    await invalid(SIGNER_UNLOCK_CHANNEL, [{ signer: 'Bad Label', secret: 'x' }], 'signer', /key label/);
    await invalid(SIGNER_UNLOCK_CHANNEL, [{ signer: 'jhcb-treasury-1', secret: '' }], 'secret', /^secret: /);
    await invalid(SIGNER_LOCK_CHANNEL, [{ now: true }], 'now', /unknown field/);
  });
});

describe('subscriptions and the signing session over IPC', () => {
  it("records the window's topics", async () => {
    assert.deepEqual(await call(SUBSCRIBE_CHANNEL, event(), { topic: 'proposals' }), {
      ok: true,
      value: { topic: 'proposals' },
    });
    assert.deepEqual(subscriptions.subscribers('proposals'), [WINDOW.id]);
    assert.deepEqual(subscriptions.subscribers('blocks'), []);
    assert.deepEqual(await call(UNSUBSCRIBE_CHANNEL, event(), { topic: 'proposals' }), { ok: true, value: true });
    assert.deepEqual(subscriptions.subscribers('proposals'), []);
  });

  it('adds a held secret to a signing call that names the key without one, never to other keys or calls', async () => {
    const signing = BRIDGE_METHODS.filter(signsWithKey);
    assert.ok(signing.includes('proposal.approve'), 'proposal.approve signs with a key');
    assert.ok(!signsWithKey('node.status'));
    await call(SIGNER_UNLOCK_CHANNEL, event(), { signer: 'jhcb-treasury-2', secret: 'correct horse' });
    const id = 'ab'.repeat(32);
    await call(apiChannel('proposal.approve'), event(), { signer: 'jhcb-treasury-2', id });
    await call(apiChannel('proposal.approve'), event(), { signer: 'jhcb-treasury-1', id });
    await call(apiChannel('proposal.approve'), event(), { signer: 'jhcb-treasury-2', id, secret: 'typed now' });
    assert.deepEqual(
      forwarded.map((f) => (f.params as { secret?: string }).secret),
      ['correct horse', undefined, 'typed now'],
    );
    const locks: string[] = [];
    session.onLock((reason) => locks.push(reason));
    await call(SIGNER_LOCK_CHANNEL, event(), {});
    assert.deepEqual(locks, ['user']);
    await call(apiChannel('proposal.approve'), event(), { signer: 'jhcb-treasury-2', id });
    assert.equal((forwarded[3]?.params as { secret?: string }).secret, undefined);
  });
});
