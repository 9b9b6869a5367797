import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, exitURL, launch, newContext, waitForServiceWorker } from './support/browser';
import { createVaultThroughUi, dumpIndexedDb, unlockThroughUi } from './support/vault';

// The Web Share Target (issue 17): a POST to /share through the service worker is sealed into
// the inbox while the diary is locked, is never stored in the clear, and opens after unlocking.

const PNG = readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));
const PNG_SHA256 = createHash('sha256').update(PNG).digest('hex');
const FILE_NAME = 'SHARED-SCREENSHOT-4471.png';
const TEXT = 'SHARED-TEXT-9314 he sent this at 2am';

/** Pieces of what was shared, as a dump of storage would show them if they were there. */
const SECRETS = [
  FILE_NAME,
  'SHARED-SCREENSHOT',
  'SHARED-TEXT-9314',
  PNG_SHA256,
  PNG.subarray(0, 24).toString('latin1'), // signature and header
  PNG.subarray(PNG.length >> 1, (PNG.length >> 1) + 48).toString('latin1'), // compressed pixels
];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** Posts a share from a page of the app, as the share sheet would: multipart, through the worker. */
function share(page: Page, withFile = true) {
  return page.evaluate(
    async ({ png, name, text, withFile }) => {
      const form = new FormData();
      form.append('title', 'From Messages');
      form.append('text', text);
      if (withFile) form.append('files', new File([new Uint8Array(png)], name, { type: 'image/png' }));
      const response = await fetch('/share', { method: 'POST', body: form });
      return { redirected: response.redirected, url: response.url, status: response.status };
    },
    { png: [...PNG], name: FILE_NAME, text: TEXT, withFile },
  );
}

/** Asks the service worker how the last share went, as the window a share opens does. */
function lastShareReport(page: Page) {
  return page.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const container = navigator.serviceWorker;
        const onMessage = (event: MessageEvent) => {
          if ((event.data as { type?: string }).type === 'DAYBOOK_SHARE_REPORT') resolve(event.data);
        };
        container.addEventListener('message', onMessage);
        container.startMessages();
        container.controller?.postMessage({ type: 'DAYBOOK_SHARE_QUERY' });
        // Long enough for a busy machine to start the worker; a report never sent still fails.
        setTimeout(() => resolve(null), 10_000);
      }),
  );
}

/** Every byte in Cache Storage, as text, to look for anything shared. */
function dumpCaches(page: Page) {
  return page.evaluate(async () => {
    const urls: string[] = [];
    const found: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        urls.push(request.url);
        const bytes = new Uint8Array(await ((await cache.match(request))?.arrayBuffer() ?? new ArrayBuffer(0)));
        found.push(new TextDecoder('latin1').decode(bytes));
      }
    }
    return { urls, text: found.join('\n') };
  });
}

/** Rows in the inbox's two tables. */
function inboxRows(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('daybook');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = (store: string) =>
      new Promise<number>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const total = (await count('inbox')) + (await count('inboxChunks'));
    db.close();
    return total;
  });
}

