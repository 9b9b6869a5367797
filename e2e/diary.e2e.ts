import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations as violations } from './support/axe';
import type { Browser, Page } from 'playwright-core';
import { launch, newContext } from './support/browser';
import { createVaultThroughUi } from './support/vault';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** How far the page is wider than the viewport (0 when nothing spills sideways). */
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function quickLog(page: Page, text: string): Promise<void> {
  await page.getByLabel('What happened?').fill(text);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved in your diary.').waitFor();
}

/** The timeline's entry links (rendered ones only: the list is windowed). */
const entryLinks = (page: Page) => page.locator('.timeline-entry .entry-link');

describe('diary: timeline, detail, history and delete', () => {
  it('logs, searches, filters, edits with history, and deletes leaving a verified chain', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);

    // Links show only "/" (a screen's path must not reach the browser's history).
    expect(await page.getByRole('link', { name: 'New incident', exact: true }).getAttribute('href')).toBe('/');
    await quickLog(page, 'He followed me from the station');
    await quickLog(page, 'Three silent calls from a withheld number');
    await quickLog(page, 'Flowers on the doorstep with a note signed Ŵyn');
    await page.getByText('Record of changes checked: 3 records, nothing altered or missing.').waitFor();
    expect(await entryLinks(page).allTextContents()).toEqual([
      expect.stringContaining('Flowers on the doorstep'),
      expect.stringContaining('Three silent calls'),
      expect.stringContaining('He followed me'),
    ]);

    // Search: every word, any case, accents ignored.
    const search = page.getByRole('searchbox', { name: 'Search your diary' });
    await search.fill('wyn');
    await expect.poll(() => entryLinks(page).allTextContents()).toEqual([expect.stringContaining('signed Ŵyn')]);
    await page.getByText('Showing 1 of 3 incidents').waitFor();
    await search.fill('WITHHELD calls');
    await expect.poll(() => entryLinks(page).allTextContents()).toEqual([expect.stringContaining('Three silent calls')]);
    await search.fill('');

    // Open the calls entry, edit it through the form: it becomes reported, with a place.
    await page.getByRole('link', { name: /Three silent calls/ }).click();
    await page.locator('main h1', { hasText: 'Incident' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Where did it happen?').fill('Outside work');
    await page.getByRole('group', { name: 'Have you reported it to the police?' }).getByLabel('Yes').check();
    await page.getByLabel('Crime reference number').fill('CR/0042/26');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
    const edit = page.locator('.history-step').nth(1);
    await edit.waitFor();
    expect(await edit.locator('.history-when').textContent()).toMatch(/^Edited /);
    expect(await edit.locator('.change').allTextContents()).toEqual([
      'Where (blank) → Outside work',
      'Reported to police No → Yes',
      'Police reference (blank) → CR/0042/26',
    ]);
    expect(await violations(page)).toEqual([]);

    // Filter by reported, on the diary.
    await page.getByRole('link', { name: 'Back to your diary' }).click();
    await page.getByText('Filters', { exact: true }).click();
    await page.getByRole('radio', { name: 'Reported', exact: true }).check();
    await expect.poll(() => entryLinks(page).allTextContents()).toEqual([expect.stringContaining('Three silent calls')]);
    await page.getByRole('radio', { name: 'Not reported', exact: true }).check();
    await expect.poll(() => entryLinks(page).count()).toBe(2);
    expect(await violations(page)).toEqual([]);

    // At 320 px nothing spills sideways, filters open or not, on the diary and the detail.
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await page.getByRole('link', { name: /Three silent calls/ }).click();
    await page.locator('.history-step').nth(1).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });

    // Delete: two steps, then back to the diary with the chain still verifying.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('heading', { name: 'Delete this incident?' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    // 3 entries + 1 edit + 1 tombstone.
    await page.getByText('Record of changes checked: 5 records, nothing altered or missing.').waitFor();
    expect(await page.getByTestId('deleted-count').textContent()).toBe(
      '1 entry deleted; the record of changes keeps that it existed and when it was deleted.',
    );
    expect(await entryLinks(page).count()).toBe(2);
    await context.close();
  });
});

describe('diary in Welsh', () => {
  it('has no axe violations on the diary and an incident, in cy', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await quickLog(page, 'Roedd e tu allan i’r tŷ eto');
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Cymraeg').check();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('cy');
    await page.locator('a.app-name').click();
    await page.locator('main h1', { hasText: 'Eich dyddiadur' }).waitFor();
    await page.getByRole('searchbox', { name: 'Chwilio eich dyddiadur' }).waitFor();
    await page.getByText('Hidlyddion', { exact: true }).click();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('link', { name: /tu allan/ }).click();
    await page.getByRole('heading', { name: 'Hanes y newidiadau' }).waitFor();
    await page.getByRole('button', { name: 'Dileu', exact: true }).click();
    await page.getByRole('heading', { name: /^Dileu.r digwyddiad hwn\?$/ }).waitFor();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });
});

describe('a long diary', () => {
  it('renders only the rows near the screen and still finds the oldest entry', { timeout: 180_000 }, async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await page.getByLabel('What happened?').waitFor();
    const total = 320;
    // Quick log through the page itself (type, Save, wait until the field is cleared), so the
    // round trips to the test runner do not dominate.
    await page.evaluate(async (count) => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
      if (!setValue) throw new Error('no value setter');
      // After each save the quick log starts afresh (a new field), so look the field up each time.
      const field = () => document.querySelector<HTMLTextAreaElement>('.quick-log textarea');
      for (let i = 0; i < count; i++) {
        const current = field();
        const save = document.querySelector<HTMLButtonElement>('.quick-log button[type="submit"]');
        if (!current || !save) throw new Error('quick log not found');
        setValue.call(current, `Seed entry ${i} outside the house${i === 17 ? ' in a blue van' : ''}`);
        current.dispatchEvent(new Event('input', { bubbles: true }));
        save.click();
        const started = Date.now();
        while (field() === current || field()?.value !== '') {
          if (Date.now() - started > 10_000) throw new Error(`save ${i} did not finish`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    }, total);
    await page.getByRole('heading', { level: 2, name: `${total} incidents` }).waitFor();
    await page.getByText(`Record of changes checked: ${total} records, nothing altered or missing.`).waitFor({ timeout: 30_000 });

    const rendered = await page.locator('.timeline-entry').count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(60);
    expect(await entryLinks(page).first().textContent()).toContain(`Seed entry ${total - 1} `);

    // Scroll to the end: the oldest entry is rendered, the newest no longer is.
    await expect
      .poll(async () => {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        return entryLinks(page).last().textContent();
      })
      .toContain('Seed entry 0 ');
    expect(await page.locator('.timeline-entry').count()).toBeLessThan(60);
    expect(await page.locator('.entry-link', { hasText: `Seed entry ${total - 1} ` }).count()).toBe(0);
    // The rows above are stood in for by padding (set through the CSSOM, which the CSP allows).
    const above = await page.locator('.timeline-window').evaluate((el) => parseFloat(getComputedStyle(el).paddingBlockStart));
    expect(above).toBeGreaterThan(1000);

    // Scrolling back to the top brings the newest back.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => entryLinks(page).first().textContent()).toContain(`Seed entry ${total - 1} `);

    await page.getByRole('searchbox', { name: 'Search your diary' }).fill('BLUE van');
    await expect.poll(() => entryLinks(page).allTextContents()).toEqual([expect.stringContaining('Seed entry 17 ')]);
    await context.close();
  });
});
