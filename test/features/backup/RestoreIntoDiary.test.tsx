// @vitest-environment jsdom
// The restore screen: a restore that deletes or changes incidents here lists them (when each
// happened, its opening words) and asks for the diary passphrase again; a wrong one writes
// nothing. That includes a backup merged in that gives an incident here a version of its own.
// One that only adds new incidents asks for nothing, and the result says how the backup joined.

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { createBackup } from '../../../src/core/backup/createBackup';
import { restoreBackup } from '../../../src/core/backup/restoreBackup';
import type { DaybookDatabase } from '../../../src/core/store/db';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import type { UnlockedStores } from '../../../src/core/vault/featureStores';
import type { Vault } from '../../../src/core/vault/vault';
import { RestoreIntoDiary } from '../../../src/features/backup/RestoreIntoDiary';
import { FAST_COST } from '../../core/crypto/helpers';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

const BACKUP_PASSPHRASE = 'backup words: cwch gwyn 2026';
const WHEN = { kind: 'exact', date: '2026-01-03', time: '21:40' } as const;

type Tables = Record<string, unknown[]>;

async function dump(db: DaybookDatabase, names = ['revisions', 'settings', 'chunks', 'checklists']): Promise<Tables> {
  const out: Tables = {};
  for (const name of names) out[name] = await db.table(name).toArray();
  return out;
}

/** Puts every table back as it was: this same diary, as a copy of the database restored later would be. */
async function putBack(db: DaybookDatabase, tables: Tables): Promise<void> {
  for (const [name, rows] of Object.entries(tables)) {
    await db.table(name).clear();
    await db.table(name).bulkPut(rows);
  }
}

async function backupFile(repository: DiaryRepository, stores: UnlockedStores): Promise<File> {
  const made = await createBackup(
    { diary: repository, attachments: stores.attachments, checklists: stores.checklists },
    BACKUP_PASSPHRASE,
    {
      kdfCost: FAST_COST,
    },
  );
  return new File([made.file], 'diary.daybook-backup');
}

async function renderRestore(vault: Vault, repository: DiaryRepository, stores: UnlockedStores, language = 'en-GB') {
  const i18n = await testI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <TestDiaryProvider repository={repository} stores={stores} vault={vault}>
        <RestoreIntoDiary />
      </TestDiaryProvider>
    </I18nextProvider>,
  );
}

async function chooseAndCheck(user: ReturnType<typeof userEvent.setup>, file: File) {
  await user.upload(screen.getByLabelText('Choose backup file'), file);
  await user.type(screen.getByLabelText("The backup's passphrase"), BACKUP_PASSPHRASE);
  await user.click(screen.getByRole('button', { name: 'Check backup' }));
}

/**
 * This diary behind a backup of itself: two incidents written, the database copied; then one is
 * edited and the other deleted, a backup made, and the database put back to the copy.
 */
async function diaryBehindItsBackup() {
  const { vault, passphrase } = await createdVault();
  const { repository, stores } = await openedTestDiary(vault);
  const keep = await repository.add(aQuickIncident({ when: WHEN, whatHappened: 'He waited by the car park exit' }));
  const gone = await repository.add(aQuickIncident({ when: { kind: 'ongoing' }, whatHappened: 'Messages every night from a new number' }));
  const copy = await dump(vault.db);
  await repository.edit(keep, aQuickIncident({ when: WHEN, whatHappened: 'He waited by the car park exit, written again' }));
  await repository.remove(gone);
  const file = await backupFile(repository, stores);
  await putBack(vault.db, copy);
  await repository.load();
  return { vault, passphrase, repository, stores, file, keep, gone };
}

/**
 * This diary, and another vault's diary started from its backup (a new phone), where its one
 * incident was then written again: that phone's backup, merged in here, gives the incident a
 * version from another diary.
 */
async function diaryAndAnotherPhonesEdit() {
  const { vault, passphrase } = await createdVault();
  const { repository, stores } = await openedTestDiary(vault);
  const id = await repository.add(aQuickIncident({ when: WHEN, whatHappened: 'He waited by the car park exit' }));
  const phone = await createdVault();
  const theirs = await openedTestDiary(phone.vault);
  const targets = { diary: theirs.repository, attachments: theirs.stores.attachments, checklists: theirs.stores.checklists };
  await restoreBackup(await checkBackup(await backupFile(repository, stores), BACKUP_PASSPHRASE), targets);
  await theirs.repository.edit(id, aQuickIncident({ when: WHEN, whatHappened: 'Written again on the other phone' }));
  const file = await backupFile(theirs.repository, theirs.stores);
  return { vault, passphrase, repository, stores, file, id };
}

