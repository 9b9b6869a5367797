import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newContext, open, ROUTES } from './support/browser';
import { createVaultThroughUi } from './support/vault';
import { LANGUAGES } from '../src/i18n/languages';
import { axeViolations } from './support/axe';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** How far the page is wider than the viewport (0 when nothing spills sideways). */
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('languages', () => {
  it('follows the browser language and sets lang and dir on <html>', async () => {
    const context = await newContext(browser, { locale: 'cy-GB' });
    const page = await context.newPage();
    await open(page, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await page.getByRole('button', { name: /^Gadael yn gyflym/ }).count()).toBe(1);
    await context.close();
  });

  it('falls back to en-GB for a language Daybook does not ship', async () => {
    const context = await newContext(browser, { locale: 'fr-FR' });
    const page = await context.newPage();
    await open(page, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
    await context.close();
  });

  it('remembers a manual switch in Settings across reloads; on the set-up and lock screens it lasts this visit only', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // No diary yet, so nothing is unlocked: the switch is for this visit only.
    await open(page, '/settings');
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('cy');
    await page.reload();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en-GB');

    // Unlocked, in Settings: remembered on this device.
    await createVaultThroughUi(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Cymraeg').check();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('cy');
    await page.reload();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Datgloi');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en-GB');
    await context.close();
  });
});

/** Right to left for the languages written that way (the app follows i18next's list). */
const RIGHT_TO_LEFT = new Set(['ar', 'ur']);

// One visit per route and language does all three checks (a page load is most of the cost):
// 320 px wide, axe-core, then 200% text at 640 px.
describe('every language, every route: 320 px, axe, 200% text', () => {
  for (const { code } of LANGUAGES) {
    const dir = RIGHT_TO_LEFT.has(code) ? 'rtl' : 'ltr';
    it(`${code} (${dir}): fits 320 px with quick exit at the inline end, axe finds nothing, usable at 200% text`, async () => {
      const context = await newContext(browser, { viewport: { width: 320, height: 640 }, locale: code });
      const page = await context.newPage();
      for (const route of ROUTES) {
        await page.setViewportSize({ width: 320, height: 640 });
        await open(page, route.path);
        expect(await page.getAttribute('html', 'lang'), route.path).toBe(code);
        expect(await page.getAttribute('html', 'dir'), route.path).toBe(dir);
        expect(await horizontalOverflow(page), `${route.path} ${code} at 320 px`).toBe(0);
        // Logical properties put quick exit at the inline end: the right in LTR, the left in RTL.
        const box = await page.locator('button.quick-exit').boundingBox();
        expect(box && (dir === 'rtl' ? box.x < 160 : box.x + box.width > 160), `${route.path}: quick exit at the inline end`).toBe(true);
        expect(await axeViolations(page), `${route.path} ${code} axe`).toEqual([]);

        await page.setViewportSize({ width: 640, height: 800 });
        await page.evaluate(() => {
          document.documentElement.style.fontSize = '200%';
        });
        expect(await horizontalOverflow(page), `${route.path} ${code} at 200% text`).toBe(0);
        const exit = await page.locator('button.quick-exit').boundingBox();
        expect(exit && exit.height >= 44, `${route.path}: quick exit 44 px tall at 200% text`).toBe(true);
      }
      await context.close();
    });
  }
});
