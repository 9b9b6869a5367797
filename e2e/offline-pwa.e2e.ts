import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseURL, launch, newContext, open, ROUTES, waitForServiceWorker } from './support/browser';

const dist = new URL('../dist/', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(dist, path)];
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('installable, offline app', () => {
  it('has a manifest with a neutral name, icons, theme colour, start URL and scope', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await open(page, '/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = await (await page.request.get(new URL(href ?? '', baseURL() + '/').href)).json();
    expect(manifest.name).toBe('Daybook');
    expect(manifest.short_name).toBe('Daybook');
    expect(manifest.start_url).toBe('/');
    expect(manifest.scope).toBe('/');
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    const icons = manifest.icons as { sizes: string; purpose?: string; src: string }[];
    expect(icons.some((i) => i.sizes === '192x192')).toBe(true);
    expect(icons.some((i) => i.sizes === '512x512' && (i.purpose ?? 'any').includes('any'))).toBe(true);
    expect(icons.some((i) => i.purpose?.includes('maskable'))).toBe(true);
    for (const icon of icons) {
      const response = await page.request.get(baseURL() + icon.src);
      expect(response.headers()['content-type']).toBe('image/png');
    }
    await context.close();
  });

  it('precaches every built asset, lazy chunks and locale files included', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await open(page, '/');
    await waitForServiceWorker(page);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    const expected = filesUnder(dist)
      .filter((file) => /\.(js|css|html|png|svg|webmanifest|json)$/.test(file))
      .filter((file) => file !== 'sw.js' && !file.startsWith('workbox-'));
    expect(expected.length).toBeGreaterThan(10);
    for (const file of expected) expect(cached, `${file} is precached`).toContain('/' + file);
    await context.close();
  });

  it('after one visit, reloads and opens every route with the network off, in both languages', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await open(page, '/');
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await page.locator('main h1').waitFor();
    for (const route of ROUTES) {
      await page.goto(baseURL() + route.path);
      await expect.poll(() => page.locator('main h1').first().textContent()).toBe(route.heading);
    }
    // Switching language offline works because every locale file is precached.
    await page.goto(baseURL() + '/settings');
    await page.getByLabel('Cymraeg').check();
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Gosodiadau');
    await page.reload();
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Gosodiadau');
    await context.close();
  });

  it('control: without the service worker the same offline visit fails, so the test above is real', async () => {
    const context = await newContext(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    await open(page, '/');
    await context.setOffline(true);
    await expect(page.reload()).rejects.toThrow();
    await context.close();
  });
});
