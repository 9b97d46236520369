import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_ENTRY_URL, isAppUrl } from '../../../../main/electron/app-origin.ts';
import { mayGrantPermission, mayNavigate, windowOpenDecision } from '../../../../main/electron/navigation-policy.ts';

describe('navigation policy', () => {
  it('refuses navigation to any external URL, file, data, javascript or look-alike of the app', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:26657/console/',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'app://countersign.evil.example/index.html',
      'app://evil/index.html',
      'app://user:pass@countersign/index.html',
      'app://countersign:8080/index.html',
      'about:blank',
      'not a url',
    ]) {
      assert.equal(mayNavigate(url), false, url);
    }
  });
  it("allows the app's own pages (a reload, a hash route)", () => {
    assert.equal(mayNavigate(APP_ENTRY_URL), true);
    assert.equal(mayNavigate('app://countersign/index.html#/network'), true);
    assert.equal(isAppUrl('APP://COUNTERSIGN/index.html'), true);
  });
  it('denies every new window; only an https link may go to the OS browser', () => {
    assert.deepEqual(windowOpenDecision('https://docs.example.org/guide'), { action: 'deny', openExternally: true });
    for (const url of [
      'http://example.com',
      'file:///tmp/x',
      APP_ENTRY_URL,
      'smb://host/share',
      'https://u:p@example.com',
    ]) {
      assert.deepEqual(windowOpenDecision(url), { action: 'deny', openExternally: false }, url);
    }
  });
  it('grants no permission', () => {
    for (const p of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'fullscreen']) {
      assert.equal(mayGrantPermission(p), false, p);
    }
  });
});
