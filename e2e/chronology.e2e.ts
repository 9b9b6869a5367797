// The chronology screen in a real browser: reached by the diary's "Chronology" link, in every
// language at 320 px wide with axe-core, chart and table, right to left for Arabic and Urdu.
// Needs the route (src/app/routes.tsx) and the link on the diary screen.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LANGUAGES } from '../src/i18n/languages';
import { axeViolations } from './support/axe';
import { horizontalOverflow, RIGHT_TO_LEFT, strings, text } from './support/locales';
import { download, launch, newContext } from './support/browser';
import { pdfPageTexts } from './support/pdfText';
import { createVaultThroughUi } from './support/vault';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

async function quickLog(page: Page, words: string): Promise<void> {
  await page.getByLabel('What happened?').fill(words);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved in your diary.').waitFor();
}

/** A full incident on `date`, following and threats ticked, reported to the police. */
async function reportedIncident(page: Page, date: string): Promise<void> {
  await page.getByRole('link', { name: 'New incident' }).click();
  await page.getByLabel('Date', { exact: true }).fill(date);
  await page.getByLabel('What happened?', { exact: true }).fill('Waiting at the bus stop again');
  await page.getByRole('checkbox', { name: 'Followed me' }).check();
  await page.getByRole('checkbox', { name: 'Threatened me or someone close to me' }).check();
  await page.getByRole('radio', { name: 'Yes', exact: true }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Diary' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor();
}

describe('chronology: every language at 320 px, axe, chart and table', () => {
  for (const { code, nativeName } of LANGUAGES) {
    const dir = RIGHT_TO_LEFT.has(code) ? 'rtl' : 'ltr';
    it(`${code} (${dir})`, async () => {
      const chronology = strings(code, 'chronology');
      const common = strings(code, 'common');
      const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      await createVaultThroughUi(page);
      await reportedIncident(page, '2025-11-20');
      await quickLog(page, 'Three silent calls from a withheld number');
      if (code !== 'en-GB') {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
        await page.getByLabel(nativeName).check();
        await expect.poll(() => page.getAttribute('html', 'lang')).toBe(code);
        await page
          .getByRole('navigation', { name: text(common, 'shell', 'navigation') })
          .getByRole('link', { name: text(common, 'nav', 'home') })
          .click();
      }
      await page.getByRole('link', { name: text(chronology, 'title'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text(chronology, 'title') }).waitFor();
      expect(await page.getAttribute('html', 'dir')).toBe(dir);

      // The chart: named by its summary, from the week of 17 November 2025 to this week.
      const chart = page.getByRole('img');
      expect(await chart.getAttribute('aria-label')).toBeTruthy();
      expect(await page.locator('.chrono-police path').count()).toBe(1);
      expect(await horizontalOverflow(page), `${code}: chart at 320 px`).toBe(0);
      expect(await axeViolations(page), `${code}: chart`).toEqual([]);

      await page.getByRole('button', { name: text(chronology, 'showTable') }).click();
      const table = page.getByRole('table', { name: text(chronology, 'table', 'caption') });
      // Two weeks with incidents: a header row and two rows.
      expect(await table.getByRole('row').count()).toBe(3);
      expect(await horizontalOverflow(page), `${code}: table at 320 px`).toBe(0);
      expect(await axeViolations(page), `${code}: table`).toEqual([]);
      await context.close();
    });
  }
});

describe('chronology on the PDF cover', () => {
  it('the report made in the app carries the chart: its title, rows, caption and the dates at both ends', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await reportedIncident(page, '2025-11-20');
    await reportedIncident(page, '2025-12-03');
    await page.getByRole('link', { name: 'Export', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Export', exact: true }).waitFor();
    await page.getByRole('radio', { name: /^PDF report/ }).check();
    await page.getByRole('checkbox', { name: 'I understand this file is not encrypted' }).check();
    await page.getByRole('button', { name: 'Create file' }).click();
    await page.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
    const { bytes } = await download(page, () => page.getByRole('button', { name: 'Save file' }).click());
    const cover = (await pdfPageTexts(new Uint8Array(bytes))).join(' ').replace(/\s+/g, ' ');
    const chronology = strings('en-GB', 'chronology');
    expect(cover).toContain(text(chronology, 'pdf', 'title'));
    expect(cover).toContain('All incidents');
    expect(cover).toContain('Threats, damage or violence');
    expect(cover).toContain(text(chronology, 'pdf', 'caption'));
    // The Monday of the first week and the Sunday of the last.
    expect(cover).toContain('17 Nov 2025');
    expect(cover).toContain('7 Dec 2025');
    await context.close();
  });
});
