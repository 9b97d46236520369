import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadOrCreateToken } from '../../../main/node/api/token.ts';

const posix = process.platform !== 'win32';

describe('API token file', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'countersign-token-'));
  const file = path.join(home, 'api-token');
  after(() => rmSync(home, { recursive: true, force: true }));

  it('is created with 32 random bytes as hex, readable by its owner only, and reused', () => {
    const token = loadOrCreateToken(home);
    assert.match(token, /^[0-9a-f]{64}$/);
    if (posix) assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(loadOrCreateToken(home), token);
  });

  it('creates its directory when missing', () => {
    const nested = path.join(home, 'nested', 'home');
    assert.match(loadOrCreateToken(nested), /^[0-9a-f]{64}$/);
  });

  it('tightens a file others can read', { skip: !posix }, () => {
    chmodSync(file, 0o644);
    loadOrCreateToken(home);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('refuses an empty or garbled file with a clear error', () => {
    writeFileSync(file, '');
    assert.throws(() => loadOrCreateToken(home), { code: 'API_TOKEN_INVALID', message: /is empty; delete it/ });
    writeFileSync(file, 'not a token\n');
    assert.throws(() => loadOrCreateToken(home), { code: 'API_TOKEN_INVALID', message: /64 lower-case hex/ });
  });
});
