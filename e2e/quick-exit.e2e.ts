import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, exitURL, launch, newContext, open } from './support/browser';
import { createVaultThroughUi } from './support/vault';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** A context whose quick exit goes to the local neutral page instead of BBC Weather. */
async function contextWithLocalExit(): Promise<BrowserContext> {
  const context = await newContext(browser);
  await context.addInitScript((url) => {
    if (!localStorage.getItem('daybook.quickExitUrl')) localStorage.setItem('daybook.quickExitUrl', url);
  }, exitURL());
  return context;
}

async function expectLeftTheApp(page: Page): Promise<void> {
  await page.waitForURL(exitURL());
  await expect.poll(() => page.locator('h1').textContent()).toBe('Weather forecast');
}

/** After Back, the app must not show its content: it leaves again at once. */
async function expectBackDoesNotReturn(page: Page): Promise<void> {
  await page.goBack().catch(() => undefined);
  await page.waitForURL(exitURL(), { timeout: 10_000 });
  await expect.poll(() => page.locator('h1').textContent()).toBe('Weather forecast');
}

describe('quick exit', () => {
  it('the visible control covers the page at once and replaces the history entry', async () => {
    const context = await contextWithLocalExit();
    const page = await context.newPage();
    await open(page, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get help', exact: true }).click();
    await page.locator('main h1', { hasText: 'Get help' }).waitFor();
    const historyLength = await page.evaluate(() => history.length);

    // The cover goes up synchronously within the click, before any navigation.
    const coveredAtOnce = await page.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Quick exit'));
      button?.click();
      return document.documentElement.classList.contains('quick-exit-active') && !!document.getElementById('quick-exit-cover');
    });
    expect(coveredAtOnce).toBe(true);
    await expectLeftTheApp(page);
    expect(await page.evaluate(() => history.length)).toBe(historyLength);
    await expectBackDoesNotReturn(page);
    await context.close();
  });

  it('is named "Quick exit" and reachable on every screen', async () => {
    const context = await contextWithLocalExit();
    const page = await context.newPage();
    for (const path of ['/', '/settings', '/missing']) {
      await open(page, path);
      await expect(page.getByRole('button', { name: /^Quick exit/ }).isVisible()).resolves.toBe(true);
    }
    await page.getByRole('button', { name: /^Quick exit/ }).click();
    await expectLeftTheApp(page);
    await context.close();
  });

  it('pressing Shift three times leaves; Back does not come back', async () => {
    const context = await contextWithLocalExit();
    const page = await context.newPage();
    await open(page, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get help', exact: true }).click();
    await page.locator('main h1', { hasText: 'Get help' }).waitFor();
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await expectLeftTheApp(page);
    await expectBackDoesNotReturn(page);
    await context.close();
  });

  it('another key between the presses resets the count', async () => {
    const context = await contextWithLocalExit();
    const page = await context.newPage();
    await open(page, '/');
    await page.getByRole('button', { name: 'Continue' }).click();
    const field = page.getByLabel('New passphrase', { exact: true });
    await field.focus();
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('a');
    await page.keyboard.press('Shift');
    await page.waitForTimeout(500);
    expect(page.url()).toBe(baseURL() + '/');
    expect(await field.inputValue()).toBe('a');
    await context.close();
  });

  it('opening the app afresh after a quick exit works normally', async () => {
    const context = await contextWithLocalExit();
    const page = await context.newPage();
    await open(page, '/');
    await page.getByRole('button', { name: /^Quick exit/ }).click();
    await expectLeftTheApp(page);
    await open(page, '/');
    expect(await page.locator('main h1').textContent()).toBe('Set up your diary');
    await context.close();
  });

  it('the destination is a setting (changed only while unlocked), with BBC Weather by default', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const field = page.getByLabel('Website that quick exit opens');
    expect(await field.inputValue()).toBe('https://www.bbc.co.uk/weather');
    await field.fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByRole('alert').waitFor();
    await field.fill(exitURL());
    await page.getByRole('button', { name: 'Save address' }).click();
    // Kept in the vault first, then in the copy the locked state reads: said once both are.
    await page.getByText(`Quick exit now opens ${exitURL()}.`).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('daybook.quickExitUrl'))).toBe(exitURL());
    expect(await page.getByText('does not erase your browsing history').count()).toBe(1);
    await page.getByRole('button', { name: /^Quick exit/ }).click();
    await expectLeftTheApp(page);
    await context.close();
  });
});
