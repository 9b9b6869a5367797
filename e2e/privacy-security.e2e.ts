import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseURL, launch, newContext, open, recordForeignRequests, ROUTES, waitForServiceWorker } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('privacy and security baseline', () => {
  it('no request leaves the app’s origin on any route, in any language', async () => {
    const context = await newContext(browser);
    const foreign = recordForeignRequests(context);
    const page = await context.newPage();
    const origin = new URL(baseURL()).origin;
    let sameOrigin = 0;
    context.on('request', (request) => {
      if (request.url().startsWith(origin)) sameOrigin += 1;
    });
    await open(page, '/');
    await waitForServiceWorker(page);
    for (const route of ROUTES) await open(page, route.path);
    await open(page, '/settings');
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('cy');
    for (const route of ROUTES) await page.goto(baseURL() + route.path);
    await page.waitForLoadState('networkidle');
    expect(sameOrigin).toBeGreaterThan(5); // the recorder does see the app's own requests
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('serves a strict Content-Security-Policy, as a meta tag and as headers', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const response = await page.goto(baseURL() + '/');
    const header = response?.headers()['content-security-policy'] ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "object-src 'none'",
      "base-uri 'none'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(header).toContain(directive);
    }
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("default-src 'self'");
    expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(meta).not.toContain('unsafe-inline');
    expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');
    // No inline script anywhere in the page.
    expect(await page.locator('script:not([src])').count()).toBe(0);
    await context.close();
  });

  it('the CSP blocks a request to another origin', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await open(page, '/');
    const blocked = await page.evaluate(async () => {
      try {
        await fetch('https://example.org/');
        return false;
      } catch {
        return true;
      }
    });
    expect(blocked).toBe(true);
    await context.close();
  });
});
