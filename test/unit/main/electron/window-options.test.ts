import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONTENT_SECURITY_POLICY,
  CSP_DIRECTIVES,
  hardenedWindowOptions,
  scriptSources,
} from '../../../../main/electron/window-options.ts';

describe('app window options (Electron security checklist)', () => {
  const prefs = hardenedWindowOptions('/app/preload.cjs').webPreferences ?? {};
  it('isolates and sandboxes the page, with no Node integration anywhere', () => {
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
  });
  it('keeps web security on and disables webviews, insecure content, experimental and Blink features', () => {
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.experimentalFeatures, false);
    assert.equal(prefs.enableBlinkFeatures, '');
    assert.equal(prefs.navigateOnDragDrop, false);
    assert.equal(prefs.safeDialogs, true);
    assert.equal(prefs.preload, '/app/preload.cjs');
  });
  it('has DevTools only when asked for (development), and the window shows only once rendered', () => {
    assert.equal(prefs.devTools, false);
    assert.equal(hardenedWindowOptions('/p', { devTools: true }).webPreferences?.devTools, true);
    assert.equal(hardenedWindowOptions('/p').show, false);
  });
  it('sets no option that weakens the defaults (every web preference is one of the listed ones)', () => {
    const reviewed = new Set([
      'preload',
      'contextIsolation',
      'sandbox',
      'nodeIntegration',
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'webSecurity',
      'allowRunningInsecureContent',
      'experimentalFeatures',
      'enableBlinkFeatures',
      'webviewTag',
      'navigateOnDragDrop',
      'safeDialogs',
      'spellcheck',
      'enableWebSQL',
      'devTools',
    ]);
    for (const key of Object.keys(prefs)) assert.ok(reviewed.has(key), `unreviewed web preference ${key}`);
  });
});

describe('Content-Security-Policy', () => {
  it('allows scripts from the app only: no unsafe-inline, unsafe-eval, wildcard, remote or data: script', () => {
    const sources = scriptSources(CONTENT_SECURITY_POLICY);
    assert.deepEqual(sources, ["'self'"]);
    for (const bad of [
      "'unsafe-inline'",
      "'unsafe-eval'",
      "'wasm-unsafe-eval'",
      '*',
      'data:',
      'blob:',
      'http:',
      'https:',
    ]) {
      assert.ok(!sources.includes(bad), `script-src allows ${bad}`);
    }
  });
  it('denies everything not listed, and lets nothing connect, frame, embed or post anywhere but the app', () => {
    assert.match(CONTENT_SECURITY_POLICY, /(^|; )default-src 'none'(;|$)/);
    assert.deepEqual(CSP_DIRECTIVES['connect-src'], ["'self'"]);
    for (const d of ['object-src', 'frame-src', 'worker-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      assert.deepEqual(CSP_DIRECTIVES[d], ["'none'"], d);
    }
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /https?:|\*|ws:|wss:/);
  });
  it('the checker reads script-src, and falls back to default-src as browsers do', () => {
    assert.deepEqual(scriptSources("default-src 'self' 'unsafe-inline'"), ["'self'", "'unsafe-inline'"]);
    assert.deepEqual(scriptSources("default-src 'none'; script-src 'self' 'unsafe-eval'"), ["'self'", "'unsafe-eval'"]);
  });
});
