import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations as violations } from './support/axe';
import type { Browser, Page } from 'playwright-core';
import { launch, newContext, open } from './support/browser';
import { createVaultThroughUi } from './support/vault';

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.locator('main h1', { hasText: 'Settings' }).waitFor();
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('accessibility', () => {
  // axe on every route in every language runs in languages-layout.e2e.ts, in the same visit as
  // the 320 px and 200% text checks.

  it('axe finds no violations with the update prompt and a validation error showing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // Settings change only while unlocked.
    await createVaultThroughUi(page);
    await openSettings(page);
    await page.getByLabel('Website that quick exit opens').fill('not an address');
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByRole('alert').waitFor();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('the skip link comes first and moves focus to the main content', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await open(page, '/settings');
    await page.keyboard.press('Tab');
    const first = page.locator(':focus');
    expect(await first.textContent()).toBe('Skip to main content');
    expect(await first.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });

  it('focus is visible and every control can be reached by keyboard with a 44 px target', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await openSettings(page);
    // From the top of the page, as after opening it.
    await page.locator('.skip-link').focus();
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        return {
          name: `${el.tagName} ${el.textContent?.trim() ?? ''} ${el.getAttribute('value') ?? ''}`,
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          height: rect.height,
          kind: el.tagName,
          skip: el.classList.contains('skip-link'),
        };
      });
      if (!info || seen.has(info.name)) continue;
      seen.add(info.name);
      expect(info.outline, `${info.name} shows focus`).toBe(true);
      if (info.kind === 'BUTTON' || (info.kind === 'INPUT' && !info.name.includes('radio'))) {
        expect(info.height, `${info.name} height`).toBeGreaterThanOrEqual(info.kind === 'INPUT' ? 22 : 44);
      }
    }
    expect([...seen].some((name) => name.startsWith('BUTTON Quick exit'))).toBe(true);
    expect([...seen].some((name) => name.startsWith('BUTTON Save address'))).toBe(true);
    await context.close();
  });
});
