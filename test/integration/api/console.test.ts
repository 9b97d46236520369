import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { CONSOLE_CSP } from '../../../main/node/api/console.ts';
import { createRouter } from '../../../main/node/api/router.ts';
import { startApiServer, type ApiServer } from '../../../main/node/api/server.ts';
import { handlers, rpc, TOKEN } from './fixture.ts';

/**
 * The browser console served by the API server: static files under /console/ with a strict CSP, nothing outside the
 * built directory reachable, and the WebSocket authenticated by the subprotocol token a browser can send, refusing
 * pages of other origins.
 */

/** A raw GET that does not normalise the path (fetch would resolve "/console/../x" before sending it). */
function rawGet(server: ApiServer, rawPath: string, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** Opens a WebSocket with the given subprotocols and headers; resolves with the chosen protocol or the HTTP refusal. */
function connect(server: ApiServer, protocols: string[], headers: Record<string, string> = {}) {
  return new Promise<{ opened: true; protocol: string; ws: WebSocket } | { opened: false; status: number }>(
    (resolve, reject) => {
      const ws = new WebSocket(server.wsUrl, protocols, { headers });
      ws.once('open', () => resolve({ opened: true, protocol: ws.protocol, ws }));
      ws.once('unexpected-response', (_req, res) => {
        resolve({ opened: false, status: res.statusCode ?? 0 });
        ws.terminate();
      });
      ws.once('error', (err) => {
        if (!/Unexpected server response/.test(err.message)) reject(err);
      });
    },
  );
}

describe('browser console served by the API server', () => {
  let dir: string;
  let secretDir: string;
  let server: ApiServer;

  before(async () => {
    secretDir = mkdtempSync(path.join(os.tmpdir(), 'countersign-console-'));
    dir = path.join(secretDir, 'dist');
    mkdirSync(path.join(dir, 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(secretDir, 'api-token'), 'must never be served');
    server = await startApiServer({ port: 0, token: TOKEN, router: createRouter(handlers), console: { dir } });
  });
  after(async () => {
    await server.close();
    rmSync(secretDir, { recursive: true, force: true });
  });

  it('reports where it is served', () => {
    assert.equal(server.consoleUrl, `http://127.0.0.1:${server.port}/console/`);
  });

  it('serves the page with a CSP that allows only this origin’s scripts and connections', async () => {
    const res = await rawGet(server, '/console/');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['content-security-policy'], CONSOLE_CSP);
    assert.match(CONSOLE_CSP, /script-src 'self'(;|$)/);
    assert.doesNotMatch(CONSOLE_CSP, /unsafe-eval|script-src[^;]*unsafe-inline/);
    assert.match(CONSOLE_CSP, /connect-src 'self'/);
    assert.match(CONSOLE_CSP, /frame-ancestors 'none'/);
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['cache-control'], 'no-store');
    const js = await rawGet(server, '/console/assets/app.js');
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /^text\/javascript/);
    assert.equal(js.body, 'console.log(1)');
  });

  it('redirects /console to /console/ and refuses methods other than GET and HEAD', async () => {
    const redirect = await rawGet(server, '/console');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers['location'], '/console/');
    assert.equal((await rawGet(server, '/console/', 'POST')).status, 405);
    assert.equal((await rawGet(server, '/console/', 'HEAD')).status, 200);
  });

  it('never serves a file outside the built directory', async () => {
    for (const p of [
      '/console/../api-token',
      '/console/%2e%2e/api-token',
      '/console/..%2fapi-token',
      '/console/assets/../../api-token',
      '/console/%2e%2e%5capi-token',
      '/console/assets',
      '/console/missing.js',
      '/console/%E0%A4%A',
    ]) {
      const res = await rawGet(server, p);
      assert.ok(res.status === 404 || res.status === 400, `${p} gave ${res.status}`);
      assert.doesNotMatch(res.body, /must never be served/, p);
    }
  });

  it('keeps the JSON-RPC API working beside it', async () => {
    const reply = await rpc(server, 'node.status');
    assert.deepEqual(reply.result, { chainId: 'test-chain', height: 7, syncing: false });
  });

  it('accepts the token as a WebSocket subprotocol and answers with the protocol name only', async () => {
    const ok = await connect(server, ['countersign.jsonrpc', `countersign.token.${TOKEN}`]);
    assert.ok(ok.opened);
    assert.equal(ok.protocol, 'countersign.jsonrpc');
    ok.ws.close();
    const wrong = await connect(server, ['countersign.jsonrpc', `countersign.token.${'b'.repeat(64)}`]);
    assert.deepEqual(wrong, { opened: false, status: 401 });
    const none = await connect(server, ['countersign.jsonrpc']);
    assert.deepEqual(none, { opened: false, status: 401 });
  });

  it('refuses WebSocket connections from pages of another origin, even with the token', async () => {
    const protocols = ['countersign.jsonrpc', `countersign.token.${TOKEN}`];
    const sameOrigin = await connect(server, protocols, { Origin: `http://127.0.0.1:${server.port}` });
    assert.ok(sameOrigin.opened);
    sameOrigin.ws.close();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, 'null', 'file://']) {
      assert.deepEqual(await connect(server, protocols, { Origin: origin }), { opened: false, status: 403 }, origin);
    }
    // DNS rebinding: a hostile name resolving to loopback keeps its own name in Host and Origin.
    const rebound = await connect(server, protocols, {
      Origin: `http://rebind.example:${server.port}`,
      Host: `rebind.example:${server.port}`,
    });
    assert.deepEqual(rebound, { opened: false, status: 403 });
  });

  it('refuses to start when the console has not been built', async () => {
    await assert.rejects(
      startApiServer({
        port: 0,
        token: TOKEN,
        router: createRouter(handlers),
        console: { dir: path.join(secretDir, 'nothing') },
      }),
      { code: 'CONSOLE_NOT_BUILT' },
    );
  });
});
