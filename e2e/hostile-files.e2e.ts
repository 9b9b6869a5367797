// Files someone else made (an abuser's "screenshot", a package's files) never run script at
// Daybook's origin: every URL the app offers for them is opened in a new tab, as a person could
// by long-pressing or right-clicking, and none runs anything or renders as a page.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { baseURL, launch, newContext, recordForeignRequests } from './support/browser';
import { createVaultThroughUi } from './support/vault';

const PNG = readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));
const PACKAGE_PASSPHRASE = 'harbour violet engine copper';

/** What a script in a hostile file does if it ever runs: a flag, a message, a changed title. */
const PAYLOAD =
  "localStorage.setItem('hostile-ran', location.href); new BroadcastChannel('hostile').postMessage(location.href); document.title = 'RAN';";
const SVG = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" onload="${PAYLOAD}"><script>${PAYLOAD}</script><rect width="40" height="40" fill="red"/></svg>`,
);
const HTML = Buffer.from(
  `<!doctype html><html><body onload="${PAYLOAD}"><script>${PAYLOAD}</script><img src="x" onerror="${PAYLOAD}"></body></html>`,
);

interface Hostile {
  name: string;
  mimeType: string;
  buffer: Buffer;
  /** The name its saved copy must get. */
  savedAs: string;
  /** True when it must be shown, redrawn. */
  shown: boolean;
}

const FILES: Hostile[] = [
  { name: 'cat.svg', mimeType: 'image/svg+xml', buffer: SVG, savedAs: 'cat.txt', shown: false },
  { name: 'photo.png', mimeType: 'image/png', buffer: HTML, savedAs: 'photo.txt', shown: false },
  { name: 'doorstep.png', mimeType: 'image/png', buffer: PNG, savedAs: 'doorstep.png', shown: true },
  { name: 'drawing.svg', mimeType: 'image/svg+xml', buffer: PNG, savedAs: 'drawing.png', shown: true },
  { name: 'voicemail.mp3', mimeType: 'audio/mpeg', buffer: HTML, savedAs: 'voicemail.txt', shown: false },
  { name: 'clip.mp4', mimeType: 'video/mp4', buffer: SVG, savedAs: 'clip.txt', shown: false },
  // Shown as "invoicelmth.pdf" by a right-to-left override; really a web page.
  { name: 'invoice\u202Efdp.html', mimeType: 'text/html', buffer: HTML, savedAs: 'invoicefdp.txt', shown: false },
];

/** Document types a new tab may show for a URL Daybook made: a raster picture or a player. */
const INERT_DOCUMENTS = /^(image\/(png|jpeg)|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+)$/;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** Listens, in a page of Daybook's origin, for any hostile script announcing itself. */
async function listenForScript(page: Page): Promise<{ heard: () => Promise<string[]>; forget: () => Promise<void> }> {
  await page.evaluate(() => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    new BroadcastChannel('hostile').onmessage = (event: MessageEvent<string>) => heard.push(event.data);
  });
  return {
    heard: () =>
      page.evaluate(() => [
        ...(window as unknown as { heard: string[] }).heard,
        ...(localStorage.getItem('hostile-ran') ? [`localStorage: ${localStorage.getItem('hostile-ran')}`] : []),
      ]),
    forget: () =>
      page.evaluate(() => {
        (window as unknown as { heard: string[] }).heard.length = 0;
        localStorage.removeItem('hostile-ran');
      }),
  };
}

/** Shows every attachment in `scope` and waits until each offers its saved copy. */
async function showAll(scope: Locator, count: number): Promise<void> {
  const buttons = scope.getByRole('button', { name: 'Show', exact: true });
  expect(await buttons.count()).toBe(count);
  for (let i = 0; i < count; i++) await scope.getByRole('button', { name: 'Show', exact: true }).first().click();
  await expect.poll(() => scope.getByRole('link', { name: /^Save a copy of / }).count(), { timeout: 20_000 }).toBe(count);
}

