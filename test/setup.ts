// IndexedDB for Node: Dexie captures it when first imported, so it is installed before any test.
import 'fake-indexeddb/auto';
import { afterEach, expect } from 'vitest';
import type { Tester, TesterContext } from '@vitest/expect';
import { PackedSalts } from '../src/core/evidence/packedSalts';

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

// A loaded diary holds a version 2 content's salts packed (core/evidence/packedSalts.ts): the same
// salts as the hex object they were read from, so a test comparing what it wrote with what a load
// reads back compares them as written (toJSON), as storage and backups do.
function samePackedSalts(this: TesterContext, a: unknown, b: unknown, testers: Tester[]): boolean | undefined {
  const packedA = a instanceof PackedSalts;
  const packedB = b instanceof PackedSalts;
  if (!packedA && !packedB) return undefined;
  return this.equals(packedA ? a.toJSON() : a, packedB ? b.toJSON() : b, testers);
}
expect.addEqualityTesters([samePackedSalts]);
