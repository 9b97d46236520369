import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDesktopConfig, parseLaunchArgs } from '../../../../main/electron/desktop-config.ts';

describe('desktop settings and command line', () => {
  it('defaults: lock after 5 idle minutes, notifications on, the demo devnet', () => {
    assert.deepEqual(parseDesktopConfig(undefined, 'x.json'), { idleLockMinutes: 5, notifications: true });
    assert.deepEqual(parseDesktopConfig('{"idleLockMinutes": 0, "home": "/srv/node"}', 'x.json'), {
      idleLockMinutes: 0,
      notifications: true,
      home: '/srv/node',
    });
  });
  it('refuses a bad file naming the file and the field', () => {
    assert.throws(() => parseDesktopConfig('{"idleLockMinutes": -1}', '/u/c.json'), /\/u\/c\.json: idleLockMinutes: /);
    assert.throws(() => parseDesktopConfig('{"idle": 3}', '/u/c.json'), /\/u\/c\.json: idle: /);
    assert.throws(() => parseDesktopConfig('{', '/u/c.json'), /\/u\/c\.json is not valid JSON/);
  });
  it('reads our flags among Chromium switches', () => {
    assert.deepEqual(parseLaunchArgs(['main.mjs', '--no-sandbox', '--devnet', '/tmp/d', '--idle-lock-minutes=2']), {
      devnet: '/tmp/d',
      idleLockMinutes: 2,
      dev: false,
    });
    assert.deepEqual(parseLaunchArgs(['--home', '/srv/n', '--dev']), { home: '/srv/n', dev: true });
    assert.throws(() => parseLaunchArgs(['--home', '/a', '--devnet', '/b']), /not both/);
    assert.throws(() => parseLaunchArgs(['--idle-lock-minutes', 'soon']), /whole number/);
    assert.throws(() => parseLaunchArgs(['--home']), /--home needs a value/);
  });
});
