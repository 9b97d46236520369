import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { displayProblem, findElectronBinary } from '../../scripts/electron-binary.ts';
import { makeAppProject, repoRoot, transferProposal } from '../integration/electron/app-project.ts';

/**
 * The desktop app end to end, driven by Playwright's _electron.launch(): the built app (dist/electron + the
 * renderer) on a fresh devnet, the security properties checked in the real window, and the approval flow of the
 * acceptance list run through the page's only door to the node, window.countersign.
 *
 * Where no Electron binary exists (our build machines: it cannot be downloaded) the suite is skipped with a message
 * saying so; the browser e2e runs the same renderer in Chromium there.
 */

const binary = findElectronBinary(repoRoot);
const noDisplay = binary.found ? displayProblem() : undefined;
const skip = !binary.found
  ? `no Electron binary on this machine (${binary.reason}); the browser console e2e covers the renderer here`
  : noDisplay !== undefined
    ? `an Electron binary exists but there is ${noDisplay}; run under xvfb-run to include this suite`
    : false;
if (skip) console.log(`# electron e2e skipped: ${skip}`);

const artefacts = path.join(repoRoot, 'test-results', 'electron');

type Result = { ok: true; value: unknown } | { ok: false; error: { code: number; message: string; data?: unknown } };

/** Calls the node through the page's bridge, as the renderer does. */
async function api(page: Page, method: string, params: object = {}): Promise<unknown> {
  const result = (await page.evaluate(
    ([m, p]) =>
      (window as unknown as { countersign: { api: Record<string, (x: unknown) => Promise<unknown>> } }).countersign.api[
        m
      ]!(p),
    [method, params] as const,
  )) as Result;
  assert.ok(result.ok, `${method}: ${result.ok ? '' : `${result.error.message} ${JSON.stringify(result.error.data)}`}`);
  return result.value;
}

describe('desktop app (Electron) end to end', { skip, timeout: 180_000 }, () => {
  let project: Awaited<ReturnType<typeof makeAppProject>>;
  let devnet: string;
  let app: ElectronApplication;
  let page: Page;
  let launchedAt: number;

  before(async () => {
    project = await makeAppProject();
    devnet = mkdtempSync(path.join(os.tmpdir(), 'countersign-e2e-devnet-'));
    mkdirSync(artefacts, { recursive: true });
    launchedAt = performance.now();
    app = await _electron.launch({
      executablePath: binary.found ? binary.path : '',
      // Chromium refuses to run its sandbox as root (CI containers); only then is it turned off.
      args: [
        path.join(project.dir, 'dist', 'electron', 'main.cjs'),
        '--devnet',
        devnet,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      env: { ...process.env, COUNTERSIGN_LOG: 'warn' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });
  after(async () => {
    await app?.close();
    project?.cleanup();
    rmSync(devnet, { recursive: true, force: true });
  });

  it('loads the app from app:// and renders the inbox', async () => {
    assert.match(page.url(), /^app:\/\/countersign\//);
    await page.waitForFunction(() => document.querySelector('#root')?.childElementCount !== 0, undefined, {
      timeout: 30_000,
    });
    console.log(`# electron: launch to first render ${Math.round(performance.now() - launchedAt)} ms`);
    await page.screenshot({ path: path.join(artefacts, 'inbox.png') });
  });

  it('the page cannot reach Node or Electron: no require, process, module or ipcRenderer; the bridge is only functions', async () => {
    const seen = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      const bridge = g['countersign'] as Record<string, unknown>;
      const leaves: string[] = [];
      const walk = (v: unknown, at: string) => {
        if (typeof v === 'function') return leaves.push(`${at}:function`);
        if (typeof v === 'object' && v !== null)
          for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], `${at}.${k}`);
        else leaves.push(`${at}:${typeof v}`);
        return undefined;
      };
      walk(bridge, 'countersign');
      return {
        require: typeof g['require'],
        process: typeof g['process'],
        module: typeof g['module'],
        electron: typeof g['electron'],
        ipcRenderer: typeof g['ipcRenderer'],
        nonFunctions: leaves.filter((l) => !l.endsWith(':function')),
      };
    });
    assert.deepEqual(seen, {
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      electron: 'undefined',
      ipcRenderer: 'undefined',
      nonFunctions: [],
    });
  });

  it('the CSP is in force: an inline script does not run, eval is refused', async () => {
    const result = await page.evaluate(async () => {
      const g = globalThis as Record<string, unknown>;
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const s = document.createElement('script');
      s.textContent = 'globalThis.__inlineRan = true';
      document.head.append(s);
      let evalRefused = false;
      try {
        (0, eval)('1 + 1');
      } catch {
        evalRefused = true;
      }
      await new Promise((r) => setTimeout(r, 100));
      return { inlineRan: g['__inlineRan'] === true, evalRefused, violations };
    });
    assert.equal(result.inlineRan, false);
    assert.equal(result.evalRefused, true);
    assert.ok(
      result.violations.some((v) => v.startsWith('script-src')),
      JSON.stringify(result.violations),
    );
  });

  it('navigation to an external URL is blocked and window.open is denied', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    assert.equal(page.url(), before);
    assert.equal(await page.evaluate(() => window.open('https://example.com/') === null), true);
    assert.equal(app.windows().length, 1);
  });

  it('runs the approval flow: propose 2-of-3, approve by two others, executed, balances moved', async () => {
    const before = (await api(page, 'account.balances', { account: 'hbsec.treasury' })) as {
      asset: string;
      amount: string;
    }[];
    const cny = (rows: { asset: string; amount: string }[]) =>
      BigInt(rows.find((r) => r.asset === 'CNY')?.amount ?? '0');
    const proposed = (await api(page, 'proposal.propose', transferProposal('jhcb-treasury-1', '125000', false))) as {
      proposal: string;
    };
    await api(page, 'proposal.approve', { signer: 'jhcb-treasury-2', id: proposed.proposal });
    const last = (await api(page, 'proposal.approve', { signer: 'jhcb-operations-1', id: proposed.proposal })) as {
      status: string;
    };
    assert.equal(last.status, 'executed');
    const afterRows = (await api(page, 'account.balances', { account: 'hbsec.treasury' })) as typeof before;
    assert.equal(cny(afterRows) - cny(before), 125_000n);
    const status = (await api(page, 'node.status')) as { validators: { height: number | null }[] };
    assert.ok(status.validators.every((v) => v.height !== null && v.height > 0));
    await page.screenshot({ path: path.join(artefacts, 'after-flow.png') });
  });
});
