// Orders in a real browser against the production build: an order with two conditions, two
// incidents each marked as breaching one (the incident form's "Breaches a condition"), the order
// page's breaches and counts, and the breach summary PDF ("Report a breach") holding the
// condition and what happened. Then the list, the form and the order page in every language at
// 320 px wide with axe-core, right to left for Arabic and Urdu.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LANGUAGES } from '../src/i18n/languages';
import { axeViolations } from './support/axe';
import { download, launch, newContext } from './support/browser';
import { horizontalOverflow, RIGHT_TO_LEFT, strings, text } from './support/locales';
import { pdfPageTexts } from './support/pdfText';
import { createVaultThroughUi } from './support/vault';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** A real PNG, standing in for a photo of the order. */
const PHOTO = readFileSync(new URL('../public/icons/apple-touch-icon-180.png', import.meta.url));
const STATION = 'Must not come within 100 metres of 12 Station Road';
const CONTACT = 'Must not contact me directly or through anyone else';

/** The conditions' text boxes, in order (their labels carry a number, written the language's way). */
const conditionBoxes = (page: Page) => page.locator('textarea[id^="order-condition-"]');

async function openOrders(page: Page, ordersTitle = 'Orders'): Promise<void> {
  await page.getByRole('link', { name: ordersTitle, exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: ordersTitle, exact: true }).waitFor();
}

async function backToDiary(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Diary' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor();
}

