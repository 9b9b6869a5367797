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
    // Generous: a journey test (several unlocks with Argon2id at 64 MiB, axe in seven languages)
    // takes 40 to 60 s on a loaded 2-core CI machine, and twice that on a slower one. Timings that
    // matter are measured by `npm run bench` and the timing file, never by these limits.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    retry: process.env.CI ? 1 : 0,
  },
});
