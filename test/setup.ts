import { afterEach } from 'vitest';

// Testing Library's automatic cleanup needs a global afterEach; Vitest globals are off.
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
