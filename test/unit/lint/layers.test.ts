import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were the file at `file` (relative to the repo root); returns the rule ids reported. */
async function rulesHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

describe('layer rules of ARCHITECTURE.md are enforced by lint', () => {
  const forbidden: [string, string, string][] = [
    ['shared/ importing a Node built-in', 'shared/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/ importing a bare built-in', 'shared/x.ts', "import fs from 'fs';"],
    ['shared/ importing electron', 'shared/x.ts', "import { app } from 'electron';"],
    ['shared/ importing main/', 'shared/x.ts', "import { x } from '../main/node/node.ts';"],
    ['renderer/ importing electron', 'renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/ importing a Node built-in', 'renderer/src/x.ts', "import path from 'node:path';"],
    ['renderer/ importing main/', 'renderer/src/x.ts', "import { x } from '../../main/node/api/router.ts';"],
    ['main/node importing electron', 'main/node/x.ts', "import { app } from 'electron';"],
    ['the ledger importing storage', 'main/node/ledger/x.ts', "import Database from 'better-sqlite3';"],
    ['the ledger importing node:fs', 'main/node/ledger/x.ts', "import { readFileSync } from 'node:fs';"],
    ['consensus reaching into p2p', 'main/node/consensus/x.ts', "import { x } from '../p2p/host.ts';"],
  ];
  for (const [name, file, code] of forbidden) {
    it(`refuses ${name}`, async () => {
      assert.ok((await rulesHit(file, `${code}\nexport {};\n`)).includes('no-restricted-imports'));
    });
  }
  it('refuses the wall clock and Math.random in the state machine', async () => {
    const hits = await rulesHit('main/node/ledger/x.ts', 'export const t = Date.now() + Math.random();\n');
    assert.ok(hits.includes('no-restricted-globals'));
    assert.ok(hits.includes('no-restricted-properties'));
  });
  it('allows what the layers may use', async () => {
    assert.deepEqual(await rulesHit('shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n"), []);
    assert.deepEqual(
      await rulesHit('main/node/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"),
      [],
    );
    assert.deepEqual(
      await rulesHit('main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
      [],
    );
  });
});
