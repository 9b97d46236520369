import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resolveAppResource } from '../../../../main/electron/app-protocol.ts';

const root = path.resolve('/opt/countersign/renderer/dist');

describe('app:// protocol: which file a request gets', () => {
  it('serves index.html for the root and for client-side routes, files by path with their type', () => {
    assert.deepEqual(resolveAppResource(root, 'GET', 'app://countersign/'), {
      ok: true,
      file: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    const route = resolveAppResource(root, 'GET', 'app://countersign/accounts');
    assert.equal(route.ok && route.file, path.join(root, 'index.html'));
    const js = resolveAppResource(root, 'GET', 'app://countersign/assets/index-abc.js');
    assert.deepEqual(js, {
      ok: true,
      file: path.join(root, 'assets/index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });
  it('never resolves outside the folder: encoded separators and dots are refused, plain dots are normalised away', () => {
    for (const url of [
      'app://countersign/..%2f..%2fetc/passwd.txt',
      'app://countersign/assets/%2e%2e%2f%2e%2e%2fsecret.json',
      'app://countersign/a%5c..%5c..%5cx.js',
      'app://countersign/x%00.js',
      'app://countersign/%E0%A4%A',
    ]) {
      const r = resolveAppResource(root, 'GET', url);
      assert.equal(r.ok, false, url);
      if (!r.ok) assert.ok(r.status === 400 || r.status === 403, `${url}: ${r.status}`);
    }
    // The URL parser removes plain and %2e dot segments before we see the path: what is left is inside the folder.
    for (const url of ['app://countersign/%2e%2e/%2e%2e/etc/passwd.txt', 'app://countersign/../../../etc/passwd.txt']) {
      const r = resolveAppResource(root, 'GET', url);
      assert.ok(r.ok && r.file.startsWith(root + path.sep), url);
    }
  });
  it('serves only the app host and only GET/HEAD', () => {
    const other = resolveAppResource(root, 'GET', 'app://elsewhere/index.html');
    assert.deepEqual(other.ok ? undefined : other.status, 403);
    const post = resolveAppResource(root, 'POST', 'app://countersign/index.html');
    assert.deepEqual(post.ok ? undefined : post.status, 405);
    assert.equal(resolveAppResource(root, 'HEAD', 'app://countersign/index.html').ok, true);
  });
});
