// The whole diary is decrypted and parsed at unlock in the open-rows worker (issue 18): after the
// first page, the packs of 64 and the rows written since are opened there, and handed to the page
// a slice at a time. Checked through the real app: every incident is back and the chain checks,
// and an open-rows worker was started and then ended with the load. The diary is large enough for
// the worker (over 8 packs: openRowsInWorker.ts, opensOnPage); a smaller one is opened on the page
// (e2e/first-page.e2e.ts), and so are the rows when the worker fails
// (test/core/store/openRows.test.ts). Starts from a generated 640-incident backup
// (e2e/support/bigDiary.ts), restored through set-up, so the diary holds packs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, download, launch, newContext } from './support/browser';
import { bigDiaryBackup } from './support/bigDiary';
import { restoreThroughUi, unlockThroughUi } from './support/vault';

const INCIDENTS = 640;
const BACKUP_PASSPHRASE = 'generated diary for the load test';

let browser: Browser;
let context: BrowserContext;

/** The record version of each row of the app's packs table (each holds 64 records, encrypted). */
const packVersions = (page: Page) =>
  page.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(new Error('could not open the database'));
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction('packs').objectStore('packs').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as { v?: unknown }[]).map((row) => row.v));
          };
        };
      }),
    'daybook',
  );

const packRows = async (page: Page) => (await packVersions(page)).length;

beforeAll(async () => {
  browser = await launch();
  const backup = await bigDiaryBackup(INCIDENTS, BACKUP_PASSPHRASE);
  context = await newContext(browser);
  const page = await context.newPage();
  await restoreThroughUi(page, backup, BACKUP_PASSPHRASE, 60_000);
  // The load after a restore packs the restored rows, 64 to a pack.
  for (let waited = 0; (await packRows(page)) < Math.floor(INCIDENTS / 64); waited += 200) {
    if (waited > 30_000) throw new Error('the restored rows were not packed');
    await page.waitForTimeout(200);
  }
  await page.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('the whole diary read in a worker at unlock', () => {
  it('every incident is back and checked; the open-rows worker is started and ends with the load', async () => {
    const page = await context.newPage();
    // Counts the tasks the page gives open-rows workers (their `run` message).
    await page.addInitScript(() => {
      const NativeWorker = window.Worker;
      const counted = window as unknown as { openRowsTasks: number };
      counted.openRowsTasks = 0;
      window.Worker = class extends NativeWorker {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          if (options?.name !== 'open-rows') return;
          const post = this.postMessage.bind(this) as (message: unknown, transfer: Transferable[]) => void;
          this.postMessage = ((message: unknown, transfer: Transferable[] = []) => {
            if ((message as { type?: unknown } | null)?.type === 'run') counted.openRowsTasks += 1;
            post(message, transfer);
          }) as Worker['postMessage'];
        }
      };
    });
    const opened: string[] = [];
    const ended: string[] = [];
    page.on('worker', (worker) => {
      if (!worker.url().includes('openRows.worker')) return;
      opened.push(worker.url());
      worker.on('close', () => ended.push(worker.url()));
    });
    await page.goto(baseURL() + '/');
    await unlockThroughUi(page);
    await page.getByText(`Record of changes checked: ${INCIDENTS} records, nothing altered or missing.`).waitFor({ timeout: 60_000 });
    // Search is enabled once the whole diary has loaded; every incident is counted.
    const search = page.getByRole('searchbox', { name: 'Search your diary' });
    await expect.poll(() => search.isEnabled(), { timeout: 30_000 }).toBe(true);
    await search.fill('Station Road');
    await page.getByText(`Showing ${INCIDENTS} of ${INCIDENTS} incidents`).waitFor();
    await search.fill('number 137');
    await expect
      .poll(() => page.locator('.timeline-entry .entry-link').allTextContents())
      .toEqual([expect.stringContaining('Incident 137.')]);
    // One worker was started for it (ahead of need, while the passphrase was typed), given the
    // task, and ended with it: it holds the data key only while the diary is read.
    expect(opened.length).toBeGreaterThanOrEqual(1);
    expect(await page.evaluate(() => (window as unknown as { openRowsTasks: number }).openRowsTasks)).toBe(1);
    await expect.poll(() => ended.length).toBe(opened.length);
    // Every pack was written deflated by this browser (record version 2: docs/vault-format.md).
    const versions = await packVersions(page);
    expect(versions.length).toBeGreaterThanOrEqual(Math.floor(INCIDENTS / 64));
    expect(new Set(versions)).toEqual(new Set([2]));
    await page.close();
  });

  it('an export made from the loaded diary carries every salt as stored (the page holds them packed)', async () => {
    const page = await context.newPage();
    await page.goto(baseURL() + '/');
    await unlockThroughUi(page);
    await page.getByText(`Record of changes checked: ${INCIDENTS} records, nothing altered or missing.`).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Export', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Export', exact: true }).waitFor();
    await page.getByRole('radio', { name: /^Data file \(JSON\)/ }).check();
    await page.getByRole('checkbox', { name: 'I understand this file is not encrypted' }).check();
    await page.getByRole('button', { name: 'Create file' }).click();
    await page.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 120_000 });
    const file = await download(page, () => page.getByRole('button', { name: 'Save file' }).click());
    const text = file.bytes.toString('utf8');
    const document = JSON.parse(text) as { entries: unknown[]; chain: { size: number } };
    expect(document.entries).toHaveLength(INCIDENTS);
    expect(document.chain.size).toBe(INCIDENTS);
    // The export's document is built in a worker: packed salts reach it as the hex they were stored as.
    const salts = [...text.matchAll(/"salt": "([^"]*)"/g)].map((match) => match[1]);
    expect(salts.length).toBeGreaterThanOrEqual(INCIDENTS);
    expect(salts.every((salt) => /^[0-9a-f]{32}$/.test(salt ?? ''))).toBe(true);
    await page.close();
  }, 240_000);
});
