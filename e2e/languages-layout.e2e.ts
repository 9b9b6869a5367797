import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newContext, open, ROUTES } from './support/browser';
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

describe('layout', () => {
  it('fits 320 px wide, left-to-right and right-to-left, on every route', async () => {
    const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const route of ROUTES) {
      await open(page, route.path);
      expect(await horizontalOverflow(page), `${route.path} ltr`).toBe(0);
      await page.evaluate(() => {
        document.documentElement.dir = 'rtl';
      });
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
      expect(await horizontalOverflow(page), `${route.path} rtl`).toBe(0);
      // Logical properties put quick exit at the inline end in both directions.
      const box = await page.getByRole('button', { name: /^Quick exit/ }).boundingBox();
      expect(box && box.x < 160, `${route.path}: quick exit on the left in RTL`).toBe(true);
    }
    await context.close();
  });

  it('stays usable at 200% text size', async () => {
    const context = await newContext(browser, { viewport: { width: 640, height: 800 } });
    const page = await context.newPage();
    for (const route of ROUTES) {
      await open(page, route.path);
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      expect(await horizontalOverflow(page), route.path).toBe(0);
      const exit = await page.getByRole('button', { name: /^Quick exit/ }).boundingBox();
      expect(exit && exit.height >= 44).toBe(true);
    }
    await context.close();
  });
});
