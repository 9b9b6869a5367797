import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { download, exitURL, FAKE_MEDIA_ARGS, launch, newContext } from './support/browser';
import { createVaultThroughUi, dumpIndexedDb, PASSPHRASE, unlockThroughUi } from './support/vault';

// Recording in the app (issue 17 points 4 and 7): sound from Chromium's fake microphone is sealed
// into the inbox as it records, so a page closed without Stop keeps what was recorded; after
// unlocking it is under New items as interrupted, becomes an incident, and the attachment's
// bytes match the SHA-256 shown. Nothing recorded is ever in IndexedDB or Cache Storage in the
// clear. A photo from the fake camera likewise goes straight into the inbox, with no EXIF.

let browser: Browser;
beforeAll(async () => {
  browser = await launch(FAKE_MEDIA_ARGS);
});
afterAll(async () => {
  await browser.close();
});

/** What a WebM or JPEG recording would show of itself in a dump of storage, were it there. */
// Four bytes or more each, so random ciphertext all but never holds one by chance.
const PLAINTEXT_SIGNS = ['\x1aE\xdf\xa3', 'webm', 'audio/webm', 'recording-20', 'photo-20', 'image/jpeg', 'JFIF'];

function dumpCaches(page: Page) {
  return page.evaluate(async () => {
    const urls: string[] = [];
    const parts: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        urls.push(request.url);
        const response = await cache.match(request);
        const type = response?.headers.get('content-type') ?? '';
        // Only what is not the app's own code could hold a recording.
        if (response && !/javascript|css|html|json|svg|png|woff|wasm|text\/plain/.test(type)) {
          parts.push(new TextDecoder('latin1').decode(await response.arrayBuffer()));
        }
      }
    }
    return { urls, text: parts.join('\n') };
  });
}

/** From the diary: opens the Record screen, starts `what`, and waits until its clock reads at least `seconds` (1 to 9). */
async function recordFor(page: Page, what: 'Record audio' | 'Record video', seconds: number): Promise<void> {
  await page.getByRole('link', { name: 'Record audio, a photo or a video' }).click();
  await page.getByRole('button', { name: what }).click();
  await page
    .locator('.recording-time', { hasText: new RegExp(`00:0[${seconds}-9]`) })
    .first()
    .waitFor({ timeout: 15_000 });
}

async function expectNothingInTheClear(page: Page): Promise<void> {
  const { stores, text } = await dumpIndexedDb(page);
  expect(stores).toContain('daybook/inboxChunks');
  for (const sign of PLAINTEXT_SIGNS) expect(text.includes(sign), `IndexedDB holds ${JSON.stringify(sign)}`).toBe(false);
  const cached = await dumpCaches(page);
  expect(cached.urls.some((url) => url.startsWith('blob:'))).toBe(false);
  for (const sign of PLAINTEXT_SIGNS.slice(0, 2)) expect(cached.text.includes(sign), 'Cache Storage holds a recording').toBe(false);
  const local = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  for (const sign of PLAINTEXT_SIGNS) expect(local.includes(sign)).toBe(false);
}

/** Makes the first new item an incident, opens it, saves a copy of its file; returns the bytes and the SHA-256 shown. */
async function intoIncident(page: Page, itemText: string): Promise<{ bytes: Buffer; shown: string }> {
  const item = page.locator('li.new-item', { hasText: itemText });
  await item.getByRole('button', { name: 'New incident from this' }).click();
  await page.getByRole('link', { name: 'Open the incident' }).click();
  await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
  const shown = (await page.locator('.attachment-list code, li code').first().textContent())?.trim() ?? '';
  await page.getByRole('button', { name: 'Show', exact: true }).first().click();
  const { bytes } = await download(page, () =>
    page
      .getByRole('link', { name: /^Save a copy of/ })
      .first()
      .click(),
  );
  return { bytes, shown };
}

