import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';
import { inject } from 'vitest';

export const baseURL = (): string => inject('baseURL');
export const exitURL = (): string => inject('exitURL');

/** Every route of the app, with the heading each one shows in en-GB. */
export const ROUTES = [
  { path: '/', heading: 'Set up your diary' },
  { path: '/about', heading: 'About Daybook' },
  { path: '/help', heading: 'Get help' },
  { path: '/help/tech-safety', heading: 'Tech safety' },
  { path: '/help/what-can-i-do', heading: 'What you can do' },
  { path: '/checklist', heading: 'Stalking or harassment?' },
  // Settings change only while unlocked: with no diary yet, its address shows set-up.
  { path: '/settings', heading: 'Set up your diary' },
  { path: '/package', heading: 'Open an evidence package' },
  { path: '/no-such-page', heading: 'Page not found' },
] as const;

/** Launches Debian's Chromium headless, with the flags the benchmark uses too (and any extra given). */
export const launch = launchChromium;

/** Chromium's fake microphone and camera (a tone and a test picture), allowed without a prompt. */
export const FAKE_MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] as const;

export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, ...options });
}

/** Opens a route and waits until the screen's heading is shown. */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(baseURL() + path);
  await page.locator('main h1').first().waitFor();
}

/** Waits until the service worker is active and every asset is precached. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!registration.active) throw new Error('no active service worker');
  });
}

/** Collects every request the context makes that is not to the app's own origin. */
export function recordForeignRequests(context: BrowserContext): string[] {
  const origin = new URL(baseURL()).origin;
  const foreign: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

/** Clicks, waits for the download it starts, and returns the file's name and bytes. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}
