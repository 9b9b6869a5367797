import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, exitURL, launch, newContext, open } from './support/browser';
import { createVaultThroughUi, PASSPHRASE, unlockThroughUi } from './support/vault';

// Issue 13, point 6: what someone holding the phone (locked or unlocked) can learn or change.

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const heading = (page: Page) => page.locator('main h1').first().textContent();

/** A context whose quick exit goes to the local neutral page instead of BBC Weather. */
async function contextWithLocalExit(): Promise<BrowserContext> {
  const context = await newContext(browser);
  await context.addInitScript((url) => {
    if (location.protocol.startsWith('http') && !localStorage.getItem('daybook.quickExitUrl'))
      localStorage.setItem('daybook.quickExitUrl', url);
  }, exitURL());
  return context;
}

async function expectLeftTheApp(page: Page): Promise<void> {
  await page.waitForURL(exitURL(), { timeout: 10_000 });
  await expect.poll(() => page.locator('h1').textContent()).toBe('Weather forecast');
}

/** The URL of every entry in the tab's session history (Chromium's own list, over CDP). */
async function historyUrls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { entries } = await cdp.send('Page.getNavigationHistory');
  await cdp.detach();
  return entries.map((entry) => entry.url).filter((url) => url !== 'about:blank');
}

/** Every key and value the origin keeps in localStorage and sessionStorage, as text. */
const webStorage = (page: Page) =>
  page.evaluate(() =>
    [localStorage, sessionStorage].flatMap((storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key) ?? ''}`)),
  );

describe('quick exit leaves every open tab', () => {
  it('the button in one tab makes a second tab of the app leave, each replacing its own entry', async () => {
    const context = await contextWithLocalExit();
    const first = await context.newPage();
    await open(first, '/');
    const second = await context.newPage();
    await open(second, '/help/tech-safety');
    await first.getByRole('button', { name: /^Quick exit/ }).click();
    await expectLeftTheApp(first);
    await expectLeftTheApp(second);
    // The second tab's page was replaced too: its history holds no entry of the app.
    expect((await historyUrls(second)).filter((url) => url.startsWith(baseURL()))).toEqual([]);
    await context.close();
  });

  it('Shift three times does the same, and a second tab with the diary unlocked leaves locked', async () => {
    const context = await contextWithLocalExit();
    const first = await context.newPage();
    await createVaultThroughUi(first);
    const second = await context.newPage();
    await second.goto(baseURL() + '/');
    await unlockThroughUi(second);
    await first.keyboard.press('Shift');
    await first.keyboard.press('Shift');
    await first.keyboard.press('Shift');
    await expectLeftTheApp(first);
    await expectLeftTheApp(second);
    const again = await context.newPage();
    await open(again, '/');
    expect(await heading(again)).toBe('Unlock');
    await context.close();
  });
});

describe('the address bar and history show only the root address', () => {
  it('after visiting the checklist and tech safety, every history entry reads "/", and Back still moves between screens', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await open(page, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get help', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Get help');
    await page
      .getByRole('navigation', { name: 'Help pages' })
      .getByRole('link', { name: /^Stalking or harassment/ })
      .click();
    await expect.poll(() => heading(page)).toBe('Stalking or harassment?');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get help', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Get help');
    await page
      .getByRole('navigation', { name: 'Help pages' })
      .getByRole('link', { name: /^Tech safety/ })
      .click();
    await expect.poll(() => heading(page)).toBe('Tech safety');

    expect(await page.evaluate(() => location.pathname + location.search + location.hash)).toBe('/');
    const urls = await historyUrls(page);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    expect(new Set(urls)).toEqual(new Set([baseURL() + '/']));
    expect(JSON.stringify(await page.evaluate(() => history.state))).not.toMatch(/help|checklist|tech|safety|settings/);

    await page.goBack();
    await expect.poll(() => heading(page)).toBe('Get help');
    await page.goBack();
    await expect.poll(() => heading(page)).toBe('Stalking or harassment?');
    await page.goForward();
    await expect.poll(() => heading(page)).toBe('Get help');
    expect(page.url()).toBe(baseURL() + '/');
    await context.close();
  });

  it('an address typed directly opens its screen once, then reads "/"; the skip link and in-page links leave it alone', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(baseURL() + '/help');
    await expect.poll(() => heading(page)).toBe('Get help');
    expect(page.url()).toBe(baseURL() + '/');
    expect(await historyUrls(page)).toEqual([baseURL() + '/']);

    await page.getByRole('link', { name: 'Jump to the helplines' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('helplines');
    expect(page.url()).toBe(baseURL() + '/');
    expect(new Set(await historyUrls(page))).toEqual(new Set([baseURL() + '/']));

    // A reload shows the root screen: nothing about the last screen is kept.
    await page.reload();
    await expect.poll(() => heading(page)).toBe('Set up your diary');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(page.url()).toBe(baseURL() + '/');
    expect(new Set(await historyUrls(page))).toEqual(new Set([baseURL() + '/']));
    await context.close();
  });
});

describe('nothing stored names a nation, a screen or help-seeking', () => {
  it('after a session with help, the checklist, a nation and settings, storage holds only neutral preferences', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // Left behind by an earlier version: removed at start.
    await page.goto(baseURL() + '/about');
    await page.evaluate(() => localStorage.setItem('daybook.nation', 'wales'));
    await createVaultThroughUi(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get help', exact: true }).click();
    await page.getByRole('radio', { name: 'Scotland', exact: true }).check();
    await page
      .getByRole('navigation', { name: 'Help pages' })
      .getByRole('link', { name: /^Tech safety/ })
      .click();
    await expect.poll(() => heading(page)).toBe('Tech safety');
    await page
      .getByRole('navigation', { name: 'Help pages' })
      .getByRole('link', { name: /^Stalking or harassment/ })
      .click();
    await expect.poll(() => heading(page)).toBe('Stalking or harassment?');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Cymraeg').check();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('cy');

    const stored = await webStorage(page);
    expect(stored.join('\n')).not.toMatch(/nation|england|wales|scotland|ireland|help|checklist|settings|tech|safety|incident|diary/i);
    expect(
      stored
        .map((entry) => entry.split('=')[0])
        .every((key) => /^daybook\.(language|quickExitUrl|autoLockMinutes|hiddenLockMinutes)$/.test(key ?? '')),
    ).toBe(true);
    expect(stored).toContain('daybook.language=cy');

    // The nation is kept for this visit only.
    await page.reload();
    await page.goto(baseURL() + '/help');
    expect(await page.getByRole('radio', { name: 'Lloegr', exact: true }).isChecked()).toBe(true);
    await context.close();
  });
});

describe('the page is covered while hidden', () => {
  /** Colours in a screenshot, decoded in a blank page (the app's CSP allows no data: fetch). */
  async function distinctColours(decoder: Page, png: Buffer): Promise<number> {
    return decoder.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(bitmap, 0, 0);
      const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4) colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
      return colours.size;
    }, png.toString('base64'));
  }

  it('the moment the page is hidden an opaque cover hides the diary, and it goes when the page is visible', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    const decoder = await context.newPage();
    expect(await distinctColours(decoder, await page.screenshot())).toBeGreaterThan(1);

    // Headless Chromium keeps every tab visible, so the page is told it is hidden as a phone
    // would tell it; the cover must be up before the event handler returns.
    const coveredInTheSameTask = await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      const cover = getComputedStyle(document.body, '::after');
      const root = document.getElementById('root');
      return {
        cover: `${cover.position} ${cover.zIndex} ${cover.backgroundColor}`,
        rootHidden: !!root && getComputedStyle(root).visibility === 'hidden',
      };
    });
    expect(coveredInTheSameTask).toEqual({ cover: 'fixed 2147483646 rgb(246, 244, 239)', rootHidden: true });
    // What an app switcher would capture: one plain colour, nothing of the diary.
    expect(await distinctColours(decoder, await page.screenshot())).toBe(1);
    expect(await page.getByRole('heading', { level: 1, name: 'Your diary' }).isVisible()).toBe(false);

    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(await page.getByRole('heading', { level: 1, name: 'Your diary' }).isVisible()).toBe(true);

    // pagehide (leaving, or the browser putting the tab away) covers too.
    expect(
      await page.evaluate(() => {
        window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
        return document.documentElement.classList.contains('privacy-covered');
      }),
    ).toBe(true);
    await context.close();
  });
});

describe('settings change only while unlocked', () => {
  it('the locked state keeps and uses the quick-exit destination but offers no way to change it, nor any other setting', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // Before a diary exists there is nothing to unlock, so nothing can be changed either.
    await open(page, '/settings');
    expect(await heading(page)).toBe('Set up your diary');
    expect(await page.getByLabel('Website that quick exit opens').count()).toBe(0);

    await createVaultThroughUi(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Website that quick exit opens').fill(exitURL());
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByText(`Quick exit now opens ${exitURL()}.`).waitFor();
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Unlock');

    // Locked, on the settings address: the lock screen, and a language for this visit only.
    await page.goto(baseURL() + '/settings');
    await expect.poll(() => heading(page)).toBe('Unlock');
    expect(await page.getByLabel('Website that quick exit opens').count()).toBe(0);
    expect(await page.getByRole('radio', { name: /minute/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.evaluate(() => localStorage.getItem('daybook.language'))).toBeNull();
    await page.getByText('Ar gyfer yr ymweliad hwn yn unig.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en-GB');
    expect(await page.evaluate(() => localStorage.getItem('daybook.quickExitUrl'))).toBe(exitURL());

    // Unlocked again, the same address shows Settings with the stored destination.
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect.poll(() => heading(page), { timeout: 20_000 }).toBe('Settings');
    expect(await page.getByLabel('Website that quick exit opens').inputValue()).toBe(exitURL());

    // Quick exit uses the stored destination while locked.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Unlock');
    await page.getByRole('button', { name: /^Quick exit/ }).click();
    await expectLeftTheApp(page);
    await context.close();
  });
});
