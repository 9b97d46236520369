import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { StatusJson } from '../../shared/api/index.ts';
import { signingRequestSchema } from '../../shared/domain/index.ts';
import { seedDemoActivity } from '../../main/node/devnet/seed.ts';
import { parseOfflineText, writeOfflineFile } from '../../main/node/offline/files.ts';
import { openRequest, signRequest } from '../../main/node/offline/signing.ts';
import { cspViolations, launchBrowser, openPage, pick, screenshot } from './helpers/browser.ts';
import { startConsoleDevnet, type ConsoleDevnet } from './helpers/console-devnet.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';
import { onFirstScreen } from '../../renderer/build/first-screen-css.ts';

/**
 * The browser console against a real devnet, as a signatory uses it: the inbox first (timed from the node being
 * ready), a 2-of-3 transfer proposed by one signatory and approved by two others until it executes and the balances
 * move, a queued settlement held and released, offline signing (a request exported, signed elsewhere, the approval
 * imported), a statement exported, every validator's height on the network view, and screenshots of every main view in
 * both languages (test-results/screenshots/).
 */

const VIEWS = ['inbox', 'accounts', 'settlement', 'contracts', 'network', 'blocks', 'settings'] as const;
const INBOX_READY = '[data-testid="inbox"][data-loaded="true"]';

