import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations as violations } from './support/axe';
import type { Browser, Page } from 'playwright-core';
import { launch, newContext, open } from './support/browser';
import { createVaultThroughUi, dumpIndexedDb } from './support/vault';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** How far the page is wider than the viewport (0 when nothing spills sideways). */
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Rows in every object store called `checklists`, in every database of the origin (absent: 0). */
async function checklistRows(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let count = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      if (db.objectStoreNames.contains('checklists')) {
        count += await new Promise<number>((resolve, reject) => {
          const request = db.transaction('checklists').objectStore('checklists').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
    }
    return count;
  });
}

/** The accessible names the flow uses, per language. */
const NAMES = {
  'en-GB': {
    heading: 'Stalking or harassment?',
    notSaved: 'Nothing you answer here is saved.',
    start: 'Start',
    next: 'Next',
    back: 'Back',
    skip: 'Skip this question',
    finish: 'See what could help',
    step: (n: number) => `Step ${n} of 5`,
    following: 'Following you',
    many: 'Many times',
    risk: 'They have threatened physical or sexual violence',
    riskBlock: 'Your safety comes first',
  },
  cy: {
    heading: 'Stelcio neu aflonyddu?',
    notSaved: "Does dim byd rydych chi'n ei ateb yma yn cael ei gadw.",
    start: 'Dechrau',
    next: 'Nesaf',
    back: 'Yn ôl',
    skip: 'Hepgor y cwestiwn hwn',
    finish: 'Gweld beth allai helpu',
    step: (n: number) => `Cam ${n} o 5`,
    following: 'Eich dilyn chi',
    many: 'Llawer o weithiau',
    risk: 'Maen nhw wedi bygwth trais corfforol neu rywiol',
    riskBlock: "Eich diogelwch chi sy'n dod gyntaf",
  },
} as const;

describe('checklist with no vault', () => {
  for (const locale of ['en-GB', 'cy'] as const) {
    it(`answers, skips, goes back and shows the danger prompt; stores nothing; no axe violations; fits 320 px (${locale})`, async () => {
      const n = NAMES[locale];
      const context = await newContext(browser, { locale, viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      const check = async (where: string) => {
        expect(await violations(page), where).toEqual([]);
        expect(await horizontalOverflow(page), `${where} overflow`).toBe(0);
      };

      await open(page, '/checklist');
      expect(await page.locator('main h1').textContent()).toBe(n.heading);
      await page.getByText(n.notSaved).waitFor();
      await check('start');

      await page.getByRole('button', { name: n.start, exact: true }).click();
      await page.getByText(n.step(1), { exact: true }).waitFor();
      await page.getByLabel(n.following, { exact: true }).check();
      await check('step 1');
      await page.getByRole('button', { name: n.next, exact: true }).click();
      await page.getByText(n.step(2), { exact: true }).waitFor();
      await page.getByLabel(n.many, { exact: true }).check();
      await check('step 2');

      // Back keeps what was ticked.
      await page.getByRole('button', { name: n.back, exact: true }).click();
      await page.getByText(n.step(1), { exact: true }).waitFor();
      expect(await page.getByLabel(n.following, { exact: true }).isChecked()).toBe(true);
      await page.getByRole('button', { name: n.next, exact: true }).click();
      await page.getByRole('button', { name: n.next, exact: true }).click();
      await page.getByText(n.step(3), { exact: true }).waitFor();
      await check('step 3');
      await page.getByRole('button', { name: n.skip, exact: true }).click();
      await page.getByText(n.step(4), { exact: true }).waitFor();
      await check('step 4');
      await page.getByRole('button', { name: n.skip, exact: true }).click();
      await page.getByText(n.step(5), { exact: true }).waitFor();
      await page.getByLabel(n.risk, { exact: true }).check();
      await check('step 5');
      await page.getByRole('button', { name: n.finish, exact: true }).click();

      const risk = page.getByRole('region', { name: n.riskBlock });
      await risk.waitFor();
      expect(await risk.locator('a[href="tel:999"]').count()).toBe(1);
      expect(await risk.locator('a[href="tel:08088020300"]').textContent()).toContain('0808 802 0300');
      // The danger prompt comes before every other explanation.
      expect(await page.locator('.checklist-block').first().getAttribute('data-outcome')).toBe('risk-signs');
      await check('outcome');

      // Nothing stored: no saved rows, and no answer or outcome anywhere in IndexedDB.
      expect(await checklistRows(page)).toBe(0);
      const { text } = await dumpIndexedDb(page);
      for (const plain of ['threats-of-violence', 'risk-signs', 'course-of-conduct', 'following']) expect(text).not.toContain(plain);
      await context.close();
    });
  }
});

describe('checklist while unlocked', () => {
  it('starts from the diary, saves the result encrypted, and lists it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await page.getByLabel('What happened?').fill('He waited at the bus stop again');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved in your diary.').waitFor();

    // In-app navigation (a reload would start locked), through Get help, which links here too.
    await page.getByRole('link', { name: 'Get help', exact: true }).first().click();
    await page.locator('main h1', { hasText: 'Get help' }).waitFor();
    await page.getByRole('link', { name: 'Stalking or harassment?', exact: true }).first().click();
    await page.locator('main h1', { hasText: 'Stalking or harassment?' }).waitFor();
    await page.getByText('You have not saved any results.').waitFor();
    expect(await violations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Start from my diary' }).click();
    await page.getByText('Some answers were filled in from your diary.').waitFor();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    // One incident logged: one occasion.
    expect(await page.getByLabel('Once', { exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('They carry on even after being told to stop').check();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('They misuse drugs or alcohol').check();
    await page.getByRole('button', { name: 'See what could help' }).click();
    await page.getByRole('region', { name: 'It has happened once so far' }).waitFor();

    await page.getByRole('button', { name: 'Save this result' }).click();
    await page.getByText(/Saved in your diary, encrypted, on/).waitFor();
    const saved = page.locator('.checklist-saved-list li');
    await expect.poll(() => saved.count()).toBe(1);
    expect(await saved.first().textContent()).toMatch(/Saved \d/);
    expect(await violations(page)).toEqual([]);

    expect(await checklistRows(page)).toBe(1);
    const { stores, text } = await dumpIndexedDb(page);
    expect(stores.some((s) => s.endsWith('/checklists'))).toBe(true);
    for (const plain of [
      'carries-on',
      'drugs-or-alcohol',
      'single-occasion',
      'fixation-signs',
      'risk-signs',
      'police-decide',
      'next-steps',
      'savedAt',
      'behaviours',
    ]) {
      expect(text, plain).not.toContain(plain);
    }

    // Deleting asks first, then removes the row.
    await saved.first().getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByText('Result deleted.').waitFor();
    await expect.poll(() => checklistRows(page)).toBe(0);
    await context.close();
  });
});
