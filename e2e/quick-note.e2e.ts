import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newContext, waitForServiceWorker } from './support/browser';
import { createVaultThroughUi, dumpIndexedDb, unlockThroughUi } from './support/vault';

// The lock screen's quick note (issue 17, points 3 and 7): a few words saved while locked, sealed
// at once with the time; the lock screen shows nothing of the diary, and neither IndexedDB nor
// Cache Storage holds the words in the clear; after unlocking, New items shows the note with when
// it was received, and it becomes an incident whose text is the note.

const NOTE = 'QUICKNOTE-5521 his car outside the school gates again';
/** Pieces of the note, as a dump of storage would show them if they were there (UTF-8 and UTF-16). */
const NOTE_SECRETS = ['QUICKNOTE-5521', 'school gates', [...'QUICKNOTE'].join('\u0000')];
const DIARY_SECRET = 'DIARYTEXT-7730 he followed me home from the station';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** Every byte in Cache Storage, as text (as e2e/share-target.e2e.ts scans it). */
function dumpCaches(page: Page) {
  return page.evaluate(async () => {
    const found: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        found.push(request.url);
        const bytes = new Uint8Array(await ((await cache.match(request))?.arrayBuffer() ?? new ArrayBuffer(0)));
        found.push(new TextDecoder('latin1').decode(bytes));
      }
    }
    return found.join('\n');
  });
}

/** The moment as New items words it, in the page's own locale and time zone. */
function formattedMoments(page: Page, times: number[]): Promise<string[]> {
  return page.evaluate(
    (all) => all.map((time) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(time))),
    times,
  );
}

describe('quick note on the lock screen', () => {
  it('is sealed at once, shows nothing of the diary, is stored nowhere in the clear, and becomes an incident after unlocking', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    // Something in the diary that the lock screen must not show.
    await page.getByLabel('What happened?').fill(DIARY_SECRET);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved in your diary.').waitFor();
    await waitForServiceWorker(page);

    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByLabel('Passphrase', { exact: true }).waitFor();
    const noteField = page.getByLabel('A few words');
    await noteField.waitFor({ timeout: 20_000 });
    expect(await page.locator('body').innerText()).not.toContain('DIARYTEXT-7730');

    const before = Date.now();
    await noteField.fill(NOTE);
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByText('Saved. It will be in New items when you unlock.').waitFor();
    const after = Date.now();
    // Once saved it cannot be read here: the field is empty, and still nothing of the diary shows.
    expect(await noteField.inputValue()).toBe('');
    const lockScreen = await page.locator('body').innerText();
    expect(lockScreen).not.toContain('QUICKNOTE-5521');
    expect(lockScreen).not.toContain('DIARYTEXT-7730');

    const { stores, text } = await dumpIndexedDb(page);
    expect(stores).toContain('daybook/inbox');
    for (const secret of [...NOTE_SECRETS, 'DIARYTEXT-7730']) {
      expect(text.includes(secret), `IndexedDB holds ${JSON.stringify(secret)}`).toBe(false);
    }
    const cached = await dumpCaches(page);
    for (const secret of NOTE_SECRETS) expect(cached.includes(secret), 'Cache Storage holds the note').toBe(false);

    // Unlocked: New items shows the note, with when it was received by this device's clock.
    await unlockThroughUi(page);
    await page.getByRole('heading', { name: 'New items' }).waitFor({ timeout: 20_000 });
    const item = page.locator('li.new-item', { hasText: 'QUICKNOTE-5521' });
    await item.waitFor({ timeout: 20_000 });
    const itemText = await item.innerText();
    expect(itemText).toContain(NOTE);
    // Saved within [before, after]: worded to the minute, so one of the minutes in between.
    const minutes: number[] = [];
    for (let t = before - (before % 60_000); t <= after; t += 60_000) minutes.push(t);
    const moments = await formattedMoments(page, minutes);
    expect(
      moments.some((moment) => itemText.includes(`${moment} (this device's clock)`)),
      `${itemText} / ${moments.join(' | ')}`,
    ).toBe(true);

    await item.getByRole('button', { name: 'New incident from this' }).click();
    await page.getByRole('link', { name: 'Open the incident' }).click();
    await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.locator('main').innerText()).toContain(NOTE);
    await context.close();
  });
});
