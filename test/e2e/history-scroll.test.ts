import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { seedDemoActivity } from '../../main/node/devnet/seed.ts';
import { homePaths } from '../../main/node/home/layout.ts';
import { launchBrowser, openPage } from './helpers/browser.ts';
import { startConsoleDevnet, type ConsoleDevnet } from './helpers/console-devnet.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';

/**
 * An account with 1,000,000 history rows scrolls in the console without the page loading them all: the list is
 * virtualised (a few dozen rows in the DOM) and fetches keyset pages (account.history cursors) only as it nears the
 * end of what it has. The rows are written straight into the node's history index in one SQLite statement — the same
 * table and indexes the node fills as blocks commit — each pointing at the devnet's first real transaction.
 */

const ROWS = 1_000_000;
const ACCOUNT = 'lotus.issuance';
const PAGE_ROWS = 200; // HistoryList's page size

function seedHistory(database: string): { height: number; ms: number } {
  const started = Date.now();
  const db = new BetterSqlite3(database);
  try {
    db.pragma('busy_timeout = 10000');
    const tx = db.prepare('SELECT height, idx FROM txs ORDER BY height, idx LIMIT 1').get() as {
      height: number;
      idx: number;
    };
    // Ids after every stored row, so the seeded rows are the newest (a block's rows are numbered height·2^24 + k).
    const last = (db.prepare('SELECT max(id) FROM history').pluck().get() as number | null) ?? 0;
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO history (id, account, asset, height, tx_idx, delta, balance, counterparty, kind)
       SELECT ? + i, ?, 'CNY', ?, ?, '1', CAST(i AS TEXT), 'jhcb.treasury', 'transfer' FROM n`,
    ).run(ROWS, last, ACCOUNT, tx.height, tx.idx);
    return { height: tx.height, ms: Date.now() - started };
  } finally {
    db.close();
  }
}

describe('account history of 1,000,000 rows in the console', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let dev: ConsoleDevnet;
  const historyCalls: string[] = [];

  before(async () => {
    await ensureRendererBuilt();
    [browser, dev] = await Promise.all([launchBrowser(), startConsoleDevnet()]);
    await seedDemoActivity(dev.node);
    const seeded = seedHistory(homePaths(dev.net.home).database);
    console.log(`# history: ${ROWS.toLocaleString('en')} rows written for ${ACCOUNT} in ${seeded.ms} ms`);
    ({ page, errors } = await openPage(browser));
    page.on('websocket', (ws) =>
      ws.on('framesent', (frame) => {
        const text = String(frame.payload);
        if (text.includes('"account.history"')) historyCalls.push(text);
      }),
    );
  });
  after(async () => {
    await browser?.close();
    await dev?.close();
  });

  it('scrolls deep into the history while fetching only the pages it shows', async () => {
    const [base, token] = dev.url.split('#');
    await page.goto(`${base}#/accounts?account=${ACCOUNT}&${token}`);
    const list = page.locator('[data-testid="history"]');
    await list.and(page.locator(`[data-rows="${PAGE_ROWS}"]`)).waitFor();
    const first = page.locator('.history-row[data-index="0"]');
    assert.match((await first.textContent()) ?? '', /10,000\.00/); // newest: balance 1,000,000 minor units

    const scroller = page.locator('[data-testid="history-scroller"]');
    const started = Date.now();
    const SCROLLS = 5;
    for (let i = 1; i <= SCROLLS; i++) {
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await list.and(page.locator(`[data-rows="${PAGE_ROWS * (i + 1)}"]`)).waitFor();
    }
    const ms = Date.now() - started;
    const loaded = PAGE_ROWS * (SCROLLS + 1);
    console.log(
      `# history: scrolled to row ${loaded.toLocaleString('en')} of ${ROWS.toLocaleString('en')} in ${ms} ms`,
    );

    // Far down the list, the rows are the right ones (each row's balance is its position counted from the oldest).
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const deepest = page.locator(`.history-row[data-index="${loaded - 1}"]`);
    await deepest.waitFor();
    const expected = ((ROWS - loaded + 1) / 100).toLocaleString('en', { minimumFractionDigits: 2 });
    assert.match((await deepest.textContent()) ?? '', new RegExp(expected.replace(/[.,]/g, '\\$&')));

    // Only the pages scrolled to were fetched (the last scroll may prefetch one more), each with the cursor of the
    // one before; a million rows stay on the node, and only a window of rows is in the DOM.
    await page.waitForTimeout(300);
    const pages = Number(await list.getAttribute('data-pages'));
    assert.equal(historyCalls.length, pages, historyCalls.join('\n'));
    assert.ok(pages >= SCROLLS + 1 && pages <= SCROLLS + 2, `${pages} pages fetched`);
    assert.ok(historyCalls.slice(1).every((c) => /"cursor":"\d+"/.test(c)));
    assert.ok(Number(await list.getAttribute('data-rows')) <= PAGE_ROWS * (SCROLLS + 2));
    const inDom = await page.locator('.history-row').count();
    assert.ok(inDom < 80, `${inDom} rows in the DOM`);
    assert.deepEqual(errors, []);
  });
});