describe('browser console on a devnet', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let dev: ConsoleDevnet;
  const balance = async (account: string, asset: string) => {
    const list = (await dev.api.call('account.balances', { account })) as { asset: string; amount: string }[];
    return BigInt(list.find((b) => b.asset === asset)?.amount ?? '0');
  };

  before(async () => {
    await ensureRendererBuilt();
    browser = await launchBrowser();
    ({ page, errors } = await openPage(browser));
    // A signatory's browser is already running: one page of text and a blank page first, so the browser's own first-use
    // work (starting its renderer and GPU processes, loading fonts) is not counted as the console's. Nothing of the
    // console is loaded or cached by this: the clock starts with a browser that has never seen it.
    await page.goto('data:text/html,<p>Countersign</p>');
    await page.goto('about:blank');
  });
  after(async () => {
    await browser?.close();
    await dev?.close();
  });

  it('renders the inbox soon after the node is ready', async () => {
    dev = await startConsoleDevnet();
    // The clock is the page's own (its marks, startup-mark.ts): the test only waits for the inbox's mark, so no
    // polling or injected test script runs in the page while it loads, as for a signatory opening the console.
    await page.goto(dev.url, { waitUntil: 'commit' });
    const t = await page.evaluate(waitForInboxMark);
    const ms = Math.round(t.inboxAt - dev.readyAt);
    const seen = Date.now() - dev.readyAt;
    await page.waitForSelector(INBOX_READY);
    console.log(
      `# console: node ready → inbox first render ${ms} ms (target < 1000 ms; the test saw it at ${seen} ms); ` +
        `in the page: html ${t.html} ms, entry script ${t.entry} ms, UI code loaded ${t.ui} ms, ` +
        `inbox with data painted ${t.inbox} ms; ${t.files} scripts and stylesheets, ${t.kb} KB transferred ` +
        `(${t.unpackedKb} KB unpacked)`,
    );
    assert.ok(ms < 15_000, `the inbox took ${ms} ms`);
    assert.ok(t.entry < t.ui && t.ui <= t.inbox, `marks out of order: ${JSON.stringify(t)}`);
    // The token left the address bar once read.
    assert.doesNotMatch(page.url(), /token=/);
    // The first screen is styled by the part of antd's stylesheet that comes with the UI code: every antd class on it
    // (as the inbox's first frame was painted; what loads after it brings the whole stylesheet) must be one that part
    // covers (renderer/build/first-screen-css.ts).
    assert.ok(t.classes.includes('ant-layout'), `no antd classes seen: ${t.classes.join(' ')}`);
    assert.deepEqual(
      t.classes.filter((c) => c.startsWith('ant-') && !onFirstScreen(c)),
      [],
      'antd classes on the first screen that its stylesheet does not cover',
    );
    await seedDemoActivity(dev.node); // the demo bill, for the bill register
  });

  it('proposes a 2-of-3 transfer as one signatory and executes it with two others’ approvals', async () => {
    const before = [await balance('jhcb.treasury', 'CNY'), await balance('hbsec.treasury', 'CNY')];

    await page.click('[data-testid="new-transfer"]');
    await pick(page, 'propose-signer', 'jhcb-operations-1', { search: true });
    await pick(page, 'propose-from', 'jhcb.treasury');
    await pick(page, 'propose-to', 'hbsec.treasury', { search: true });
    await pick(page, 'propose-asset', 'CNY');
    await page.fill('[data-testid="propose-amount"]', '1250.00');
    await page.click('[data-testid="propose-approve"]'); // the proposer prepares it; two others approve
    const preview = await page.textContent('[data-testid="propose-preview"]');
    assert.match(preview ?? '', /Transfer CNY\s1,250\.00 from .*\(jhcb\.treasury\) to .*\(hbsec\.treasury\)/);
    await page.click('[data-testid="propose-submit"]');
    await page.locator('.ant-message-notice').filter({ hasText: 'Proposal committed; it is Pending' }).waitFor();

    const detail = page.locator('[data-testid="proposal-detail"]');
    await detail.and(page.locator('[data-status="pending"]')).waitFor();
    assert.match((await detail.locator('[data-testid="progress-jhcb.treasury"]').textContent()) ?? '', /2 of 3:/);
    const id = (await detail.locator('[data-testid="proposal-hash"]').textContent())!.trim();
    assert.match(id, /^[0-9a-f]{64}$/);
    await page.locator(`[data-testid="inbox-row-${id}"]`).waitFor();

    // The signer filter (loaded after the first screen) narrows the list to what one key of this node can sign.
    await pick(page, 'signer-filter', 'jhcb-treasury-2');
    await page.locator(`[data-testid="inbox-row-${id}"]`).waitFor();
    await pick(page, 'signer-filter', 'hbsec-operations-1');
    await page.locator(`[data-testid="inbox-row-${id}"]`).waitFor({ state: 'detached' });
    await page.hover('[data-testid="signer-filter"]'); // antd shows the clear button on hover
    await page.locator('[data-testid="signer-filter"] .ant-select-clear').click();
    await page.locator(`[data-testid="inbox-row-${id}"]`).waitFor(); // every key's items again

    for (const [signer, status] of [
      ['jhcb-treasury-1', 'pending'],
      ['jhcb-treasury-2', 'executed'],
    ] as const) {
      await page.click('[data-testid="approve-button"]');
      assert.match((await page.textContent('[data-testid="sign-description"]')) ?? '', /CNY\s1,250\.00/);
      await pick(page, 'sign-signer', `${signer} `);
      await page.click('[data-testid="sign-submit"]');
      await page.locator(`[data-testid="proposal-detail"][data-status="${status}"]`).waitFor();
    }
    assert.match(
      (await page.textContent('[data-testid="progress-jhcb.treasury"]')) ?? '',
      /jhcb-treasury-1 ✓ jhcb-treasury-2 ✓/,
    );

    // Gone from what awaits a signature; executed in the inbox history.
    await page.locator(`[data-testid="inbox-row-${id}"]`).waitFor({ state: 'detached' });
    await page.click('[data-testid="tab-recent"]');
    await page.locator(`[data-testid="recent-status-${id}"]`).filter({ hasText: 'Executed' }).waitFor();

    // The balances moved, on the ledger and in the accounts view.
    assert.equal(await balance('jhcb.treasury', 'CNY'), before[0]! - 125000n);
    assert.equal(await balance('hbsec.treasury', 'CNY'), before[1]! + 125000n);
    await page.click('[data-testid="nav-accounts"]');
    await page.click('[data-testid="account-row-hbsec.treasury"]');
    const shown = page.locator('[data-testid="balance-hbsec.treasury-CNY"]');
    await shown.and(page.locator(`[data-minor="${before[1]! + 125000n}"]`)).waitFor();
    assert.match((await shown.textContent()) ?? '', /CNY\s5,001,250\.00/);
  });

  it('holds and releases a queued settlement instruction, each under the debtor’s 2-of-3 policy', async () => {
    // Lotus holds CNY 500,000.00: an RTGS payment of 600,000.00 cannot settle and waits in the queue.
    const instruction = 'lotus-pay-1';
    const instruct = await dev.api.call('proposal.propose', {
      signer: 'lotus-treasury-1',
      action: {
        type: 'settlement.instruct',
        instruction,
        mode: 'rtgs',
        priority: 'normal',
        legs: [{ from: 'lotus.treasury', to: 'jhcb.treasury', asset: 'CNY', amount: '60000000' }],
      },
      expiresInMs: 3_600_000,
      approve: true,
    });
    const { proposal } = instruct as { proposal: string };
    await dev.api.call('proposal.approve', { signer: 'lotus-treasury-2', id: proposal });

    await page.click('[data-testid="nav-settlement"]');
    const status = page.locator(`[data-testid="instruction-status-${instruction}"]`);
    await status.filter({ hasText: 'Queued' }).waitFor();

    for (const [action, after] of [
      ['hold', 'Held'],
      ['release', 'Queued'],
    ] as const) {
      await page.click(`[data-testid="${action}-${instruction}"]`);
      await page.click('[data-testid="settlement-action-submit"]');
      await page.locator('[data-testid="settlement-action-result"]').waitFor();
      await page.click('[data-testid="settlement-action-submit"]'); // close
      // The second approval, in the inbox: the action waits for lotus's policy.
      await page.click('[data-testid="nav-inbox"]');
      await page.click('[data-testid="tab-awaiting"]');
      const row = page.locator('[data-testid^="inbox-row-"]').filter({ hasText: instruction });
      await row.first().click();
      await page.click('[data-testid="approve-button"]');
      await pick(page, 'sign-signer', 'lotus-treasury-1 ');
      await page.click('[data-testid="sign-submit"]');
      await page.locator('[data-testid="proposal-detail"][data-status="executed"]').waitFor();
      await page.click('[data-testid="nav-settlement"]');
      await status.filter({ hasText: after }).waitFor();
    }
    const queue = (await dev.api.call('settlement.queue', {})) as { instructions: { id: string; status: string }[] };
    assert.equal(queue.instructions.find((i) => i.id === instruction)?.status, 'queued');
  });

  it('exports a signing request the offline signer accepts, and imports its approval file', async () => {
    const { proposal } = (await dev.api.call('proposal.propose', {
      signer: 'lotus-treasury-1',
      action: { type: 'transfer', from: 'lotus.treasury', to: 'hbsec.treasury', asset: 'HKD', amount: '500000' },
      expiresInMs: 3_600_000,
      approve: true,
    })) as { proposal: string };
    await page.click('[data-testid="nav-inbox"]');
    await page.click(`[data-testid="inbox-row-${proposal}"]`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-request"]')]);
    const request = parseOfflineText(
      readFileSync((await download.path())!, 'utf8'),
      signingRequestSchema,
      'signing request',
    );
    assert.equal(request.proposal, proposal);

    // On the offline machine: check what the bytes say, sign; back in the console: import the answer.
    assert.match(openRequest(request).action, /Transfer 5000\.00 HKD \(500000 minor units\) from lotus\.treasury/);
    const approval = await signRequest(request, dev.net.signer('lotus-treasury-2'), BigInt(Date.now()));
    const file = path.join(dev.net.dir, 'approval.json');
    writeOfflineFile(file, approval);
    await page.setInputFiles('[data-testid="import-approval-input"]', file);
    // The notice comes through antd's message, loaded after the first screen (app/notices.tsx).
    await page.locator('.ant-message-notice').filter({ hasText: 'Approval imported; the proposal is now' }).waitFor();
    await page.click('[data-testid="tab-recent"]');
    await page.locator(`[data-testid="recent-status-${proposal}"]`).filter({ hasText: 'Executed' }).waitFor();
  });

  it('exports an account statement as CSV with the transfer in exact decimals', async () => {
    await page.click('[data-testid="nav-blocks"]');
    await pick(page, 'statement-account', 'jhcb.treasury', { search: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="statement-csv"]')]);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    assert.equal(csv[0], 'time,height,tx,kind,asset,counterparty,change,balance');
    assert.ok(
      csv.some((line) => /,transfer,CNY,hbsec\.treasury,-1250\.00,9998750\.00$/.test(line)),
      csv.slice(0, 5).join('\n'),
    );
    assert.match(download.suggestedFilename(), /^statement-jhcb\.treasury-h\d+\.csv$/);
  });

  it('shows every validator’s height on the network view', async () => {
    await page.click('[data-testid="nav-network"]');
    await page.locator('[data-testid="network-view"]').waitFor();
    const status = (await dev.api.call('node.status', {})) as StatusJson;
    assert.ok(status.validators.length >= 1);
    for (const v of status.validators) {
      const cell = page.locator(`[data-testid="validator-height-${v.name}"]`);
      await cell.waitFor();
      const shown = Number(await cell.textContent());
      assert.ok(shown >= (v.height ?? 0) && shown <= status.height + 5, `${v.name}: ${shown}`);
    }
    await page.locator('[data-testid="block-chart"] canvas').waitFor();
  });

  it('drafts a contract through the API’s propose method and shows it, awaiting the payee’s signature', async () => {
    const { proposal } = (await dev.api.call('proposal.propose', {
      signer: 'jhcb-treasury-1',
      action: {
        type: 'contract.create',
        contract: 'escrow-demo-1',
        template: 'escrow',
        version: 1,
        parties: [
          { role: 'payer', account: 'jhcb.treasury' },
          { role: 'payee', account: 'hbsec.treasury' },
        ],
        terms: { asset: 'CNY', amount: '5000000', expiresAt: String(Date.now() + 7 * 86_400_000) },
      },
      expiresInMs: 3_600_000,
      approve: true,
    })) as { proposal: string };
    const done = (await dev.api.call('proposal.approve', { signer: 'jhcb-treasury-2', id: proposal })) as {
      status: string;
    };
    assert.equal(done.status, 'executed');
    await page.click('[data-testid="nav-contracts"]');
    await page.getByText('escrow-demo-1').click();
    const detail = page.locator('[data-testid="contract-detail"]');
    await detail.waitFor();
    assert.match((await detail.textContent()) ?? '', /CNY\s50,000\.00/);
    await page.getByText('Sign escrow-demo-1 as payee').first().waitFor();
    await page.keyboard.press('Escape');
  });

  it('saves a screenshot of every main view in both languages', async () => {
    // Something waiting in the inbox, so its screenshot shows a proposal in full.
    await dev.api.call('proposal.propose', {
      signer: 'hbsec-treasury-1',
      action: {
        type: 'transfer',
        from: 'hbsec.treasury',
        to: 'lotus.treasury',
        asset: 'USD',
        amount: '9876543',
        memo: 'LC 2041',
      },
      expiresInMs: 6 * 3_600_000,
      approve: true,
    });
    for (const lang of ['en', 'zh-CN'] as const) {
      await page.click('[data-testid="nav-inbox"]');
      await page
        .getByText(lang === 'en' ? 'English' : '中文', { exact: true })
        .first()
        .click();
      for (const view of VIEWS) {
        await page.click(`[data-testid="nav-${view}"]`);
        await page.locator(`[data-testid="${view === 'inbox' ? 'inbox' : `${view}-view`}"]`).waitFor();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300); // charts and tables settle
        await screenshot(page, `${lang}-${view}`);
      }
      const nav = await page.textContent('[data-testid="nav-inbox"]');
      assert.equal(nav, lang === 'en' ? 'Approvals' : '待审批');
    }
    assert.deepEqual(errors, []);
    // Every view, dialog and chart above ran under the strict CSP without tripping it.
    assert.deepEqual(await cspViolations(page), []);
  });
});

