// The diary's sealed first page (core/store/diary/firstPage.ts) in the production build: unlock
// paints the timeline's first rows from it before the whole diary is decrypted; it is stored
// encrypted and padded; a page that does not decrypt is not used, and the full load shows the
// diary as before. Chromium only (the other engines run e2e/engines/*.engine.ts).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { launch, newContext } from './support/browser';
import { createVaultThroughUi, dumpIndexedDb, PASSPHRASE } from './support/vault';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

interface LoadHold {
  /**
   * From the next HMAC verify on (the first page's seal check at unlock), holds every decryption
   * of a diary row on the page (packs and revisions: not the settings) and every message to the
   * open-rows worker.
   */
  arm(): void;
  /** Lets the held messages (the whole diary's load) go on. */
  release(): void;
  /** How many row decryptions and messages to the open-rows worker were held. */
  held(): number;
  /** Whether the first page's "still loading" line has been on screen since this page loaded. */
  openingSeen(): boolean;
  /** How many tasks the page has given an open-rows worker since it loaded. */
  workerTasks(): number;
}

declare global {
  interface Window {
    __daybookHold?: LoadHold;
  }
}

const STILL_LOADING = 'Still loading the rest of your diary. Search and filters will work once all of it has loaded.';

/**
 * Runs in the page before the app. Unlock reads the first page (the seal row, the page and the
 * last diary row, then the seal's HMAC checked), then the whole diary (its rows decrypted on the
 * page for a diary this small, in the open-rows worker for a larger one: openRowsInWorker.ts).
 * Once armed, the first HMAC verify marks the end of the first page's read; from then on, every
 * decryption of a diary row on the page and every message the page posts to the open-rows worker
 * (its task, the rows it asks for) waits for release(). The settings' decryptions (a check that
 * may still run then) are not held. So the time between the first page and the whole diary
 * can be looked at without a race. Also notes whether the "still loading" line ever appears.
 */
