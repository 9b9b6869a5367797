// The package viewer showing court orders, in a real browser against the production build: a
// JSON export carrying two orders and an incident that breaches one (and says who was told) is
// opened on the open-package screen in every language at 320 px wide, with axe-core, right to
// left for Arabic and Urdu. The orders, their conditions and the breach must show, verified.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { serializeExportDocument } from '../src/core/export/exportJson';
import { LANGUAGES } from '../src/i18n/languages';
import { CONDITION_TEXT, ordersDiary, ordersExport } from '../test/core/export/exportOrdersFixture';
import { axeViolations } from './support/axe';
import { baseURL, launch, newContext } from './support/browser';
import { horizontalOverflow, RIGHT_TO_LEFT, strings, text } from './support/locales';
import { createVaultThroughUi } from './support/vault';

let browser: Browser;
let file: Buffer;
beforeAll(async () => {
  browser = await launch();
  const document = await ordersExport(await ordersDiary(), ['incident-a'], { includeAttachments: false });
  file = Buffer.from(serializeExportDocument(document), 'utf8');
});
afterAll(async () => {
  await browser.close();
});

describe('package viewer: court orders in every language at 320 px, axe, right to left', () => {
  for (const { code, nativeName } of LANGUAGES) {
    const dir = RIGHT_TO_LEFT.has(code) ? 'rtl' : 'ltr';
    it(`${code} (${dir})`, async () => {
      const exportStrings = strings(code, 'export');
      const evidence = strings(code, 'evidence');
      const orders = strings(code, 'orders');
      const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      await createVaultThroughUi(page);
      if (code !== 'en-GB') {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
        await page.getByLabel(nativeName).check();
        await expect.poll(() => page.getAttribute('html', 'lang')).toBe(code);
      }
      await page.goto(baseURL() + '/package');
      await page.getByRole('heading', { level: 1, name: text(exportStrings, 'open', 'title') }).waitFor();
      await page
        .getByLabel(text(exportStrings, 'open', 'file'), { exact: true })
        .setInputFiles({ name: 'daybook-export.json', mimeType: 'application/json', buffer: file });
      await page.getByRole('button', { name: text(exportStrings, 'open', 'open'), exact: true }).click();
      const section = page.getByRole('region', { name: text(evidence, 'orders', 'title') });
      await section.waitFor({ timeout: 60_000 });
      expect(await page.getAttribute('html', 'dir')).toBe(dir);
      await section.getByRole('heading', { level: 3, name: text(orders, 'kinds', 'spo') }).waitFor();
      await section.getByText(CONDITION_TEXT).waitFor();
      expect(await section.getByText(text(evidence, 'orders', 'checked')).count()).toBe(2);
      // The incident opens to the condition it breaches and who was told.
      await page.locator('details.package-entry summary').first().click();
      await page.locator('details.package-entry').getByText(CONDITION_TEXT).waitFor();
      expect.soft(await horizontalOverflow(page), `${code} at 320 px`).toBe(0);
      expect(await axeViolations(page), code).toEqual([]);
      await context.close();
    });
  }
});