describe('recording in the app', () => {
  it('a recording cut short by closing the page keeps what was recorded, sealed, and becomes an incident', async () => {
    const context = await newContext(browser, { permissions: ['microphone', 'camera'] });
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Record audio, a photo or a video' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record' }).waitFor();
    await page.getByRole('button', { name: 'Record audio' }).click();
    await page.getByText('Recording sound').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // About three seconds recorded, and written (three one-second pieces) before the page closes.
    await page
      .locator('.recording-time', { hasText: /00:0[3-9]/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    await expectNothingInTheClear(page);
    await page.close(); // no Stop

    const again = await context.newPage();
    await again.goto(new URL('/', page.url()).href);
    await unlockThroughUi(again);
    await again.getByRole('heading', { name: 'New items' }).waitFor({ timeout: 20_000 });
    const item = again.locator('li.new-item', { hasText: 'Sound recording' });
    await item.getByText(/^Interrupted:/).waitFor();
    await expect(item.getByText(/^00:0[2-9]$/).count()).resolves.toBe(1);
    await expectNothingInTheClear(again);

    const { bytes, shown } = await intoIncident(again, 'Sound recording');
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('\x1aE\xdf\xa3'); // a WebM from its first byte
    expect(shown).toMatch(/^[0-9a-f]{64}$/);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);
    await expect(again.getByText(/^Recording started in Daybook:/).count()).resolves.toBe(1);
    await context.close();
  });

  it('Stop saves the recording to New items; a photo goes straight into the inbox without EXIF', async () => {
    const context = await newContext(browser, { permissions: ['microphone', 'camera'] });
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await recordFor(page, 'Record audio', 2);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByText('Saved to New items.').waitFor();

    await page.getByRole('button', { name: 'Take a photo' }).click();
    await page.getByRole('button', { name: 'Take the picture' }).click();
    await page.getByText('Saved to New items.').waitFor();
    await expectNothingInTheClear(page);

    await page.getByRole('link', { name: 'Go to New items' }).click();
    await page.getByRole('heading', { name: 'New items' }).waitFor({ timeout: 20_000 });
    const recording = page.locator('li.new-item', { hasText: 'Sound recording' });
    await recording.waitFor();
    expect(await recording.getByText(/^Interrupted:/).count()).toBe(0);
    const { bytes, shown } = await intoIncident(page, 'Photo');
    expect(bytes.subarray(0, 3).toString('latin1')).toBe('\xff\xd8\xff');
    expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);
    await context.close();
  });

  it('goes on while the diary locks: the lock screen shows only the bar, and Stop there saves it', async () => {
    const context = await newContext(browser, { permissions: ['microphone', 'camera'] });
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await recordFor(page, 'Record audio', 1);
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByLabel('Passphrase', { exact: true }).waitFor();
    const bar = page.getByRole('region', { name: 'Recording' });
    await bar.getByText('Recording sound').waitFor();
    // Still recording while locked: the time goes on.
    await bar.locator('.recording-time', { hasText: /00:0[4-9]/ }).waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);
    // Nothing of the diary on the lock screen: no New items, no incidents, no record screen.
    expect(await page.getByRole('heading', { name: 'Record' }).count()).toBe(0);
    expect(await page.getByText('New items').count()).toBe(0);
    await bar.getByRole('button', { name: 'Stop' }).click();
    // Once it has ended, the lock screen says nothing of it (not even that it was saved).
    await bar.waitFor({ state: 'detached' });
    expect(await page.getByText('Saved to New items.').count()).toBe(0);
    // Unlocked where it was locked: the Record screen, which says the recording was saved.
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('link', { name: 'Go to New items' }).click();
    const item = page.locator('li.new-item', { hasText: 'Sound recording' });
    await item.waitFor({ timeout: 20_000 });
    expect(await item.getByText(/^Interrupted:/).count()).toBe(0);
    await expect(item.getByText(/^00:0[4-9]$/).count()).resolves.toBe(1);
    await context.close();
  });

  it('quick exit stops the recording and keeps what was recorded', async () => {
    const context = await newContext(browser, { permissions: ['microphone', 'camera'] });
    // Quick exit goes to a local neutral page (not the real default site).
    await context.addInitScript((url) => {
      if (!localStorage.getItem('daybook.quickExitUrl')) localStorage.setItem('daybook.quickExitUrl', url);
    }, exitURL());
    const page = await context.newPage();
    await createVaultThroughUi(page);
    const home = page.url();
    await recordFor(page, 'Record audio', 2);
    await page.getByRole('button', { name: 'Quick exit' }).first().click();
    await page.waitForURL(exitURL());
    const again = await context.newPage();
    await again.goto(home);
    await unlockThroughUi(again);
    const item = again.locator('li.new-item', { hasText: 'Sound recording' });
    await item.waitFor({ timeout: 20_000 });
    await expect(item.getByText(/^00:0[1-9]$/).count()).resolves.toBe(1);
    const { bytes, shown } = await intoIncident(again, 'Sound recording');
    expect(bytes.length).toBeGreaterThan(1000);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);
    await context.close();
  });

  it('Record video records the fake camera and microphone into New items', async () => {
    const context = await newContext(browser, { permissions: ['microphone', 'camera'] });
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Record audio, a photo or a video' }).click();
    await page.getByRole('button', { name: 'Record video' }).click();
    await page.getByText('Recording video').first().waitFor();
    await page
      .locator('.recording-time', { hasText: /00:0[2-9]/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('link', { name: 'Go to New items' }).click();
    const item = page.locator('li.new-item', { hasText: 'Video recording' });
    await item.waitFor({ timeout: 20_000 });
    await expectNothingInTheClear(page);
    const { bytes, shown } = await intoIncident(page, 'Video recording');
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('\x1aE\xdf\xa3');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);
    await context.close();
  });
});
