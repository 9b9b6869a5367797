import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, or the one `npm test` found (it passes CHROMIUM_PATH on). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless flags for the browser tests and the benchmark. Background networking, updates and
 * sync are off so the browser makes no requests of its own (the machines have no outside
 * network), and only the app's requests are seen.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** `extraArgs` add to the flags (a test's fake camera and microphone, say); none by default. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS, ...extraArgs] });
}
