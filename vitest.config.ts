import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Provided by vite-plugin-pwa at build time only; tests mock it.
  resolve: { alias: { 'virtual:pwa-register/react': fileURLToPath(new URL('./test/support/pwaRegisterStub.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    restoreMocks: true,
    // Both cores of a CI machine (Vitest's default leaves one idle): the files are independent
    // processes, each over its own fake IndexedDB. Limits with room for a machine that busy.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