function instrument(): void {
  const subtle = crypto.subtle;
  const verify = subtle.verify.bind(subtle);
  const decrypt = subtle.decrypt.bind(subtle);
  let armed = false;
  let holding = false;
  let held = 0;
  let seen = false;
  let workerTasks = 0;
  let release = () => {};
  let released = Promise.resolve();

  subtle.verify = async (...args: Parameters<SubtleCrypto['verify']>) => {
    const result = await verify(...args);
    if (armed) {
      armed = false;
      holding = true;
    }
    return result;
  };
  // A record's additional data names its table (core/crypto/records.ts): "…\0packs\0…".
  const isDiaryRow = (algorithm: unknown) => {
    const data = (algorithm as { additionalData?: BufferSource } | null)?.additionalData;
    const text = data ? new TextDecoder().decode(data) : '';
    return text.includes('\0packs\0') || text.includes('\0revisions\0');
  };
  subtle.decrypt = (...args: Parameters<SubtleCrypto['decrypt']>) => {
    if (!holding || !isDiaryRow(args[0])) return decrypt(...args);
    held += 1;
    return released.then(() => decrypt(...args));
  };
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (options?.name !== 'open-rows') return;
      const post = this.postMessage.bind(this) as (message: unknown, transfer: Transferable[]) => void;
      this.postMessage = ((message: unknown, transfer: Transferable[] = []) => {
        if ((message as { type?: unknown } | null)?.type === 'run') workerTasks += 1;
        if (!holding) return post(message, transfer);
        held += 1;
        void released.then(() => post(message, transfer));
      }) as Worker['postMessage'];
    }
  };
  window.__daybookHold = {
    arm() {
      armed = true;
      released = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    release() {
      holding = false;
      release();
    },
    held: () => held,
    openingSeen: () => seen,
    workerTasks: () => workerTasks,
  };
  const look = () => {
    if (!seen && document.body?.textContent?.includes('Still loading the rest of your diary.')) seen = true;
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
}

/** The timeline's entry links (rendered ones only: the list is windowed). */
const entryLinks = (page: Page) => page.locator('.timeline-entry .entry-link');

const MARKERS = { alpha: 'FIRSTPAGE-alpha-7731', bravo: 'FIRSTPAGE-bravo-4410', charlie: 'FIRSTPAGE-charlie-9052' };

/** Adds an incident through the full form, on `date` at `time`, and goes back to the diary. */
async function addIncident(page: Page, text: string, date: string, time: string): Promise<void> {
  await page.getByRole('link', { name: 'New incident', exact: true }).click();
  // The diary's quick log has a "What happened?" field too: fill the form's, once it shows.
  await page.getByRole('heading', { level: 1, name: 'New incident', exact: true }).waitFor();
  await page.getByLabel('What happened?', { exact: true }).fill(text);
  await page.getByLabel('Date', { exact: true }).fill(date);
  await page.getByLabel('Time', { exact: true }).fill(time);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
  await page.getByRole('link', { name: 'Back to your diary' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor();
}

/** Types the passphrase and unlocks (where the page is: a reload starts locked). */
async function unlock(page: Page): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

/** The whole diary is on screen: the quick log, search working, the chain checked. */
async function wholeDiaryShown(page: Page): Promise<void> {
  await page.getByLabel('What happened?', { exact: true }).waitFor({ timeout: 20_000 });
  expect(await page.getByRole('searchbox', { name: 'Search your diary' }).isEnabled()).toBe(true);
  await page.getByText('Record of changes checked: 3 records, nothing altered or missing.').waitFor({ timeout: 20_000 });
  expect(await page.getByText(STILL_LOADING).count()).toBe(0);
}

interface StoredPage {
  found: boolean;
  ivLength: number;
  dataLength: number;
  /** The stored bytes read as Latin-1 and as UTF-8, to look for plaintext in. */
  latin1: string;
  utf8: string;
  dataHex: string;
}

/** The first page's row of the settings table, as stored. */
function readStoredPage(page: Page): Promise<StoredPage> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('daybook');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const row = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction('settings').objectStore('settings').get('diary-first-page');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      if (typeof row !== 'object' || row === null || !('data' in row) || !('iv' in row)) {
        return { found: false, ivLength: 0, dataLength: 0, latin1: '', utf8: '', dataHex: '' };
      }
      const data = row.data as Uint8Array;
      const iv = row.iv as Uint8Array;
      return {
        found: true,
        ivLength: iv.length,
        dataLength: data.length,
        latin1: new TextDecoder('latin1').decode(data),
        utf8: new TextDecoder('utf-8').decode(data),
        dataHex: Array.from(data, (b) => b.toString(16).padStart(2, '0')).join(''),
      };
    } finally {
      db.close();
    }
  });
}

/** Overwrites the first page's ciphertext with random bytes of the same length, keeping its iv; returns them (hex). */
function damageStoredPage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('daybook');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const store = db.transaction('settings', 'readwrite').objectStore('settings');
      const row = await new Promise<{ id: string; iv: Uint8Array; data: Uint8Array }>((resolve, reject) => {
        const request = store.get('diary-first-page');
        request.onsuccess = () => resolve(request.result as { id: string; iv: Uint8Array; data: Uint8Array });
        request.onerror = () => reject(request.error);
      });
      // getRandomValues fills at most 64 KiB a call: the page is just over that.
      const data = new Uint8Array(row.data.length);
      for (let at = 0; at < data.length; at += 65536) crypto.getRandomValues(data.subarray(at, at + 65536));
      await new Promise<void>((resolve, reject) => {
        const request = store.put({ ...row, data });
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        store.transaction.oncomplete = () => resolve();
        store.transaction.onerror = () => reject(store.transaction.error);
      });
      return Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('');
    } finally {
      db.close();
    }
  });
}

