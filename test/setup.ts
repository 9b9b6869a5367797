// IndexedDB for Node: Dexie captures it when first imported, so it is installed before any test.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';

// findBy and waitFor give up after 1 s by default: too short on a loaded 2-core CI machine,
// where a vault write after an Argon2id run can take longer. A wait still fails when the thing
// never happens; it only waits longer first.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 15_000 });
}

// Testing Library's automatic cleanup needs a global afterEach; Vitest globals are off.
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