/** Every URL the attachments in `scope` offer: links, pictures, players and their sources. */
async function offeredUrls(scope: Locator): Promise<string[]> {
  const urls = await scope.evaluate((root) =>
    Array.from(root.querySelectorAll('a[href], img[src], audio[src], video[src], source[src], iframe, object, embed'), (element) => {
      if (element instanceof HTMLAnchorElement) return element.href;
      if (element instanceof HTMLImageElement || element instanceof HTMLMediaElement || element instanceof HTMLSourceElement)
        return element.src;
      return `embedded:${element.tagName}`;
    }),
  );
  return urls.filter((url) => !url.startsWith(baseURL()));
}

/**
 * Opens a URL in a new tab of the same profile. It must either download, or show a raster
 * picture or a player; never a page. Returns what happened.
 */
async function openInNewTab(context: BrowserContext, url: string): Promise<'download' | string> {
  const tab = await context.newPage();
  const download = tab.waitForEvent('download', { timeout: 10_000 }).then(
    () => 'download' as const,
    () => null,
  );
  const loaded = await tab.goto(url).then(
    () => true,
    () => false, // a download aborts the navigation
  );
  let outcome: 'download' | string;
  if (!loaded) {
    outcome = (await download) ?? 'neither loaded nor downloaded';
  } else {
    outcome = await tab.evaluate(() => document.contentType);
    expect(outcome).toMatch(INERT_DOCUMENTS);
    if (outcome.startsWith('image/')) {
      // The redrawn picture displays on its own.
      const width = await tab.evaluate(async () => {
        const img = document.querySelector('img');
        await img?.decode();
        return img?.naturalWidth;
      });
      expect(width).toBe(192);
    }
    expect(await tab.title()).not.toBe('RAN');
  }
  await tab.waitForTimeout(200); // time for any script to announce itself
  await tab.close();
  return outcome;
}

/** Checks every attachment in `scope`: what is shown, every URL in a new tab, and saved names. */
async function checkAttachments(context: BrowserContext, page: Page, scope: Locator): Promise<void> {
  const { heard } = await listenForScript(page);
  await showAll(scope, FILES.length);

  // Only the real pictures are shown, redrawn; nothing is embedded.
  const pictures = scope.locator('img');
  expect((await pictures.evaluateAll((imgs) => imgs.map((img) => img.getAttribute('alt')))).sort()).toEqual(
    FILES.filter((file) => file.shown)
      .map((file) => file.name)
      .sort(),
  );
  for (const img of await pictures.all()) {
    expect(await img.evaluate(async (element: HTMLImageElement) => (await element.decode(), element.naturalWidth))).toBe(192);
  }
  expect(await scope.getByText('This file is not a picture Daybook can show.', { exact: false }).count()).toBe(2);
  expect(await scope.getByText('Daybook does not show this kind of file.', { exact: false }).count()).toBe(3);
  expect(await axeViolations(page)).toEqual([]);

  // Every URL, opened in a new tab: a download or an inert picture, never a page.
  const urls = await offeredUrls(scope);
  expect(urls.length).toBe(FILES.length + FILES.filter((file) => file.shown).length);
  expect(urls.every((url) => url.startsWith('blob:'))).toBe(true);
  const outcomes: string[] = [];
  for (const url of urls) outcomes.push(await openInNewTab(context, url));
  expect(outcomes.filter((outcome) => outcome === 'download')).toHaveLength(FILES.length);
  expect(outcomes.filter((outcome) => outcome !== 'download')).toEqual(FILES.filter((file) => file.shown).map(() => 'image/png'));

  // Saved copies: the exact bytes, under a safe name with the content's extension.
  for (const file of FILES) {
    const link = scope.getByRole('link', { name: `Save a copy of “${file.savedAs}”`, exact: true });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(file.savedAs);
    expect((await readFile(await download.path())).equals(file.buffer)).toBe(true);
  }

  await page.waitForTimeout(300);
  expect(await heard()).toEqual([]);
}

