import { gzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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
    const scripts = new Map<string, Buffer>();
    page.on('response', async (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (type.includes('javascript')) scripts.set(response.url(), await response.body());
    });
    await open(page, '/');
    await page.waitForLoadState('networkidle');
    const gzipBytes = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
    const report = { gzipBytes, files: scripts.size, limitKB: LIMIT_KB, urls: [...scripts.keys()] };
    mkdirSync('.test-results', { recursive: true });
    writeFileSync('.test-results/first-screen.json', JSON.stringify(report, null, 2));
    console.log(`first-screen JavaScript: ${(gzipBytes / 1024).toFixed(1)} KB gzip in ${scripts.size} files`);
    expect(scripts.size).toBeGreaterThan(0);
    expect(gzipBytes).toBeLessThanOrEqual(LIMIT_KB * 1024);
    await context.close();
  });
});
