import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
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