describe('hostile files', () => {
  it(
    'no attachment, in the diary or in a package, runs script when any URL it offers is opened in a new tab',
    { timeout: 180_000 },
    async () => {
      const context = await newContext(browser);
      const foreign = recordForeignRequests(context);
      const page = await context.newPage();
      await createVaultThroughUi(page);

      // Controls. The listener hears a script that runs at the app's origin...
      const listener = await listenForScript(page);
      const probe = await context.newPage();
      await probe.goto(baseURL() + '/help');
      await probe.evaluate(PAYLOAD);
      await expect.poll(listener.heard).not.toEqual([]);
      await probe.close();
      // ...and the same SVG given a blob: URL with its own type (as Daybook once did) opens as an
      // SVG document, where its script can run (in Chromium the app's CSP does not reach it).
      await listener.forget();
      const own = await page.evaluate((svg) => URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })), SVG.toString());
      const ownTab = await context.newPage();
      await ownTab.goto(own);
      expect(await ownTab.evaluate(() => document.contentType)).toBe('image/svg+xml');
      await ownTab.close();
      await listener.forget();

      await page.getByRole('link', { name: 'New incident', exact: true }).click();
      await page.locator('main h1', { hasText: 'New incident' }).waitFor();
      await page.getByLabel('What happened?', { exact: true }).fill('He sent these files from a new number');
      await page.getByRole('checkbox', { name: 'Followed me' }).check();
      await page.getByLabel('Add photos or files').setInputFiles(FILES.map(({ name, mimeType, buffer }) => ({ name, mimeType, buffer })));
      await page.getByText('7 files added.').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      // The detail screen (whatever the address bar shows).
      await page.getByRole('button', { name: 'Delete', exact: true }).waitFor({ timeout: 20_000 });

      await checkAttachments(context, page, page.getByRole('list', { name: 'Attached files' }));

      // The same files in an evidence package, opened by an advocate in another profile.
      await page.getByRole('link', { name: 'Back to your diary' }).click();
      await page.getByRole('link', { name: 'Export', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Export', exact: true }).waitFor();
      await page.getByRole('radio', { name: /^Evidence package for an advocate/ }).check();
      await page.getByText(/This export will hold 1 incident and 7 files/).waitFor();
      // Originals, so saved copies compare byte for byte (by default a package's pictures are
      // redrawn copies: picture-metadata.e2e.ts).
      await page.getByRole('checkbox', { name: 'Include originals with their metadata' }).check();
      await page.getByLabel('New passphrase', { exact: true }).fill(PACKAGE_PASSPHRASE);
      await page.getByLabel('Type the new passphrase again').fill(PACKAGE_PASSPHRASE);
      await page.getByRole('button', { name: 'Create file' }).click();
      await page.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
      const [packageDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save file' }).click()]);
      const pack = { name: packageDownload.suggestedFilename(), buffer: await readFile(await packageDownload.path()) };

      const advocate = await newContext(browser);
      const advocateForeign = recordForeignRequests(advocate);
      const reader = await advocate.newPage();
      await reader.goto(baseURL() + '/package');
      await reader.getByLabel('Choose file', { exact: true }).setInputFiles({ ...pack, mimeType: 'application/octet-stream' });
      await reader.getByLabel("The package's passphrase").fill(PACKAGE_PASSPHRASE);
      await reader.getByRole('button', { name: 'Open', exact: true }).click();
      await reader.getByRole('heading', { name: 'Verified', exact: true }).waitFor({ timeout: 30_000 });
      await reader.locator('.package-entry summary').first().click();
      await checkAttachments(advocate, reader, reader.getByRole('list', { name: 'Attached files' }));

      expect(foreign).toEqual([]);
      expect(advocateForeign).toEqual([]);
      await advocate.close();
      await context.close();
    },
  );
});
