// Exhibit numbers and private notes on the export screen (issue 16, points 3 and 6), in Chromium
// against the production build: the initials field is checked and accessible, fits 320 px both
// ways, and a PDF made with "AB" names its two files Exhibit AB/1 and AB/2.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations as violations } from './support/axe';
import { download, launch, newContext } from './support/browser';
import { createVaultThroughUi } from './support/vault';
import { pdfPageTexts } from './support/pdfText';

const PNG = readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** An incident with two files: a picture and a short text note. */
async function addIncidentWithFiles(page: Page) {
  await page.getByRole('link', { name: 'New incident', exact: true }).click();
  await page.locator('main h1', { hasText: 'New incident' }).waitFor();
  await page.getByLabel('What happened?', { exact: true }).fill('Car outside the house again');
  await page.getByRole('checkbox', { name: 'Followed me' }).check();
  await page.getByLabel('Add photos or files').setInputFiles([
    { name: 'doorstep.png', mimeType: 'image/png', buffer: PNG },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('what I saw') },
  ]);
  await page.getByText('notes.txt').first().waitFor();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
  await page.getByRole('link', { name: 'Back to your diary' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor();
}

describe('exhibit numbers on the export screen', () => {
  it('checks the initials, passes axe, fits 320 px both ways, and numbers the files in the PDF', async () => {
    const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await addIncidentWithFiles(page);
    await page.getByRole('link', { name: 'Export', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Export', exact: true }).waitFor();

    // Private notes stay out unless ticked.
    expect(await page.getByRole('checkbox', { name: 'Include private notes' }).isChecked()).toBe(false);

    const field = page.getByRole('textbox', { name: 'Initials for exhibit numbers (optional)' });
    await field.fill('A1');
    await page.getByRole('checkbox', { name: 'I understand this file is not encrypted' }).check();
    await page.getByRole('button', { name: 'Create file' }).click();
    await page.getByText('Use only the letters A to Z, for example AB.').waitFor();
    expect(await violations(page)).toEqual([]);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    await page.evaluate(() => {
      document.documentElement.dir = 'rtl';
    });
    expect(await overflow()).toBe(0);
    await page.evaluate(() => {
      document.documentElement.dir = 'ltr';
    });

    await field.fill('ab');
    await page.getByText('The files will be numbered AB/1 to AB/2.').waitFor();
    await page.getByRole('button', { name: 'Create file' }).click();
    await page.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
    const pdf = await download(page, () => page.getByRole('button', { name: 'Save file' }).click());
    const text = (await pdfPageTexts(new Uint8Array(pdf.bytes))).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Exhibit AB/1 doorstep.png');
    expect(text).toContain('Exhibit AB/2 notes.txt');
    expect(text).toContain('Exhibit reference set when exported.');
    await context.close();
  });
});