describe('restoring a backup of this same diary, further along', () => {
  it('lists what it deletes or changes here, refuses a wrong diary passphrase with nothing written, then restores', async () => {
    const { vault, passphrase, repository, stores, file, gone } = await diaryBehindItsBackup();
    const user = userEvent.setup();
    await renderRestore(vault, repository, stores);
    await chooseAndCheck(user, file);

    const list = await screen.findByRole('region', { name: 'What restoring deletes or changes here' }, { timeout: 10_000 });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      '3 Jan 2026 at 21:40 He waited by the car park exit (gets a later version)',
      'Ongoing Messages every night from a new number (will be deleted)',
    ]);
    expect(screen.queryByText('Nothing in this diary is removed or changed.')).toBeNull();

    // No passphrase: asked for, nothing written.
    const before = await dump(vault.db);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Type your diary passphrase first. Nothing has been changed.')).toBeTruthy();

    // The backup's passphrase is not the diary's: refused, nothing written.
    await user.type(screen.getByLabelText('Your diary passphrase'), BACKUP_PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText("That is not this diary's passphrase. Nothing has been changed.", {}, { timeout: 10_000 })).toBeTruthy();
    expect(await dump(vault.db)).toEqual(before);
    expect(repository.snapshot().entries.map((e) => e.id)).toContain(gone);

    await user.clear(screen.getByLabelText('Your diary passphrase'));
    await user.type(screen.getByLabelText('Your diary passphrase'), passphrase);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Restored. New incidents added: 0. Files added: 0.', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText(/^This backup was of this same diary, further along, and sealed by this diary/)).toBeTruthy();
    expect(screen.getByText('Deleted here: 1. Given a later version: 1.')).toBeTruthy();
    expect(repository.snapshot().entries.map((e) => e.incident.whatHappened)).toEqual(['He waited by the car park exit, written again']);
  });
});

describe('the confirmation holds for the list shown', () => {
  it('if the diary changed after the list was shown, nothing is written and the list as it now is is shown to confirm again', async () => {
    const { vault, passphrase, repository, stores, file, keep, gone } = await diaryBehindItsBackup();
    const user = userEvent.setup();
    await renderRestore(vault, repository, stores);
    await chooseAndCheck(user, file);
    const list = await screen.findByRole('region', { name: 'What restoring deletes or changes here' }, { timeout: 10_000 });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    // What the backup's record of changes shows holds, as far as it goes: not "nothing missing".
    expect(screen.getByText('Record of changes checked: 4 records. It checks out as far as it goes.')).toBeTruthy();
    expect(screen.queryByText(/nothing altered or missing/)).toBeNull();

    // Meanwhile, in another tab: the incident it would change is edited here.
    await repository.edit(keep, aQuickIncident({ when: WHEN, whatHappened: 'Edited here meanwhile' }));
    const before = await dump(vault.db);
    await user.type(screen.getByLabelText('Your diary passphrase'), passphrase);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByRole('alert', {}, { timeout: 10_000 })).toHaveProperty(
      'textContent',
      'This diary changed after that list was shown, so nothing has been changed. Here is what restoring would do now: check it, then type your diary passphrase again.',
    );
    expect(await dump(vault.db)).toEqual(before);
    expect(repository.snapshot().entries.map((e) => e.id)).toContain(gone);
    // The new list: merged now (this diary went its own way), nothing deleted.
    const now = await screen.findByRole('region', { name: 'What restoring deletes or changes here' });
    expect(
      within(now)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['3 Jan 2026 at 21:40 Edited here meanwhile (gets a version from the backup)']);

    await user.type(screen.getByLabelText('Your diary passphrase'), passphrase);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Restored. New incidents added: 0. Files added: 0.', {}, { timeout: 10_000 })).toBeTruthy();
    expect(repository.snapshot().entries.map((e) => e.id)).toContain(gone);
  });
});

describe('restoring a backup merged in that gives an incident here a version', () => {
  it('lists the incident as getting a version from the backup, asks for the diary passphrase, then restores', async () => {
    const { vault, passphrase, repository, stores, file } = await diaryAndAnotherPhonesEdit();
    const user = userEvent.setup();
    await renderRestore(vault, repository, stores);
    await chooseAndCheck(user, file);

    const list = await screen.findByRole('region', { name: 'What restoring deletes or changes here' }, { timeout: 10_000 });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['3 Jan 2026 at 21:40 He waited by the car park exit (gets a version from the backup)']);
    // Not the wording for this same diary's own later version.
    expect(
      within(list).getByText(/^This diary cannot confirm that this backup is a later copy of itself, so nothing here is deleted/),
    ).toBeTruthy();
    expect(within(list).queryByText(/goes further than the diary here/)).toBeNull();
    expect(within(list).queryByText('(gets a later version)')).toBeNull();
    expect(screen.getByText('other versions of 1 incident already here')).toBeTruthy();
    expect(screen.queryByText('Nothing in this diary is removed or changed.')).toBeNull();

    // No passphrase: asked for, nothing written.
    const before = await dump(vault.db);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Type your diary passphrase first. Nothing has been changed.')).toBeTruthy();
    expect(await dump(vault.db)).toEqual(before);

    await user.type(screen.getByLabelText('Your diary passphrase'), passphrase);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Restored. New incidents added: 0. Files added: 0.', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText(/^This backup was merged in: nothing here was removed, each version from it was added/)).toBeTruthy();
    expect(screen.getByText('Given a version from the backup: 1.')).toBeTruthy();
    expect(repository.snapshot().entries.map((e) => e.incident.whatHappened)).toEqual(['Written again on the other phone']);
  });
});

