// The Record screen in a real browser, in every language: reached by the diary's link, at 320 px
// wide with axe-core, right to left for Arabic and Urdu, and while a recording runs (the fake
// microphone).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LANGUAGES } from '../src/i18n/languages';
import { axeViolations } from './support/axe';
import { horizontalOverflow, RIGHT_TO_LEFT, strings, text } from './support/locales';
import { FAKE_MEDIA_ARGS, launch, newContext } from './support/browser';
import { createVaultThroughUi } from './support/vault';

let browser: Browser;
beforeAll(async () => {
  browser = await launch(FAKE_MEDIA_ARGS);
});
afterAll(async () => {
  await browser.close();
});

describe('the Record screen in every language', () => {
  it('at 320 px, with axe, in the right direction, before and while recording', async () => {
    const context = await newContext(browser, { viewport: { width: 320, height: 640 }, permissions: ['microphone', 'camera'] });
    const page = await context.newPage();
    await createVaultThroughUi(page);
    let shown = 'en-GB';
    for (const { code, nativeName } of LANGUAGES) {
      const dir = RIGHT_TO_LEFT.has(code) ? 'rtl' : 'ltr';
      const capture = strings(code, 'capture');
      const common = strings(code, 'common');
      // Settings is named in the language shown now; the language is chosen by its own name.
      const before = strings(shown, 'common');
      await page
        .getByRole('navigation', { name: text(before, 'shell', 'navigation') })
        .getByRole('link', { name: text(before, 'nav', 'settings') })
        .click();
      await page.getByLabel(nativeName).check();
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe(code);
      shown = code;
      await page
        .getByRole('navigation', { name: text(common, 'shell', 'navigation') })
        .getByRole('link', { name: text(common, 'nav', 'home') })
        .click();
      await page.getByRole('link', { name: text(capture, 'entry', 'link'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: text(capture, 'record', 'title') }).waitFor();
      expect(await page.getAttribute('html', 'dir'), code).toBe(dir);
      expect(await horizontalOverflow(page), `${code} at 320 px`).toBe(0);
      expect(await axeViolations(page), `${code} axe`).toEqual([]);

      // While recording (the Record screen has its own Stop; the bar shows on other screens).
      await page.getByRole('button', { name: text(capture, 'record', 'audio'), exact: true }).click();
      await page
        .locator('.recording-time', { hasText: /00:0[1-9]/ })
        .first()
        .waitFor({ timeout: 15_000 });
      expect(await horizontalOverflow(page), `${code} recording at 320 px`).toBe(0);
      expect(await axeViolations(page), `${code} recording axe`).toEqual([]);
      await page.getByRole('button', { name: text(capture, 'record', 'stop'), exact: true }).click();
      await page
        .getByText(text(capture, 'record', 'saved'))
        .first()
        .waitFor({ timeout: 15_000 });
    }
    await context.close();
  });
});
