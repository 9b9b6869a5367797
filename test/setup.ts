// IndexedDB for Node: Dexie captures it when first imported, so it is installed before any test.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';

// Testing Library's automatic cleanup needs a global afterEach; Vitest globals are off.
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
