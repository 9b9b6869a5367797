import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, launch, newContext, open, waitForServiceWorker } from './support/browser';

// Someone who once runs script at the app's origin (a hostile file opened in a tab, say) can
// rewrite the service worker's precached copies in Cache Storage. Each copy is checked against
// the SHA-256 the build wrote into sw.js before it is served: a changed copy is never run.

const dist = new URL('../dist/', import.meta.url);
const indexHtml = readFileSync(new URL('index.html', dist), 'utf8');
const ENTRY = /<script type="module"[^>]*src="([^"]+)"/.exec(indexHtml)?.[1] ?? '';
// The chunk holding every module the entry imports (inEntryGraph in vite.config.ts): most of the
// first screen's code is here, the entry itself a few lines importing it.
const SHARED = /<link rel="modulepreload"[^>]*href="(\/assets\/shared-[^"]+\.js)"/.exec(indexHtml)?.[1] ?? '';
const REFUSED = 'Daybook found a changed copy of its own code on this device and did not use it.';
const REFUSED_CY = "Daeth Daybook o hyd i gopi wedi'i newid o'i god ei hun ar y ddyfais hon, ac ni wnaeth ei ddefnyddio.";

/** The manifest the build injected into sw.js. */
function injectedManifest(): { url: string; revision: string | null; integrity?: string }[] {
  const sw = readFileSync(new URL('sw.js', dist), 'utf8');
  const start = sw.indexOf('[{"');
  let depth = 0;
  let end = start;
  for (; end < sw.length; end++) {
    if (sw[end] === '[') depth++;
    if (sw[end] === ']' && --depth === 0) break;
  }
  return JSON.parse(sw.slice(start, end + 1));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** A page the service worker controls, with every file precached. */
async function controlledPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, '/');
  await waitForServiceWorker(page);
  await page.reload();
  await page.locator('main h1').first().waitFor();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  return { context, page };
}

/**
 * What an attacker's script would do: replace the precached copy of `path` with its own bytes
 * (a script that sets a flag before the genuine code, or a page with an extra paragraph).
 * Returns the genuine text.
 */
async function tamper(page: Page, path: string, change: 'script' | 'html'): Promise<string> {
  return page.evaluate(
    async ({ path, change }) => {
      const name = (await caches.keys()).find((n) => n.includes('precache'));
      if (!name) throw new Error('no precache');
      const cache = await caches.open(name);
      const key = (await cache.keys()).find((request) => new URL(request.url).pathname === path);
      if (!key) throw new Error(`${path} is not precached`);
      const genuine = (await (await cache.match(key))?.text()) ?? '';
      const body =
        change === 'script'
          ? `globalThis.__daybookTampered = true;\n${genuine}`
          : genuine.replace('<body>', '<body><p id="tampered">TAMPERED COPY</p>');
      await cache.put(key, new Response(body, { headers: { 'content-type': change === 'script' ? 'text/javascript' : 'text/html' } }));
      return genuine;
    },
    { path, change },
  );
}

/** The precached copy of `path` as it is now, or null when there is none. */
function cachedCopy(page: Page, path: string): Promise<string | null> {
  return page.evaluate(async (path) => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      const key = (await cache.keys()).find((request) => new URL(request.url).pathname === path);
      if (key) return (await (await cache.match(key))?.text()) ?? null;
    }
    return null;
  }, path);
}

/** Asks the service worker what checking has cost it so far. */
function checkingCost(page: Page): Promise<{ responses: number; bytes: number; milliseconds: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const onMessage = (event: MessageEvent) => {
          if (event.data?.type !== 'DAYBOOK_INTEGRITY_REPORT') return;
          navigator.serviceWorker.removeEventListener('message', onMessage);
          resolve(event.data.cost);
        };
        navigator.serviceWorker.addEventListener('message', onMessage);
        navigator.serviceWorker.controller?.postMessage({ type: 'DAYBOOK_INTEGRITY_QUERY' });
      }),
  );
}

const tamperedFlag = (page: Page) => page.evaluate(() => (globalThis as { __daybookTampered?: boolean }).__daybookTampered ?? false);

/**
 * Online, with `path`'s precached copy changed: the page starts, says a changed copy was refused,
 * never ran the change, and the cache holds the genuine copy again. Returns the open page.
 */
async function refusedOnline(path: string): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await controlledPage();
  const genuine = await tamper(page, path, 'script');
  await page.reload();
  await page.locator('main h1').first().waitFor();
  await page.getByText(REFUSED).waitFor();
  expect(await tamperedFlag(page)).toBe(false);
  expect(await cachedCopy(page, path)).toBe(genuine);
  return { context, page };
}