describe('in Welsh', () => {
  it('lists the changes and asks for the diary passphrase in Welsh', async () => {
    const { vault, repository, stores, file } = await diaryBehindItsBackup();
    const user = userEvent.setup();
    await renderRestore(vault, repository, stores, 'cy');
    await user.upload(screen.getByLabelText('Dewis ffeil wrth gefn'), file);
    await user.type(screen.getByLabelText('Cyfrinymadrodd y copi wrth gefn'), BACKUP_PASSPHRASE);
    await user.click(screen.getByRole('button', { name: "Gwirio'r copi wrth gefn" }));
    const list = await screen.findByRole('region', { name: "Beth mae adfer yn ei ddileu neu'n ei newid yma" }, { timeout: 10_000 });
    expect(within(list).getByText('(bydd yn cael ei ddileu)')).toBeTruthy();
    await user.type(screen.getByLabelText('Cyfrinymadrodd eich dyddiadur'), 'nid hwn');
    await user.click(screen.getByRole('button', { name: 'Adfer' }));
    expect(await screen.findByText('Nid dyna gyfrinymadrodd y dyddiadur hwn. Does dim wedi newid.', {}, { timeout: 10_000 })).toBeTruthy();
  });

  it('lists an incident a backup merged in gives a version, and asks for the diary passphrase, in Welsh', async () => {
    const { vault, repository, stores, file } = await diaryAndAnotherPhonesEdit();
    const user = userEvent.setup();
    await renderRestore(vault, repository, stores, 'cy');
    await user.upload(screen.getByLabelText('Dewis ffeil wrth gefn'), file);
    await user.type(screen.getByLabelText('Cyfrinymadrodd y copi wrth gefn'), BACKUP_PASSPHRASE);
    await user.click(screen.getByRole('button', { name: "Gwirio'r copi wrth gefn" }));
    const list = await screen.findByRole('region', { name: "Beth mae adfer yn ei ddileu neu'n ei newid yma" }, { timeout: 10_000 });
    expect(within(list).getByText("(bydd yn cael fersiwn o'r copi wrth gefn)")).toBeTruthy();
    expect(within(list).getByText(/^Dydy'r dyddiadur hwn ddim yn gallu cadarnhau/)).toBeTruthy();
    expect(screen.getByLabelText('Cyfrinymadrodd eich dyddiadur')).toBeTruthy();
  });
});

describe('restoring a backup that only adds', () => {
  it('asks for no passphrase, says nothing here is removed or changed, and that it was merged', async () => {
    const { vault, repository, stores } = await (async () => {
      const { vault } = await createdVault();
      return { vault, ...(await openedTestDiary(vault)) };
    })();
    await repository.add(aQuickIncident({ when: WHEN, whatHappened: 'Written on this phone' }));
    // Another diary (another vault's key): merged, whatever its links.
    const other = await createdVault();
    const theirs = await openedTestDiary(other.vault);
    await theirs.repository.add(aQuickIncident({ when: WHEN, whatHappened: 'Written on the other phone' }));
    const file = await backupFile(theirs.repository, theirs.stores);

    const user = userEvent.setup();
    await renderRestore(vault, repository, stores);
    await chooseAndCheck(user, file);
    expect(await screen.findByText('Nothing in this diary is removed or changed.', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText(/^This diary cannot confirm that this backup is a later copy of itself/)).toBeTruthy();
    expect(screen.queryByLabelText('Your diary passphrase')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Restored. New incidents added: 1. Files added: 0.', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText(/^This backup was merged in: nothing here was removed or changed/)).toBeTruthy();
  });

  it('into an empty diary: copied as it was, and says its seal was made by another diary key', async () => {
    const lost = await createdVault();
    const theirs = await openedTestDiary(lost.vault);
    await theirs.repository.add(aQuickIncident({ when: WHEN, whatHappened: 'Written on the lost phone' }));
    const file = await backupFile(theirs.repository, theirs.stores);
    const { vault } = await createdVault();
    const { repository, stores } = await openedTestDiary(vault);

    const user = userEvent.setup();
    await renderRestore(vault, repository, stores);
    await chooseAndCheck(user, file);
    await user.click(await screen.findByRole('button', { name: 'Restore' }, { timeout: 10_000 }));
    expect(
      await screen.findByText(/Its seal was made by another diary key, for example on a lost phone/, {}, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(repository.head()).toBe(theirs.repository.head());
  });
});
