import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, exitURL, launch, newContext, open, waitForServiceWorker } from './support/browser';
import { createVaultThroughUi, dumpIndexedDb, PASSPHRASE, unlockThroughUi } from './support/vault';

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

/** Everything the browser keeps for the origin that a page can read, besides IndexedDB. */
const browserKeeps = (page: Page) =>
  page.evaluate(async () => {
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) cached.push(request.url);
    }
    return {
      cacheNames: await caches.keys(),
      cached,
      registrations: (await navigator.serviceWorker.getRegistrations()).length,
      databases: (await indexedDB.databases()).map((db) => db.name ?? ''),
      title: document.title,
      historyState: history.state as unknown,
    };
  });

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

describe('what the browser keeps after help, the helpline directory and the checklist', () => {
  it('lists every key and value, database text, cached address, the title and the history state: none names a nation, a screen or an answer', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await waitForServiceWorker(page);
    const before = await browserKeeps(page);
    await page.getByLabel('What happened?').fill('He waited at the bus stop again');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved in your diary.').waitFor();

    const mainNav = page.getByRole('navigation', { name: 'Main' });
    const helpNav = page.getByRole('navigation', { name: 'Help pages' });
    await mainNav.getByRole('link', { name: 'Get help', exact: true }).click();
    await page.getByRole('radio', { name: 'Scotland', exact: true }).check();
    await helpNav.getByRole('link', { name: /^Tech safety/ }).click();
    await expect.poll(() => heading(page)).toBe('Tech safety');
    await helpNav.getByRole('link', { name: /^Stalking or harassment/ }).click();
    await expect.poll(() => heading(page)).toBe('Stalking or harassment?');
    await page.getByRole('button', { name: 'Start from my diary' }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('They carry on even after being told to stop').check();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('They misuse drugs or alcohol').check();
    await page.getByRole('button', { name: 'See what could help' }).click();
    await page.getByRole('button', { name: 'Save this result' }).click();
    await page.getByText(/Saved in your diary, encrypted, on/).waitFor();

    // localStorage and sessionStorage: nothing at all (no setting was changed).
    expect(await webStorage(page)).toEqual([]);
    // IndexedDB: Daybook's database only, and no answer, nation, screen or words in clear.
    const { stores, text } = await dumpIndexedDb(page);
    expect(new Set(stores.map((store) => store.split('/')[0]))).toEqual(new Set(['daybook']));
    for (const plain of ['scotland', 'Scotland', 'tech-safety', 'checklist', 'carries-on', 'drugs-or-alcohol', 'bus stop', 'nation']) {
      expect(text, plain).not.toContain(plain);
    }
    const after = await browserKeeps(page);
    // Cache Storage: the app's own files, the same as before the session (nothing was added by use).
    expect(after.cacheNames).toEqual(before.cacheNames);
    expect(new Set(after.cached)).toEqual(new Set(before.cached));
    for (const url of after.cached) expect(new URL(url).search, url).toMatch(/^(\?__WB_REVISION__=[\w-]+)?$/);
    expect(after.databases).toEqual(['daybook']);
    // The tab's title and the history entry's state: neutral.
    expect(after.title).toBe('Daybook');
    expect(Object.keys(after.historyState as object).sort()).toEqual(['daybook', 'entry', 'position']);
    expect(JSON.stringify(after.historyState)).not.toMatch(/help|checklist|tech|safety|settings|scotland/i);
    await context.close();
  });
});

describe('no address can change a setting while locked', () => {
  it('crafted addresses open the lock screen or a screen that offers no setting, and the destination stays', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Website that quick exit opens').fill(exitURL());
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByText(`Quick exit now opens ${exitURL()}.`).waitFor();
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Unlock');
    const stored = await webStorage(page);

    const evil = encodeURIComponent('https://attacker.example/');
    for (const path of [
      `/settings?quickExitUrl=${evil}`,
      `/settings#quick-exit`,
      `/?quickExitUrl=${evil}&language=cy`,
      `/help?nation=wales&quickExitUrl=${evil}`,
      `/settings/quick-exit?url=${evil}`,
      `/about#daybook.quickExitUrl=${evil}`,
    ]) {
      await page.goto(baseURL() + path);
      await page.locator('main h1').first().waitFor();
      expect(await page.getByLabel('Website that quick exit opens').count(), path).toBe(0);
      expect(await page.locator('input[type="url"]').count(), path).toBe(0);
      expect(await webStorage(page), path).toEqual(stored);
    }
    await page.getByRole('button', { name: /^Quick exit/ }).click();
    await expectLeftTheApp(page);
    await context.close();
  });
});

describe('passphrase fields ask the browser not to save them', () => {
  it('every passphrase field on set-up carries the attributes, and the screen says why', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await open(page, '/');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(/Daybook asks your browser not to offer to save this passphrase/).waitFor();
    const fields = page.locator('input[type="password"]');
    expect(await fields.count()).toBe(2);
    for (const field of await fields.all()) {
      expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
      expect(await field.getAttribute('name')).toBeNull();
      expect(await field.getAttribute('spellcheck')).toBe('false');
      expect(await field.getAttribute('autocapitalize')).toBe('off');
      // Still a protected field to the browser and to screen readers.
      expect(await field.evaluate((input) => (input as HTMLInputElement).type)).toBe('password');
    }
    await context.close();
  });
});

describe('Erase everything', () => {
  it('offline, clears storage, Cache Storage, the service worker and the database, then says what it cannot clear', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await waitForServiceWorker(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Cymraeg').check();
    await page.getByLabel('English').check();
    await page.getByLabel('Website that quick exit opens').fill(exitURL());
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByText(`Quick exit now opens ${exitURL()}.`).waitFor();
    await page.evaluate(() => sessionStorage.setItem('daybook.exited', '0'));
    const before = await browserKeeps(page);
    expect(before.cacheNames.length).toBeGreaterThan(0);
    expect(before.registrations).toBe(1);
    expect(before.databases).toContain('daybook');
    expect((await webStorage(page)).length).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Erase everything…' }).click();
    await page.getByLabel('To confirm, type ERASE').fill('ERASE');
    await page.getByRole('button', { name: 'Erase everything now' }).click();
    await page.getByRole('heading', { name: 'Everything is erased' }).waitFor({ timeout: 20_000 });
    expect(await heading(page)).toBe('Set up your diary');
    await page.getByText(/Daybook's settings on this device, and the copy of Daybook/).waitFor();
    await page.getByRole('heading', { name: 'What Daybook cannot clear' }).waitFor();
    await page.getByText(/Your browser's history/).waitFor();

    expect(await webStorage(page)).toEqual([]);
    const after = await browserKeeps(page);
    expect(after.cacheNames).toEqual([]);
    expect(after.registrations).toBe(0);
    await expect.poll(async () => (await browserKeeps(page)).databases).toEqual([]);
    await context.close();
  });
});
