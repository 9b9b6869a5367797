import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations as violations } from './support/axe';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launch, newContext, open, recordForeignRequests, waitForServiceWorker } from './support/browser';
import { createVaultThroughUi } from './support/vault';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const HELP_PAGES = ['/help', '/help/tech-safety', '/help/what-can-i-do'] as const;

const heading = (page: Page) => page.locator('main h1').first().textContent();
const helpline = (page: Page, id: string) => page.locator(`[data-helpline="${id}"]`);
const statusOf = async (page: Page, id: string) => {
  const status = helpline(page, id).locator('.help-status');
  return (await status.count()) === 0 ? null : status.textContent();
};

describe('help', () => {
  it('offline, with nothing set up, "Get help" leads to 999, the stalking helpline and the press-55 steps', async () => {
    const context = await newContext(browser);
    const foreign = recordForeignRequests(context);
    const page = await context.newPage();
    await open(page, '/');
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await page.locator('main h1').waitFor();

    await page.getByRole('link', { name: 'Get help', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Get help');

    // 999 comes first in the page, before anything else in <main> that can be used.
    const call999 = page.locator('main a[href="tel:999"]').first();
    expect(await call999.textContent()).toBe('In immediate danger, call 999');
    const firstLink = await page.evaluate(() => document.querySelector('main a')?.getAttribute('href'));
    expect(firstLink).toBe('tel:999');
    const box = await call999.boundingBox();
    expect(box && box.height >= 44).toBe(true);

    const stalking = page.locator('a[href="tel:08088020300"]');
    expect(await stalking.count()).toBe(1);
    expect(await stalking.textContent()).toBe('Call 0808 802 0300');
    const stalkingBox = await stalking.boundingBox();
    expect(stalkingBox && stalkingBox.height >= 44).toBe(true);

    // Silent 999: numbered steps, mobile and landline told apart.
    const mobileSteps = page.locator('h3:has-text("From a mobile phone") + ol > li');
    expect(await mobileSteps.count()).toBeGreaterThanOrEqual(5);
    expect(await mobileSteps.allTextContents()).toContain('When the message asks, press 55.');
    const what55 = await page.locator('main').textContent();
    expect(what55).toContain('It does not share your location');
    expect(what55).toContain('A silent call on its own does not send help.');
    expect(what55).toContain('There is no recorded message and no 55 on a landline.');
    expect(what55).toContain('Never press 55 when you call 101.');
    expect(what55).not.toMatch(/off the hook/i);
    expect(what55).toContain('Text the word register to 999.');
    expect(what55).toContain('999bsl.co.uk');
    expect(what55).toContain('Ask for ANI');
    expect(await page.locator('h3:has-text("From a landline") + ol > li').count()).toBeGreaterThanOrEqual(3);
    for (const href of ['tel:101', 'tel:18000', 'tel:18001101', 'tel:08082000247', 'tel:116123']) {
      expect(await page.locator(`a[href="${href}"]`).count(), href).toBeGreaterThan(0);
    }
    // Websites are shown as text, never as links or resources the app loads.
    expect(await page.locator('main a[href^="http"]').count()).toBe(0);
    expect(await page.locator('main img, main iframe, main link').count()).toBe(0);

    // The help pages link to each other, offline too.
    await page.getByRole('link', { name: /^Tech safety/ }).click();
    await expect.poll(() => heading(page)).toBe('Tech safety');
    expect(await page.getByRole('main').getByRole('link', { name: 'Quick exit settings', exact: true }).count()).toBe(1);
    // The link to the helplines lands on them, not at the top of /help.
    // Links show only "/" (a screen's path must not reach the browser's history): found by name.
    await page.getByRole('main').getByRole('link', { name: 'Jump to the helplines', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Get help');
    await expect
      .poll(() => page.evaluate(() => document.getElementById('help-helplines')?.getBoundingClientRect().top ?? -1))
      .toBeLessThan(844);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.getByRole('link', { name: /^Tech safety/ }).click();
    await expect.poll(() => heading(page)).toBe('Tech safety');
    expect(await page.locator('main').textContent()).toContain('It does not erase your browsing history.');
    await page.getByRole('link', { name: /^What you can do/ }).click();
    await expect.poll(() => heading(page)).toBe('What you can do');
    expect(await page.locator('a[href="tel:999"]').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href="tel:08088020300"]').count()).toBe(1);
    await page.getByRole('link', { name: /^Get help: 999/ }).click();
    await expect.poll(() => heading(page)).toBe('Get help');

    expect(foreign).toEqual([]);
    await context.close();
  });

  it('with the diary locked and the network off, help is one tap away and needs no unlocking', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Get help' }).click();
    await page.locator('main h1', { hasText: 'Get help' }).waitFor();
    expect(await page.locator('main a[href="tel:999"]').count()).toBeGreaterThan(0);
    expect(await page.locator('main a[href="tel:08088020300"]').count()).toBeGreaterThan(0);
    expect(await page.getByText(/press 55/i).count()).toBeGreaterThan(0);
    // Still locked: help did not open the diary.
    await page.getByRole('link', { name: 'Diary', exact: true }).click();
    await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    await context.close();
  });

  it('the nation choice defaults to England, filters the list, and is kept for the visit but never stored', async () => {
    const context = await newContext(browser);
    const foreign = recordForeignRequests(context);
    const page = await context.newPage();
    await open(page, '/help');
    expect(await page.getByRole('radio', { name: 'England', exact: true }).isChecked()).toBe(true);
    expect(await helpline(page, 'national-domestic-abuse-helpline').count()).toBe(1);
    expect(await helpline(page, 'samaritans').count()).toBe(1);
    expect(await helpline(page, 'scotland-domestic-abuse-helpline').count()).toBe(0);

    await page.getByRole('radio', { name: 'Scotland', exact: true }).check();
    expect(await helpline(page, 'scotland-domestic-abuse-helpline').count()).toBe(1);
    expect(await page.locator('a[href="tel:08000271234"]').count()).toBe(1);
    expect(await helpline(page, 'national-domestic-abuse-helpline').count()).toBe(0);
    expect(await helpline(page, 'national-stalking-helpline').count()).toBe(0);
    expect(await helpline(page, 'samaritans').count()).toBe(1);

    // Kept while Daybook is open: to another screen and back, still Scotland.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About', exact: true }).click();
    await page.locator('main h1', { hasText: 'About Daybook' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get help', exact: true }).click();
    await page.locator('main h1', { hasText: 'Get help' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Scotland', exact: true }).isChecked()).toBe(true);
    expect(await helpline(page, 'scotland-domestic-abuse-helpline').count()).toBe(1);
    // Never stored: nothing on the device says where the person lives (issue 13). Opened
    // again, help starts from England.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toMatch(/nation|scotland/i);
    await open(page, '/help');
    expect(await page.getByRole('radio', { name: 'England', exact: true }).isChecked()).toBe(true);

    await page.getByRole('radio', { name: 'Wales', exact: true }).check();
    expect(await page.locator('a[href="tel:08088010800"]').textContent()).toBe('Call 0808 801 0800');
    expect(await page.locator('a[href="sms:07860077333"]').count()).toBe(1);
    expect(await helpline(page, 'national-stalking-helpline').count()).toBe(1);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('shows "Open now" / "Closed now" in UK time, and only for lines with verified hours', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // Wednesday 25 November 2026, 11:00 GMT.
    await page.clock.setFixedTime(new Date('2026-11-25T11:00:00Z'));
    await open(page, '/help');
    expect(await statusOf(page, 'national-stalking-helpline')).toBe('Closed now');
    expect(await statusOf(page, 'samaritans')).toBe('Open now');
    expect(await statusOf(page, 'national-domestic-abuse-helpline')).toBe('Open now');
    expect(await statusOf(page, 'revenge-porn-helpline')).toBe('Open now, unless today is a bank holiday');
    expect(await statusOf(page, 'report-fraud')).toBe('Open now, though hours may differ on a bank holiday');
    for (const id of ['galop', 'karma-nirvana', 'mens-advice-line', 'paladin']) {
      expect(await statusOf(page, id), id).toBeNull();
      expect(await helpline(page, id).textContent(), id).toContain('check their website for hours');
      expect(await helpline(page, id).textContent(), id).not.toMatch(/Open now|Closed now/);
    }
    expect(await helpline(page, 'national-stalking-helpline').textContent()).toContain('Closed on bank holidays.');
    await context.close();

    // Wednesday 15 July 2026, 12:30 UTC = 13:30 BST: the stalking helpline is open.
    const summer = await newContext(browser);
    const summerPage = await summer.newPage();
    await summerPage.clock.setFixedTime(new Date('2026-07-15T12:30:00Z'));
    await open(summerPage, '/help');
    expect(await statusOf(summerPage, 'national-stalking-helpline')).toBe('Open now, unless today is a bank holiday');
    await summer.close();
  });

  it('renders in Welsh', async () => {
    const context = await newContext(browser, { locale: 'cy' });
    const page = await context.newPage();
    await open(page, '/help');
    expect(await heading(page)).toBe('Cael help');
    expect(await page.locator('main a[href="tel:999"]').first().textContent()).toBe('Mewn perygl uniongyrchol, ffoniwch 999');
    expect(await page.locator('a[href="tel:08088020300"]').textContent()).toBe('Ffoniwch 0808 802 0300');
    expect(await page.locator('main').textContent()).toContain('pwyswch 55');
    await page.getByRole('radio', { name: 'Cymru', exact: true }).check();
    expect(await helpline(page, 'live-fear-free').locator('h3').textContent()).toBe('Byw Heb Ofn (Live Fear Free)');
    await open(page, '/help/tech-safety');
    expect(await heading(page)).toBe('Diogelwch technoleg');
    await open(page, '/help/what-can-i-do');
    expect(await heading(page)).toBe('Beth allwch chi ei wneud');
    await context.close();
  });

  for (const locale of ['en-GB', 'cy']) {
    it(`axe finds no violations on the help pages, every nation shown, and they fit 320 px (${locale})`, async () => {
      const context = await newContext(browser, { locale, viewport: { width: 320, height: 640 } });
      const foreign = recordForeignRequests(context);
      const page = await context.newPage();
      for (const path of HELP_PAGES) {
        await open(page, path);
        expect(await violations(page), path).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBe(0);
        for (const link of await page.locator('main a[href^="tel:"], main a[href^="sms:"]').all()) {
          const box = await link.boundingBox();
          expect(box && box.height >= 44, `${path} ${await link.getAttribute('href')}`).toBe(true);
        }
      }
      await open(page, '/help');
      for (const index of [1, 2, 3]) {
        await page.locator('input[name="nation"]').nth(index).check();
        expect(await violations(page), `nation ${index}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      }
      expect(foreign).toEqual([]);
      await context.close();
    });
  }

  it('headings are in order on every help page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const path of HELP_PAGES) {
      await open(page, path);
      const levels = await page.evaluate(() =>
        [...document.querySelectorAll('main h1, main h2, main h3, main h4')].map((h) => Number(h.tagName[1])),
      );
      expect(levels[0], path).toBe(1);
      for (let i = 1; i < levels.length; i++)
        expect((levels[i] ?? 0) - (levels[i - 1] ?? 0), `${path} heading ${i}`).toBeLessThanOrEqual(1);
    }
    await context.close();
  });

  it('help is reachable straight from its address', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(baseURL() + '/help/what-can-i-do');
    await expect.poll(() => heading(page)).toBe('What you can do');
    expect(await page.locator('main').textContent()).toContain('you do not need a diary first');
    await context.close();
  });
});