describe('the sealed first page at unlock', () => {
  it('shows the timeline’s first rows in order before the whole diary, keeps them encrypted, and a damaged page is not used', async () => {
    const context = await newContext(browser);
    try {
      await context.addInitScript(instrument);
      const page = await context.newPage();
      await createVaultThroughUi(page);

      // Written in no date order: the timeline orders them by when they happened.
      await addIncident(page, `${MARKERS.alpha} He waited at the bus stop`, '2026-01-15', '08:10');
      await addIncident(page, `${MARKERS.charlie} A card through the door`, '2025-11-20', '21:30');
      await addIncident(page, `${MARKERS.bravo} Three calls from a withheld number`, '2026-03-02', '23:05');
      await wholeDiaryShown(page);
      const before = await entryLinks(page).allTextContents();
      expect(before).toEqual([
        expect.stringContaining(MARKERS.bravo),
        expect.stringContaining(MARKERS.alpha),
        expect.stringContaining(MARKERS.charlie),
      ]);

      // Stored, encrypted and padded (AES-GCM adds a 16-byte tag): none of what was typed readable.
      await dumpIndexedDb(page); // earlier writes committed
      const stored = await readStoredPage(page);
      expect(stored.found).toBe(true);
      expect(stored.ivLength).toBe(12);
      expect(stored.dataLength).toBe(16 * 1024 + 16);
      for (const marker of Object.values(MARKERS)) {
        expect(stored.latin1).not.toContain(marker);
        expect(stored.utf8).not.toContain(marker);
      }
      for (const word of ['excerpt', 'firstRecordedAt', 'bus stop', 'withheld']) expect(stored.latin1).not.toContain(word);

      // Lock, then unlock with the whole diary's read held just after the first page's.
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
      await page.evaluate(() => window.__daybookHold?.arm());
      await unlock(page);
      await page.getByText(STILL_LOADING).waitFor({ timeout: 20_000 });
      expect(await page.evaluate(() => window.__daybookHold?.held() ?? 0)).toBeGreaterThan(0);
      expect(await entryLinks(page).allTextContents()).toEqual(before);
      expect(await page.getByRole('heading', { level: 2, name: '3 incidents', exact: true }).count()).toBe(1);
      expect(await page.getByRole('searchbox', { name: 'Search your diary' }).isDisabled()).toBe(true);
      expect(await page.getByLabel('What happened?', { exact: true }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);

      // Any other screen waits for the whole diary; the diary's own shows the page again.
      await page.getByRole('link', { name: 'New incident', exact: true }).click();
      await page.locator('main p.loading[role="status"]').waitFor();
      expect(await page.getByRole('heading', { level: 1, name: 'New incident' }).count()).toBe(0);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Diary', exact: true }).click();
      await page.getByText(STILL_LOADING).waitFor();
      expect(await entryLinks(page).allTextContents()).toEqual(before);

      // The whole diary takes its place, in the same order.
      await page.evaluate(() => window.__daybookHold?.release());
      await wholeDiaryShown(page);
      expect(await entryLinks(page).allTextContents()).toEqual(before);

      // A diary this small is opened on the page (openRowsInWorker.ts, opensOnPage): no load
      // gave the open-rows worker its task.
      expect(await page.evaluate(() => window.__daybookHold?.workerTasks())).toBe(0);

      // Damage the page: same length, same iv, random bytes. It no longer decrypts.
      const random = await damageStoredPage(page);
      expect((await readStoredPage(page)).dataHex).toBe(random);
      await page.reload();
      await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor({ timeout: 20_000 });
      await unlock(page);
      await wholeDiaryShown(page);
      // Not used: the diary waited for its full load, which shows every incident in order.
      expect(await page.evaluate(() => window.__daybookHold?.openingSeen())).toBe(false);
      expect(await entryLinks(page).allTextContents()).toEqual(before);

      // The full load wrote a sound page in its place, for the next unlock.
      await dumpIndexedDb(page);
      await expect.poll(async () => (await readStoredPage(page)).dataHex).not.toBe(random);
      const rewritten = await readStoredPage(page);
      expect(rewritten.dataLength).toBe(16 * 1024 + 16);
      for (const marker of Object.values(MARKERS)) expect(rewritten.latin1).not.toContain(marker);
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
      await page.evaluate(() => window.__daybookHold?.arm());
      await unlock(page);
      await page.getByText(STILL_LOADING).waitFor({ timeout: 20_000 });
      expect(await entryLinks(page).allTextContents()).toEqual(before);
      await page.evaluate(() => window.__daybookHold?.release());
      await wholeDiaryShown(page);
      // Nor since the reload.
      expect(await page.evaluate(() => window.__daybookHold?.workerTasks())).toBe(0);
    } finally {
      await context.close();
    }
  });
});