describe('the service worker never runs a changed copy of the app', () => {
  it('the build writes a SHA-256 of every precached file into sw.js', () => {
    const manifest = injectedManifest();
    const urls = new Set(manifest.map((entry) => entry.url));
    expect(urls.size).toBeGreaterThan(10);
    expect(ENTRY).toMatch(/^\/assets\/index-.*\.js$/);
    for (const url of urls) {
      const hashes = new Set(manifest.filter((e) => e.url === url && e.integrity).map((e) => e.integrity));
      const bytes = readFileSync(new URL(url, dist));
      expect([...hashes], url).toEqual([`sha256-${createHash('sha256').update(bytes).digest('base64')}`]);
    }
  });

  it('online: a changed entry chunk is refused, a fresh copy is fetched and used, and the page says so', async () => {
    const { context, page } = await refusedOnline(ENTRY);
    // Dismissed, and gone after the next start: nothing was changed this time.
    await page.getByRole('button', { name: 'OK' }).click();
    await page.reload();
    await page.locator('main h1').first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.getByText(REFUSED).count()).toBe(0);
    await context.close();
  });

  it('online: a changed copy of the chunk the entry imports is refused the same way', async () => {
    expect(SHARED).toMatch(/^\/assets\/shared-.*\.js$/);
    const { context } = await refusedOnline(SHARED);
    await context.close();
  });

  it('offline: a changed entry chunk is refused and never run; the next start says so', async () => {
    const { context, page } = await controlledPage();
    await tamper(page, ENTRY, 'script');
    await context.setOffline(true);
    await page.reload();
    // The worker deletes the changed copy and, with no network, fails the request: the app does
    // not start at all rather than start with the changed code.
    await expect.poll(() => cachedCopy(page, ENTRY), { timeout: 10_000 }).toBeNull();
    await page.waitForTimeout(500);
    expect(await tamperedFlag(page)).toBe(false);
    expect(await page.locator('main h1').count()).toBe(0);
    await context.setOffline(false);
    await page.reload();
    await page.locator('main h1').first().waitFor();
    await page.getByText(REFUSED).waitFor();
    expect(await tamperedFlag(page)).toBe(false);
    await context.close();
  });

  it('index.html: a changed copy is replaced online, and offline a plain page explains instead', async () => {
    const { context, page } = await controlledPage();
    await tamper(page, '/index.html', 'html');
    await page.reload();
    await page.locator('main h1').first().waitFor();
    expect(await page.locator('#tampered').count()).toBe(0);
    await page.getByText(REFUSED).waitFor();

    await tamper(page, '/index.html', 'html');
    await context.setOffline(true);
    for (const path of ['/', '/settings']) {
      const response = await page.goto(baseURL() + path);
      expect(response?.status()).toBe(503);
      expect(await page.locator('#tampered').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(0);
      await page.getByText(REFUSED).waitFor();
      await page.getByText(REFUSED_CY).waitFor();
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    await context.close();
  });

  it('serves precached files with the app’s security headers, whatever the cached copy carries', async () => {
    const { context, page } = await controlledPage();
    await page.evaluate(async () => {
      const name = (await caches.keys()).find((n) => n.includes('precache')) ?? '';
      const cache = await caches.open(name);
      const key = (await cache.keys()).find((request) => new URL(request.url).pathname === '/index.html');
      const genuine = key && (await cache.match(key));
      if (!key || !genuine) throw new Error('index.html is not precached');
      // Same bytes, but headers an attacker chose.
      await cache.put(
        key,
        new Response(await genuine.arrayBuffer(), {
          headers: { 'content-type': 'text/plain', refresh: '0; url=https://example.invalid/' },
        }),
      );
    });
    const response = await page.goto(baseURL() + '/settings');
    await page.locator('main h1').first().waitFor();
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(response?.headers()['refresh']).toBeUndefined();
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    await context.close();
  });

  // Its time is a performance figure, measured by `npm run bench` (target < 500 ms): asserted
  // here it failed on a loaded CI machine while the code was unchanged.
  it('at a start in its control, it checks the app’s code it serves (cost reported)', async () => {
    const { context, page } = await controlledPage();
    const before = await checkingCost(page);
    await page.reload();
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    const after = await checkingCost(page);
    const start = {
      responses: after.responses - before.responses,
      kilobytes: Math.round((after.bytes - before.bytes) / 1024),
      milliseconds: Math.round((after.milliseconds - before.milliseconds) * 10) / 10,
    };
    const timing = await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return { domContentLoaded: Math.round(navigation?.domContentLoadedEventEnd ?? 0), load: Math.round(navigation?.loadEventEnd ?? 0) };
    });
    console.log(
      `service worker integrity check at start-up: ${start.responses} responses, ${start.kilobytes} KiB hashed in ${start.milliseconds} ms` +
        ` (page: DOMContentLoaded ${timing.domContentLoaded} ms, load ${timing.load} ms)`,
    );
    expect(start.responses).toBeGreaterThan(2);
    expect(start.kilobytes).toBeGreaterThan(0);
    expect(start.milliseconds).toBeGreaterThan(0);
    await context.close();
  });
});