describe('share target', () => {
  it('the web manifest makes the installed app a share target for files and text, posted to /share', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(baseURL() + '/');
    const href = (await page.locator('link[rel="manifest"]').getAttribute('href')) ?? '';
    const manifest = await (await page.request.get(new URL(href, baseURL() + '/').href)).json();
    expect(manifest.share_target).toEqual({
      action: '/share',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: {
        title: 'title',
        text: 'text',
        url: 'url',
        files: [{ name: 'files', accept: ['image/*', 'video/*', 'audio/*', 'application/pdf', 'text/*'] }],
      },
    });
    await context.close();
  });

  it('with no diary yet, keeps nothing and says so to the window it opens', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(baseURL() + '/');
    await waitForServiceWorker(page);
    await page.reload(); // now the worker controls the page
    await page.locator('main h1').first().waitFor();
    // The app asks for a share report once at start (ShareNotice, loaded lazily); the report is
    // handed over once, so the share waits until that start-up question has gone.
    await page.waitForLoadState('networkidle');
    const result = await share(page);
    expect(result).toMatchObject({ redirected: true, url: baseURL() + '/', status: 200 });
    expect(await lastShareReport(page)).toEqual({ type: 'DAYBOOK_SHARE_REPORT', outcome: 'not-ready', kept: 0 });
    // No database was made for it.
    const names = await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
    expect(names).not.toContain('daybook');
    await context.close();
  });

  it('seals a shared picture and text while locked: nothing in the clear anywhere, and it opens after unlocking', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await waitForServiceWorker(page);
    await dumpIndexedDb(page); // the vault is committed
    await page.reload(); // locked, and controlled by the worker
    await page.getByLabel('Passphrase', { exact: true }).waitFor();
    await page.waitForLoadState('networkidle'); // the app's own start-up question has gone

    const result = await share(page);
    // Answered with a redirect to the lock screen, never to an address naming the share.
    expect(result).toMatchObject({ redirected: true, url: baseURL() + '/', status: 200 });
    expect(await lastShareReport(page)).toEqual({ type: 'DAYBOOK_SHARE_REPORT', outcome: 'kept', kept: 2 });
    // Handed over once only.
    expect(await lastShareReport(page)).toBeNull();

    const { stores, text } = await dumpIndexedDb(page);
    expect(stores).toContain('daybook/inbox');
    expect(stores).toContain('daybook/inboxChunks');
    for (const secret of SECRETS) expect(text.includes(secret), `IndexedDB holds ${JSON.stringify(secret.slice(0, 20))}`).toBe(false);
    const caches = await dumpCaches(page);
    expect(caches.urls.some((url) => new URL(url).pathname.startsWith('/share'))).toBe(false);
    for (const secret of SECRETS) expect(caches.text.includes(secret), 'Cache Storage holds the share').toBe(false);

    // A GET of the share address stores nothing and shows no share.
    expect(await inboxRows(page)).toBeGreaterThanOrEqual(4); // 2 items, each with at least 1 chunk
    const before = await inboxRows(page);
    const get = await page.evaluate(async () => {
      const response = await fetch('/share');
      return { status: response.status, type: response.headers.get('content-type') };
    });
    expect(get.status).toBe(200); // the app's own page, as for any unknown address
    expect(await inboxRows(page)).toBe(before);

    // Unlocked: both items are in New items; the picture becomes an incident with its SHA-256.
    await page.reload();
    await unlockThroughUi(page);
    await page.getByRole('heading', { name: 'New items' }).waitFor({ timeout: 20_000 });
    await page.getByText(FILE_NAME).waitFor();
    await page.getByText(`From Messages\n${TEXT}`).or(page.getByText(TEXT)).first().waitFor();
    const pictureItem = page.locator('li.new-item', { hasText: FILE_NAME });
    await pictureItem.getByRole('button', { name: 'New incident from this' }).click();
    await page.getByRole('link', { name: 'Open the incident' }).click();
    await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
    // A file's facts, its SHA-256 among them, are drawn in the frame after the fields.
    await page.getByRole('button', { name: 'Show', exact: true }).waitFor();
    expect(await page.content()).toContain(PNG_SHA256);
    await context.close();
  });

  it('a share that arrives as a navigation (as from the share sheet) lands on the lock screen, sealed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await waitForServiceWorker(page);
    await page.reload();
    await page.getByLabel('Passphrase', { exact: true }).waitFor();
    await page.evaluate(
      ({ png, name }) => {
        const form = document.createElement('form');
        form.method = 'POST';
        form.enctype = 'multipart/form-data';
        form.action = '/share';
        const input = document.createElement('input');
        input.type = 'file';
        input.name = 'files';
        const files = new DataTransfer();
        files.items.add(new File([new Uint8Array(png)], name, { type: 'image/png' }));
        input.files = files.files;
        form.append(input);
        document.body.append(form);
        form.submit();
      },
      { png: [...PNG], name: FILE_NAME },
    );
    await page.waitForURL(baseURL() + '/');
    await page.getByLabel('Passphrase', { exact: true }).waitFor();
    // The window the share opened asks how it went, and says so; the report is then gone.
    await page
      .getByRole('status')
      .filter({ hasText: 'What you shared is kept sealed on this device. Unlock Daybook to see it under New items.' })
      .waitFor();
    expect(await lastShareReport(page)).toBeNull();
    expect(await inboxRows(page)).toBe(2);
    const { text } = await dumpIndexedDb(page);
    for (const secret of SECRETS) expect(text.includes(secret)).toBe(false);
    await context.close();
  });

  it('ignores a share posted from a page of another site', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await waitForServiceWorker(page);
    await page.reload();
    await page.getByLabel('Passphrase', { exact: true }).waitFor();
    // A form on another site, aimed at the share address: the browser sends that site's referrer.
    await page.goto(exitURL());
    await page.evaluate((action) => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.enctype = 'multipart/form-data';
      form.action = action;
      const text = document.createElement('input');
      text.name = 'text';
      text.value = 'junk from elsewhere';
      form.append(text);
      document.body.append(form);
      form.submit();
    }, baseURL() + '/share');
    await page.waitForURL(baseURL() + '/');
    await page.getByLabel('Passphrase', { exact: true }).waitFor();
    expect(await inboxRows(page)).toBe(0);
    await context.close();
  });
});
