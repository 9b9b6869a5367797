import { defineConfig } from 'vitest/config';

// The core journeys in the other engines CI has: Firefox ESR (puppeteer-core over WebDriver
// BiDi) and WebKitGTK's MiniBrowser (WebKitWebDriver under Xvfb). Each file serves dist/ itself
// on its own port. Run after `vite build` (npm test does both).
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['e2e/engines/**/*.engine.ts'],
    environment: 'node',
    fileParallelism: false,
    // As e2e/vitest.config.ts: room for a slow CI machine; nothing here measures time.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    retry: process.env.CI ? 1 : 0,
  },
});