/** A full incident on `date`, marked as breaching the condition `condition` (by its words). */
async function breachingIncident(page: Page, date: string, whatHappened: string, condition: string): Promise<void> {
  await page.getByRole('link', { name: 'New incident' }).click();
  await page.getByRole('heading', { level: 1, name: 'New incident' }).waitFor();
  await page.getByLabel('Date', { exact: true }).fill(date);
  await page.getByLabel('What happened?', { exact: true }).fill(whatHappened);
  const breaches = page.getByRole('group', { name: 'Breaches a condition' });
  await breaches.getByRole('checkbox', { name: condition }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
  await backToDiary(page);
}

describe('an order, two breaches, and the breach summary', () => {
  it('adds an order with two conditions, logs a breach of each, and lists them with counts; each breach’s summary PDF holds its condition and what happened, not the other’s', async () => {
    const context = await newContext(browser, { acceptDownloads: true });
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await openOrders(page);
    await page.getByRole('link', { name: 'Add an order' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an order' }).waitFor();
    await page.getByRole('radio', { name: 'Stalking Protection Order', exact: true }).check();
    await page.getByLabel('Court', { exact: true }).fill('Leeds Magistrates’ Court');
    await page.getByLabel('Date the order was made').fill('2025-10-01');
    await page.getByLabel('Condition 1', { exact: true }).fill(STATION);
    await page.getByRole('button', { name: 'Add a condition' }).click();
    await page.getByLabel('Condition 2', { exact: true }).fill(CONTACT);
    // A photo of the order itself.
    await page.getByLabel('Add photos or files').setInputFiles({ name: 'order-page-1.png', mimeType: 'image/png', buffer: PHOTO });
    await page.getByText('1 file added.').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Stalking Protection Order' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('region', { name: 'A copy of the order' }).textContent()).toContain('order-page-1.png');

    await backToDiary(page);
    await breachingIncident(page, '2025-11-20', 'Drove slowly past my house twice', STATION);
    await breachingIncident(page, '2025-11-02', 'Sent a message through my cousin', CONTACT);

    await openOrders(page);
    const card = page.locator('.order-card');
    await expect.poll(() => card.textContent()).toContain('2 breaches logged');
    await page.getByRole('link', { name: 'Stalking Protection Order' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stalking Protection Order' }).waitFor();

    const conditions = page.getByRole('region', { name: 'Conditions' }).getByRole('listitem');
    expect(await conditions.allTextContents()).toEqual([`${STATION}1 breach logged`, `${CONTACT}1 breach logged`]);
    // In the order they happened, not the order they were written down.
    const breaches = page.getByRole('region', { name: 'Breaches' });
    const dates = await breaches.getByRole('heading', { level: 3 }).allTextContents();
    expect(dates.map((date) => date.replace(/ at .*$/, ''))).toEqual(['2 Nov 2025', '20 Nov 2025']);
    const items = breaches.locator('.order-breach');
    expect(await items.nth(0).textContent()).toContain(CONTACT);
    expect(await items.nth(1).textContent()).toContain(STATION);
    expect(await axeViolations(page)).toEqual([]);

    // The breach summary of each breach: its own condition and what happened, never the other's.
    const summaries = [
      { index: 0, condition: CONTACT, own: 'Sent a message through my cousin', other: 'Drove slowly past my house twice' },
      { index: 1, condition: STATION, own: 'Drove slowly past my house twice', other: 'Sent a message through my cousin' },
    ];
    for (const { index, condition, own, other } of summaries) {
      await items.nth(index).getByRole('button', { name: 'Report a breach' }).click();
      const save = items.nth(index).getByRole('button', { name: 'Save as PDF' });
      await expect.poll(() => save.isEnabled(), { timeout: 60_000 }).toBe(true);
      const { name, bytes } = await download(page, () => save.click());
      expect(name).toMatch(/^daybook-summary-\d{4}-\d{2}-\d{2}\.pdf$/);
      const pdf = (await pdfPageTexts(new Uint8Array(bytes))).join(' ').replace(/\s+/g, ' ');
      expect(pdf).toContain(condition);
      expect(pdf).toContain(own);
      expect(pdf).not.toContain(other);
    }
    await context.close();
  });
});

describe('orders: every language at 320 px, axe, right to left', () => {
  for (const { code, nativeName } of LANGUAGES) {
    const dir = RIGHT_TO_LEFT.has(code) ? 'rtl' : 'ltr';
    it(`${code} (${dir})`, async () => {
      const orders = strings(code, 'orders');
      const common = strings(code, 'common');
      const diary = strings(code, 'diary');
      const incident = strings(code, 'incident');
      const breachReport = strings(code, 'breachReport');
      const kind = text(orders, 'kinds', 'non-molestation');
      const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      const check = async (what: string) => {
        expect(await horizontalOverflow(page), `${code}: ${what} at 320 px`).toBe(0);
        expect(await axeViolations(page), `${code}: ${what}`).toEqual([]);
      };
      const home = async () => {
        await page
          .getByRole('navigation', { name: text(common, 'shell', 'navigation') })
          .getByRole('link', { name: text(common, 'nav', 'home') })
          .click();
        await page.getByRole('heading', { level: 1, name: text(diary, 'title'), exact: true }).waitFor();
      };
      await createVaultThroughUi(page);
      if (code !== 'en-GB') {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
        await page.getByLabel(nativeName).check();
        await expect.poll(() => page.getAttribute('html', 'lang')).toBe(code);
        await home();
      }
      await openOrders(page, text(orders, 'title'));
      expect(await page.getAttribute('html', 'dir')).toBe(dir);
      await check('empty list');

      await page.getByRole('link', { name: text(orders, 'list', 'add') }).click();
      await page.getByRole('heading', { level: 1, name: text(orders, 'form', 'newTitle') }).waitFor();
      // Saving with nothing in it: the error summary, then the form put right.
      await page.getByRole('button', { name: text(orders, 'form', 'save'), exact: true }).click();
      await page.getByRole('heading', { level: 2, name: text(orders, 'errors', 'summaryTitle') }).waitFor();
      await check('form with errors');
      await page.getByRole('radio', { name: kind }).check();
      await page.getByLabel(text(orders, 'form', 'court'), { exact: true }).fill('Family Court at Leeds');
      await conditionBoxes(page).first().fill(STATION);
      await page.getByRole('button', { name: text(orders, 'form', 'addCondition') }).click();
      await conditionBoxes(page).nth(1).fill(CONTACT);
      await check('form');
      await page.getByRole('button', { name: text(orders, 'form', 'save'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: kind }).waitFor({ timeout: 20_000 });
      await check('order page without breaches');

      // An incident marked as breaching the second condition, through the incident form.
      await home();
      await page.getByRole('link', { name: text(diary, 'newIncident') }).click();
      // The diary's quick log has a "What happened?" box too: wait for the form's own page.
      await page.getByRole('heading', { level: 1, name: text(incident, 'title', 'new') }).waitFor();
      await page.getByLabel(text(incident, 'whatHappened', 'label'), { exact: true }).fill('Sent a message through my cousin');
      await page
        .getByRole('group', { name: text(incident, 'breaches', 'legend') })
        .getByRole('checkbox', { name: CONTACT })
        .check();
      await page.getByRole('button', { name: text(incident, 'actions', 'save'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text(diary, 'detail', 'title'), exact: true }).waitFor({ timeout: 20_000 });

      await home();
      await openOrders(page, text(orders, 'title'));
      await page.getByRole('link', { name: kind }).waitFor();
      await check('list');
      await page.getByRole('link', { name: kind }).click();
      await page.getByRole('heading', { level: 1, name: kind }).waitFor();
      const breaches = page.getByRole('region', { name: text(orders, 'detail', 'breaches') });
      expect(await breaches.locator('.order-breach').count()).toBe(1);
      expect(await breaches.textContent()).toContain(CONTACT);
      await check('order page with a breach');
      await breaches.getByRole('button', { name: text(breachReport, 'button') }).click();
      await breaches.getByRole('button', { name: text(breachReport, 'panel', 'save') }).waitFor();
      await check('order page with the breach summary open');
      await context.close();
    });
  }
});
