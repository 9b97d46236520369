import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY, hardenedWindowOptions } from '../../../../main/electron/window-options.ts';

describe('app window options (Electron security checklist)', () => {
  const prefs = hardenedWindowOptions('/app/preload.cjs').webPreferences ?? {};
  it('isolates and sandboxes the page, with no Node integration anywhere', () => {
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
  });
  it('keeps web security on and disables webviews, insecure content and experimental features', () => {
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.experimentalFeatures, false);
    assert.equal(prefs.navigateOnDragDrop, false);
    assert.equal(prefs.preload, '/app/preload.cjs');
  });
  it('sends a CSP that allows only the app itself and no inline script', () => {
    assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|\*|https?:/);
  });
});
