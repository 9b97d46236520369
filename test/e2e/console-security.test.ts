import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './helpers/browser.ts';
import { startConsoleDevnet, type ConsoleDevnet } from './helpers/console-devnet.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';

/**
 * The console in a real browser cannot reach beyond what a web page may: no Node or Electron APIs in the page, the
 * Content-Security-Policy is enforced (an injected inline script, eval and connections elsewhere are blocked), and the
 * node's WebSocket refuses a page without the token.
 */
describe('browser console security', () => {
  let browser: Browser;
  let page: Page;
  let dev: ConsoleDevnet;
  let csp: string | undefined;

  before(async () => {
    await ensureRendererBuilt();
    [browser, dev] = await Promise.all([launchBrowser(), startConsoleDevnet()]);
    ({ page } = await openPage(browser));
    const response = await page.goto(dev.url);
    csp = response?.headers()['content-security-policy'];
    await page.waitForSelector('[data-testid="inbox"][data-loaded="true"]');
  });
  after(async () => {
    await browser?.close();
    await dev?.close();
  });

  it('gives the page no Node or Electron API', async () => {
    const reach = await page.evaluate(() => {
      const w = globalThis as Record<string, unknown>;
      return [
        'require',
        'process',
        'module',
        'Buffer',
        'global',
        '__dirname',
        'electron',
        'ipcRenderer',
        'countersign',
      ].filter((name) => w[name] !== undefined);
    });
    assert.deepEqual(reach, []);
  });

  it('is served with a CSP that allows scripts and connections from its own origin only', () => {
    assert.ok(csp, 'no Content-Security-Policy header');
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /connect-src 'self'(;|$)/);
    assert.match(csp, /object-src 'none'/);
  });

  it('blocks an injected inline script, inline handlers, eval, and connections to other hosts', async () => {
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const w = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.head.appendChild(script);
      // An inline event handler, and a string timer (eval), both run later by the page itself.
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.__clicked = true');
      document.body.appendChild(button);
      button.click();
      button.remove();
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__evaled = true', 0);
      let fetchResult = 'fetched';
      try {
        await fetch('http://127.0.0.2:9/', { mode: 'no-cors' });
      } catch (e) {
        fetchResult = (e as Error).name;
      }
      await new Promise((r) => setTimeout(r, 100)); // violation events are queued as tasks
      return {
        injected: w['__injected'] === true,
        clicked: w['__clicked'] === true,
        evaled: w['__evaled'] === true,
        fetchResult,
        violations,
      };
    });
    assert.equal(outcome.injected, false, 'the injected inline script ran');
    assert.equal(outcome.clicked, false, 'the inline event handler ran');
    assert.equal(outcome.evaled, false, 'a string was evaluated as code');
    assert.equal(outcome.fetchResult, 'TypeError');
    assert.ok(outcome.violations.includes('script-src-elem'), outcome.violations.join(','));
    assert.ok(outcome.violations.includes('connect-src'), outcome.violations.join(','));
    assert.ok(outcome.violations.includes('script-src-attr'), outcome.violations.join(','));
    assert.ok(outcome.violations.includes('script-src'), outcome.violations.join(',')); // the string timer
  });

  it('cannot open the node’s WebSocket without the token', async () => {
    const result = await page.evaluate(
      (token) =>
        new Promise<Record<string, string>>((resolve) => {
          const attempt = (protocols: string[]) =>
            new Promise<string>((done) => {
              const ws = new WebSocket(`ws://${location.host}/ws`, protocols);
              ws.onopen = () => {
                done('open');
                ws.close();
              };
              ws.onclose = () => done('refused');
            });
          void Promise.all([
            attempt([]),
            attempt(['countersign.jsonrpc', `countersign.token.${'0'.repeat(64)}`]),
            attempt(['countersign.jsonrpc', `countersign.token.${token}`]),
          ]).then(([none, wrong, right]) => resolve({ none: none!, wrong: wrong!, right: right! }));
        }),
      dev.token,
    );
    assert.deepEqual(result, { none: 'refused', wrong: 'refused', right: 'open' });
  });

  it('asks for the token when opened without one, and keeps it out of the address bar', async () => {
    const other = await browser.newPage();
    await other.goto(dev.url.replace(/#.*$/, ''));
    await other.locator('[data-testid="connect-screen"]').waitFor();
    await other.close();
    assert.doesNotMatch(page.url(), /token/);
  });
});
