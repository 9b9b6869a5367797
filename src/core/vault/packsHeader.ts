// The vault header moved to version 2 before the diary's first pack (core/store/diary/packs.ts):
// from then on a version of Daybook from before packs refuses to unlock, instead of reading only
// the rows not yet packed. Loaded on use, from the diary's load.

import { assertSupportedVaultHeader, headerForPacks } from '../crypto/vaultKeys';
import type { DaybookDatabase } from '../store/db';
import { guardStorage } from '../store/storageErrors';

/**
 * 'already' when the stored header is at version 2; 'moved' when this call stored it at version 2
 * (read and written in one transaction, so never over a header changed meanwhile); 'none' when
 * there is no header.
 */
export async function moveHeaderToPacks(db: DaybookDatabase, headerKey: string): Promise<'already' | 'moved' | 'none'> {
  return guardStorage('write', () =>
    db.transaction('rw', db.meta, async () => {
      const value = (await db.meta.get(headerKey))?.value;
      if (value === undefined) return 'none';
      assertSupportedVaultHeader(value);
      if (value.version === 2) return 'already';
      await db.meta.put({ key: headerKey, value: headerForPacks(value) });
      return 'moved';
    }),
  );
}
