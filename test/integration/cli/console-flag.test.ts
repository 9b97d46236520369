import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI_PATH as CLI, countersign } from '../../helpers/cli.ts';
import { makeDemoNetwork } from '../../helpers/devnet.ts';
import { ensureRendererBuilt } from '../../e2e/helpers/renderer-build.ts';

/**
 * `countersign start --console` serves the built console on the API port and `status` reports where; the page is
 * served with its CSP, and the token it needs is the home's api-token (a browser brings it in the URL fragment).
 */
describe('countersign start --console', () => {
  const net = makeDemoNetwork();
  let node: ReturnType<typeof spawn>;
  let started: Record<string, unknown>;

  before(async () => {
    await ensureRendererBuilt();
    node = spawn(process.execPath, [CLI, 'start', '--home', net.home, '--api-port', '0', '--console'], {
      env: { ...process.env, COUNTERSIGN_LOG: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    started = await new Promise((resolve, reject) => {
      let text = '';
      node.stdout!.on('data', (d: Buffer) => {
        text += d.toString();
        // The start line is pretty-printed JSON: complete once it parses.
        try {
          resolve(JSON.parse(text) as Record<string, unknown>);
        } catch {
          // more to come
        }
      });
      node.once('exit', (code) => reject(new Error(`start exited with ${code}`)));
    });
  });
  after(async () => {
    const exited = new Promise((r) => node.once('exit', r));
    node.kill('SIGTERM');
    await exited;
    net.cleanup();
  });

  it('reports consoleUrl at start and in status, and serves the page there with its CSP', async () => {
    const url = started['consoleUrl'];
    assert.match(String(url), /^http:\/\/127\.0\.0\.1:\d+\/console\/$/);
    const status = await countersign(['status', '--home', net.home]);
    assert.equal(status['consoleUrl'], url);
    const page = await fetch(String(url));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(await page.text(), /<div id="root">/);
    // The page itself is public; the data is behind the token the home holds.
    const token = readFileSync(path.join(net.home, 'api-token'), 'utf8').trim();
    assert.match(token, /^[0-9a-f]{64}$/);
  });
});
