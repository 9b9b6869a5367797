import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newContext, recordForeignRequests } from './support/browser';
import { createVaultThroughUi, dumpIndexedDb, goOfflineAndUnlock } from './support/vault';

const PNG = readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('the diary offline', () => {
  it('with the network off: a full incident with a photo is saved, listed, searched, edited with history, and deleted with the chain verifying', async () => {
    const context = await newContext(browser);
    const foreign = recordForeignRequests(context);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await goOfflineAndUnlock(context, page);

    await page.getByRole('link', { name: 'New incident', exact: true }).click();
    await page.locator('main h1', { hasText: 'New incident' }).waitFor();
    await page.getByLabel('What happened?', { exact: true }).fill('OFFLINE-7781 he was waiting by my car at the gym');
    await page.getByRole('checkbox', { name: 'Followed me' }).check();
    await page.getByLabel('Where did it happen?').fill('Gym car park');
    await page.getByLabel('Add photos or files').setInputFiles({ name: 'car-park.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('car-park.png').first().waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });

    // The photo is stored unaltered: its SHA-256 is shown (with its facts, drawn in the frame
    // after the fields), and it decrypts on demand.
    const show = page.getByRole('button', { name: 'Show', exact: true });
    await show.waitFor();
    const sha256 = (await import('node:crypto')).createHash('sha256').update(PNG).digest('hex');
    expect(await page.content()).toContain(sha256);
    await show.click();
    const image = page.locator('main img[alt="car-park.png"]');
    await image.waitFor();
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(192);

    // Listed and found by search.
    await page.getByRole('link', { name: 'Back to your diary' }).click();
    await page.getByRole('searchbox', { name: 'Search your diary' }).fill('gym car');
    await page.getByText('Showing 1 of 1 incidents').or(page.getByText('Showing 1 of 1 incident')).first().waitFor();

    // Edited: the history shows what changed.
    await page.getByRole('link', { name: /OFFLINE-7781/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Where did it happen?').fill('Gym car park, Mill Lane');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('.history-step').nth(1).waitFor();
    expect(await page.locator('.history-step').nth(1).locator('.change').allTextContents()).toEqual([
      'Where Gym car park → Gym car park, Mill Lane',
    ]);

    // Deleted: a tombstone, and the chain still verifies (revision, edit, tombstone).
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByText('Record of changes checked: 3 records, nothing altered or missing.').waitFor();
    expect(await page.getByTestId('deleted-count').count()).toBe(1);

    const stored = await dumpIndexedDb(page);
    expect(stored.text).not.toContain('OFFLINE-7781');
    expect(stored.text).not.toContain('Mill Lane');
    expect(foreign).toEqual([]);
    await context.close();
  });
});