/**
 * Runs in the page: resolves once the inbox's start-up mark exists, with where the time went on the page's clock
 * (ms since navigation started), the mark as wall-clock time (timeOrigin + mark), and what was fetched until then.
 */
function waitForInboxMark() {
  const report = () => {
    const mark = performance.getEntriesByName('countersign:inbox')[0];
    if (!mark) return undefined;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const at = (name: string) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? -1);
    const before = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (r) => r.responseEnd <= mark.startTime && /\.(js|css)$/.test(r.name),
    );
    return {
      inboxAt: performance.timeOrigin + mark.startTime,
      html: Math.round(nav.responseEnd),
      entry: at('countersign:start'),
      ui: at('countersign:boot'),
      inbox: Math.round(mark.startTime),
      files: before.length,
      kb: Math.round(before.reduce((sum, r) => sum + r.transferSize, 0) / 1024),
      unpackedKb: Math.round(before.reduce((sum, r) => sum + r.decodedBodySize, 0) / 1024),
      classes: [...new Set([...document.querySelectorAll('[class]')].flatMap((e) => [...e.classList]))],
    };
  };
  return new Promise<NonNullable<ReturnType<typeof report>>>((resolve) => {
    const done = report();
    if (done) return resolve(done);
    const observer = new PerformanceObserver(() => {
      const r = report();
      if (r) {
        observer.disconnect();
        resolve(r);
      }
    });
    observer.observe({ type: 'mark' });
  });
}
