// Issue 16 on the incident form and page: "Breaches a condition" (an order's conditions as
// checkboxes), "Who did you tell?" and private notes; 320 px wide both ways round, 44 px
// targets, axe; and the incident page naming the breach by its condition, linking to the order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { baseURL, launch, newContext } from './support/browser';
import { createVaultThroughUi, dumpIndexedDb, PASSPHRASE } from './support/vault';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const CONDITION = 'Must not come within 100 metres of 12 Station Road';
const SECRET = 'I think he wants me to know he is watching';

async function unlockAt(page: Page, heading: string): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await page.locator('main h1', { hasText: heading }).waitFor({ timeout: 20_000 });
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('incident form: breaches, who was told, private notes', () => {
  it('fits 320 px both ways round, passes axe, saves, and the incident page names the breach', async () => {
    const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
    try {
      const page = await context.newPage();
      await createVaultThroughUi(page);
      await dumpIndexedDb(page);

      // An order with two conditions, through the orders screens.
      await page.goto(`${baseURL()}/orders/new`);
      await unlockAt(page, 'Add an order');
      await page.getByLabel('Court', { exact: true }).fill('Leeds Magistrates');
      await page.getByLabel('Condition 1', { exact: true }).fill(CONDITION);
      await page.getByRole('button', { name: 'Add a condition' }).click();
      await page.getByLabel('Condition 2', { exact: true }).fill('Must not contact me directly or through others');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/orders/new'));
      await dumpIndexedDb(page);

      await page.goto(`${baseURL()}/incidents/new`);
      await unlockAt(page, 'New incident');
      await page.getByLabel('What happened?', { exact: true }).fill('Drove past the house twice');
      const breaches = page.getByRole('group', { name: 'Breaches a condition' });
      await breaches.getByRole('checkbox', { name: CONDITION }).check();
      const told = page.getByRole('group', { name: 'Who did you tell?' });
      await told.getByRole('button', { name: 'Add someone you told' }).click();
      await told.getByLabel('Who', { exact: true }).fill('My sister');
      await told.getByLabel('How', { exact: true }).selectOption({ label: 'By phone' });
      await page.getByLabel('Private notes', { exact: true }).fill(SECRET);

      expect(await horizontalOverflow(page)).toBe(0);
      const small = await page.evaluate(() =>
        Array.from(
          document.querySelectorAll<HTMLElement>(
            '#incident-breaches .choice, #incident-told button, #incident-told input, #incident-told select, #incident-privateNotes',
          ),
        )
          .filter((el) => el.getBoundingClientRect().height < 44)
          .map((el) => `${el.tagName} ${el.id} ${el.textContent ?? ''}`),
      );
      expect(small).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await page.evaluate(() => {
        document.documentElement.dir = 'rtl';
      });
      expect(await horizontalOverflow(page)).toBe(0);
      await page.evaluate(() => {
        document.documentElement.dir = 'ltr';
      });

      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.locator('main h1', { hasText: /^Incident$/ }).waitFor();
      const main = page.locator('main');
      await expect.poll(() => main.textContent()).toContain(CONDITION);
      expect(await main.textContent()).toContain('My sister: By phone');
      expect(await main.textContent()).toContain('Private: not exported unless you choose');
      expect(await main.textContent()).toContain(SECRET);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      // The breach links to its order's page (the address bar always reads /, so follow it).
      await main.getByRole('link', { name: 'Stalking Protection Order' }).click();
      await expect.poll(() => page.locator('main').textContent()).toContain('Leeds Magistrates');
    } finally {
      await context.close();
    }
  });
});
