// A restore that deletes or changes incidents here needs the diary passphrase confirmed, and the
// confirmation holds for the changes the person was shown and no others: the plan is worked out
// again at restore, and if its changes differ (the diary changed meanwhile) nothing is written.

import { describe, expect, it } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { planRestore, restoreBackup } from '../../../src/core/backup/restoreBackup';
import { RestoreNotConfirmedError } from '../../../src/core/backup/restoreErrors';
import {
  backupOf,
  dumpDatabase,
  earlierCopy,
  expectUnchanged,
  incident,
  newDevice,
  PASSPHRASE,
  rejectionOf,
  reopened,
  writeSampleDiary,
} from './backupFixture';

/** This diary behind a backup of itself that edits one incident here and deletes another. */
async function behindItsBackup() {
  const original = await newDevice();
  const sample = await writeSampleDiary(original);
  const here = await earlierCopy(original);
  await original.diary.edit(sample.ids.welsh, incident('Golygiad arall'));
  await original.diary.remove(sample.ids.polish);
  const backup = await checkBackup((await backupOf(original)).file, PASSPHRASE);
  const shown = await planRestore(backup, here);
  expect(shown.changes.map((c) => [c.entryId, c.kind])).toEqual([
    [sample.ids.welsh, 'changed'],
    [sample.ids.polish, 'deleted'],
  ]);
  return { original, sample, here, backup, shown };
}

describe('the confirmation holds for the changes shown, and no others', () => {
  it('restores when the changes are the ones shown (in any order)', async () => {
    const { original, here, backup, shown } = await behindItsBackup();
    await restoreBackup(backup, here, { confirmed: [...shown.changes].reverse() });
    expect((await reopened(here)).head()).toBe(original.diary.head());
  });

  it('refuses, writing nothing, when the diary changed after the changes were shown', async () => {
    const { sample, here, backup, shown } = await behindItsBackup();
    // Meanwhile (another tab): an incident here is edited, so the backup is no longer this diary
    // further along, and the plan is another one.
    await here.diary.edit(sample.ids.ongoing, incident('Edited here meanwhile'));
    const now = await planRestore(backup, here);
    expect(now.changes).not.toEqual(shown.changes);
    const before = await dumpDatabase(here.db);
    expect(await rejectionOf(restoreBackup(backup, here, { confirmed: shown.changes }))).toBeInstanceOf(RestoreNotConfirmedError);
    await expectUnchanged(here.db, before);
  });

  it('refuses, writing nothing, a confirmation of fewer, more or other changes, or of none', async () => {
    const { here, backup, shown } = await behindItsBackup();
    const [changed, deleted] = shown.changes;
    if (!changed || !deleted) throw new Error('expected two changes');
    const before = await dumpDatabase(here.db);
    for (const confirmed of [
      [],
      [changed],
      [changed, deleted, { ...deleted, entryId: 'another-entry' }],
      [changed, { ...deleted, kind: 'changed' as const }],
      [changed, changed],
    ]) {
      expect(await rejectionOf(restoreBackup(backup, here, { confirmed }))).toBeInstanceOf(RestoreNotConfirmedError);
    }
    expect(await rejectionOf(restoreBackup(backup, here))).toBeInstanceOf(RestoreNotConfirmedError);
    await expectUnchanged(here.db, before);
  });

  it('a confirmation given for changes that are no longer there is refused too: it was for another plan', async () => {
    const { here, backup, shown } = await behindItsBackup();
    await restoreBackup(backup, here, { confirmed: shown.changes });
    // Restored already (in another tab, say): the plan now changes nothing, and is not the one confirmed.
    expect((await planRestore(backup, here)).changes).toEqual([]);
    expect(await rejectionOf(restoreBackup(backup, here, { confirmed: shown.changes }))).toBeInstanceOf(RestoreNotConfirmedError);
    await restoreBackup(backup, here);
  });
});
