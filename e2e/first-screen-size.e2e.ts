import { gzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Response } from 'playwright-core';
import { launch, newContext, open } from './support/browser';

const LIMIT_KB = 150;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('first-screen budget', () => {
  it(`the JavaScript loaded for the first screen is at most ${LIMIT_KB} KB gzip`, async () => {
    const context = await newContext(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    // Every body is read before anything is summed or the page closes: a body still being read
    // was left out of the sum, and rejected once the context closed.
    const bodies = new Map<string, Promise<Buffer>>();
    const onResponse = (response: Response): void => {
      const type = response.headers()['content-type'] ?? '';
      if (type.includes('javascript')) bodies.set(response.url(), response.body());
    };
    page.on('response', onResponse);
    await open(page, '/');
    await page.waitForLoadState('networkidle');
    page.off('response', onResponse);
    const urls = [...bodies.keys()];
    const read = await Promise.all(bodies.values());
    const gzipBytes = read.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
    const report = { gzipBytes, files: urls.length, limitKB: LIMIT_KB, urls };
    mkdirSync('.test-results', { recursive: true });
    writeFileSync('.test-results/first-screen.json', JSON.stringify(report, null, 2));
    console.log(`first-screen JavaScript: ${(gzipBytes / 1024).toFixed(1)} KB gzip in ${urls.length} files`);
    expect(urls.length).toBeGreaterThan(0);
    expect(gzipBytes).toBeLessThanOrEqual(LIMIT_KB * 1024);
    await context.close();
  });
});

describe('what waits for the first screen', () => {
  it('the service worker’s and the share notice’s code are asked for only after the first contentful paint', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await open(page, '/');
    // Both are asked for once the first screen has painted and the page has been idle.
    await page.waitForFunction(
      () =>
        performance.getEntriesByType('resource').filter((entry) => /\/(workbox-window[^/]*|ShareNotice-[^/]*)\.js$/.test(entry.name))
          .length === 2,
      undefined,
      { timeout: 15_000 },
    );
    const timings = await page.evaluate(() => ({
      contentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      requested: performance
        .getEntriesByType('resource')
        .filter((entry) => /\/(workbox-window[^/]*|ShareNotice-[^/]*)\.js$/.test(entry.name))
        .map((entry) => ({ name: entry.name.split('/').pop() ?? '', startTime: entry.startTime })),
    }));
    expect(Number.isFinite(timings.contentfulPaint)).toBe(true);
    for (const request of timings.requested) expect(request.startTime, request.name).toBeGreaterThan(timings.contentfulPaint);
    // And the service worker still registers, a moment later.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await context.close();
  });
});
