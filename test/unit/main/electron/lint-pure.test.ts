import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '../../../..');
const eslint = new ESLint({ cwd: root });

async function rulesHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

describe('lint keeps Electron out of the app shell logic', () => {
  it('refuses a run-time electron import in a logic file', async () => {
    assert.ok(
      (await rulesHit('main/electron/ipc-api.ts', "import { ipcMain } from 'electron';\nipcMain.toString();")).includes(
        'no-restricted-imports',
      ),
    );
  });
  it('allows a type import there, and electron in the glue files', async () => {
    assert.deepEqual(
      await rulesHit(
        'main/electron/window-options.ts',
        "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;",
      ),
      [],
    );
    assert.deepEqual(await rulesHit('main/electron/main.ts', "import { app } from 'electron';\napp.quit();"), []);
  });
  it('still refuses renderer code in either', async () => {
    assert.ok(
      (await rulesHit('main/electron/main.ts', "import { x } from '../../renderer/src/x.ts';\nx();")).includes(
        'no-restricted-imports',
      ),
    );
    assert.ok(
      (await rulesHit('main/electron/idle-lock.ts', "import { x } from '../../renderer/src/x.ts';\nx();")).includes(
        'no-restricted-imports',
      ),
    );
  });
});
