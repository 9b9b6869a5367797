import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (playwright-core) against the production build in dist/,
// served by `vite preview`. Run after `vite build` (npm test does both).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    retry: process.env.CI ? 1 : 0,
  },
});
