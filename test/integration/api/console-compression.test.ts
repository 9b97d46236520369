import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { acceptedCodings } from '../../../main/node/api/console.ts';
import { createRouter } from '../../../main/node/api/router.ts';
import { startApiServer, type ApiServer } from '../../../main/node/api/server.ts';
import { handlers, TOKEN } from './fixture.ts';

/**
 * The console's precompressed files: the build writes .br and .gz copies beside its text files, and the server sends
 * the best one the browser accepts, with Content-Encoding and Vary, never a copy older than its file.
 */

function get(server: ApiServer, rawPath: string, acceptEncoding?: string, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
      const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('console: precompressed files', () => {
  const script = `export const words = ${JSON.stringify('countersign '.repeat(500))};\n`;
  let dir: string;
  let server: ApiServer;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-console-gz-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), script);
    writeFileSync(path.join(dir, 'assets', 'app.js.br'), brotliCompressSync(script));
    writeFileSync(path.join(dir, 'assets', 'app.js.gz'), gzipSync(script));
    writeFileSync(path.join(dir, 'assets', 'old.css'), 'body{color:red}');
    writeFileSync(path.join(dir, 'assets', 'old.css.gz'), gzipSync('body{color:blue}'));
    const past = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, 'assets', 'old.css.gz'), past, past); // a copy from an earlier build
    const log = { warn() {}, error() {} };
    server = await startApiServer({
      port: 0,
      token: TOKEN,
      router: createRouter(handlers, { log }),
      log,
      console: { dir },
    });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends Brotli to a browser that accepts it, gzip to one that accepts only gzip', async () => {
    const br = await get(server, '/console/assets/app.js', 'gzip, deflate, br, zstd');
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['vary'], 'Accept-Encoding');
    assert.equal(Number(br.headers['content-length']), br.body.length);
    assert.ok(br.body.length < script.length / 10);
    assert.equal(brotliDecompressSync(br.body).toString(), script);
    assert.match(String(br.headers['content-type']), /^text\/javascript/);
    assert.match(String(br.headers['cache-control']), /immutable/);
    assert.ok(br.headers['content-security-policy']);

    const gz = await get(server, '/console/assets/app.js', 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), script);
  });

  it('sends the file as it is when nothing or only refused codings are accepted', async () => {
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const res = await get(server, '/console/assets/app.js', accept);
      assert.equal(res.headers['content-encoding'], undefined, String(accept));
      assert.equal(res.body.toString(), script, String(accept));
      assert.equal(res.headers['vary'], 'Accept-Encoding');
    }
  });

  it('answers HEAD with the headers of the encoded file and no body', async () => {
    const res = await get(server, '/console/assets/app.js', 'br', 'HEAD');
    assert.equal(res.headers['content-encoding'], 'br');
    assert.ok(Number(res.headers['content-length']) > 0);
    assert.equal(res.body.length, 0);
  });

  it('ignores a compressed copy older than its file', async () => {
    const res = await get(server, '/console/assets/old.css', 'gzip, br');
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.body.toString(), 'body{color:red}');
  });

  it('reads Accept-Encoding with its weights and wildcard', () => {
    assert.deepEqual([...acceptedCodings('gzip, deflate, br, zstd')].sort(), ['br', 'deflate', 'gzip', 'zstd']);
    assert.deepEqual([...acceptedCodings('GZIP;q=0.5, br;q=0')], ['gzip']);
    assert.deepEqual([...acceptedCodings('*')].sort(), ['br', 'gzip']);
    assert.deepEqual([...acceptedCodings('*, br;q=0')], ['gzip']);
    assert.deepEqual([...acceptedCodings('*;q=0, gzip')], ['gzip']);
    assert.deepEqual([...acceptedCodings('')], []);
  });
});
