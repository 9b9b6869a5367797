// @vitest-environment jsdom
// The restore screen shows how far a restore has got. Stop is there while files are written, and
// a stop then leaves the database exactly as it was; once the diary's records are being written
// there is no Stop, and the screen says it is finishing.

import { render, screen } from '@testing-library/react';
import { createRef } from 'react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { createBackup } from '../../../src/core/backup/createBackup';
import { AttachmentStore } from '../../../src/core/store/attachmentStore';
import type { DaybookDatabase } from '../../../src/core/store/db';
import { RestoreIntoDiary } from '../../../src/features/backup/RestoreIntoDiary';
import { SetupRestoring, type NewVaultRestorer } from '../../../src/features/backup/SetupRestoring';
import { backupOf, newDevice, PASSPHRASE, writeSampleDiary } from '../../core/backup/backupFixture';
import { FAST_COST } from '../../core/crypto/helpers';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, testVault } from '../../support/vault';

const BACKUP_PASSPHRASE = 'backup words: afon lonydd 2026';
const WHEN = { kind: 'exact', date: '2026-01-03', time: '21:40' } as const;

async function dump(db: DaybookDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/** A promise the test settles by hand. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** This phone's diary (one incident), and a backup of another phone's diary with a photo in it. */
async function diaryAndAnotherPhonesBackup() {
  const { vault } = await createdVault();
  const here = await openedTestDiary(vault);
  await here.repository.add(aQuickIncident({ when: WHEN, whatHappened: 'Written on this phone' }));
  const other = await createdVault();
  const theirs = await openedTestDiary(other.vault);
  const photo = await theirs.stores.attachments.save(new Blob([new Uint8Array(5000).fill(7)], { type: 'image/png' }), 'llun.png');
  await theirs.repository.add(aQuickIncident({ when: WHEN, whatHappened: 'Written on the other phone', attachments: [photo] }));
  const made = await createBackup(
    { diary: theirs.repository, attachments: theirs.stores.attachments, checklists: theirs.stores.checklists },
    BACKUP_PASSPHRASE,
    { kdfCost: FAST_COST },
  );
  return { vault, ...here, file: new File([made.file], 'diary.daybook-backup') };
}

async function renderAndCheck({ vault, repository, stores, file }: Awaited<ReturnType<typeof diaryAndAnotherPhonesBackup>>) {
  const i18n = await testI18n('en-GB');
  render(
    <I18nextProvider i18n={i18n}>
      <TestDiaryProvider repository={repository} stores={stores} vault={vault}>
        <RestoreIntoDiary />
      </TestDiaryProvider>
    </I18nextProvider>,
  );
  const user = userEvent.setup();
  await user.upload(screen.getByLabelText('Choose backup file'), file);
  await user.type(screen.getByLabelText("The backup's passphrase"), BACKUP_PASSPHRASE);
  await user.click(screen.getByRole('button', { name: 'Check backup' }));
  await screen.findByText('Nothing in this diary is removed or changed.', {}, { timeout: 10_000 });
  return user;
}

describe('stopping a restore while its files are written', () => {
  it('leaves every table exactly as it was, and says so', async () => {
    const setup = await diaryAndAnotherPhonesBackup();
    const { stores, repository, vault } = setup;
    const user = await renderAndCheck(setup);
    // The file's write waits until the test has pressed Stop.
    const held = gate();
    const restoreFile = stores.attachments.restore.bind(stores.attachments);
    vi.spyOn(stores.attachments, 'restore').mockImplementation(async (ref, parts) => {
      await held.opened;
      return restoreFile(ref, parts);
    });
    const before = await dump(vault.db);

    await user.click(screen.getByRole('button', { name: 'Restore' }));
    // The file's 5,000 bytes, counted in kilobytes, with Stop.
    expect(await screen.findByText('Restoring the files, 5 KB in all…', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText('0 of 5')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Stop restoring' }));
    expect(await screen.findByText('Stopping, and taking out the files already restored…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop restoring' })).toBeNull();
    held.open();

    expect(
      await screen.findByText('Stopped. Nothing from the backup was added: your diary is as it was.', {}, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(screen.queryByText(/^Restored\./)).toBeNull();
    expect(await dump(vault.db)).toEqual(before);
    expect(repository.snapshot().entries.map((e) => e.incident.whatHappened)).toEqual(['Written on this phone']);
    // It can be restored again from here.
    vi.mocked(stores.attachments.restore).mockImplementation(restoreFile);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Restored. New incidents added: 1. Files added: 1.', {}, { timeout: 10_000 })).toBeTruthy();
  });
});

describe('once the diary records are being written', () => {
  it('shows no Stop and says it is finishing, then finishes', async () => {
    const setup = await diaryAndAnotherPhonesBackup();
    const { repository } = setup;
    const user = await renderAndCheck(setup);
    const held = gate();
    const append = repository.appendImported.bind(repository);
    vi.spyOn(repository, 'appendImported').mockImplementation(async (records) => {
      await held.opened;
      return append(records);
    });

    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText(/^Finishing: writing the incidents into your diary\. This cannot be stopped now\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop restoring' })).toBeNull();
    expect(screen.getByRole('progressbar')).toBeTruthy();
    held.open();
    expect(await screen.findByText('Restored. New incidents added: 1. Files added: 1.', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByText(/^Finishing/)).toBeNull();
  });
});

describe('set-up from a backup', () => {
  it('shows the restore into the new vault; a stop leaves it whole and empty, and says "stopped"', async () => {
    const source = await newDevice();
    await writeSampleDiary(source);
    const backup = await checkBackup((await backupOf(source)).file, PASSPHRASE);
    const { vault, db } = testVault();
    const pending = await vault.prepare('a new passphrase for the new phone');
    const restorer = createRef<NewVaultRestorer>();
    render(
      <I18nextProvider i18n={await testI18n('en-GB')}>
        <SetupRestoring ref={restorer} />
      </I18nextProvider>,
    );
    const held = gate();
    const restoreFile = AttachmentStore.prototype.restore;
    vi.spyOn(AttachmentStore.prototype, 'restore').mockImplementation(async function (this: AttachmentStore, ref, parts) {
      await held.opened;
      return restoreFile.call(this, ref, parts);
    });

    let outcome: unknown = 'not run';
    const opening = pending.commit(async () => {
      outcome = await restorer.current?.restore(backup, vault);
    });
    const user = userEvent.setup();
    expect(await screen.findByText('Restoring the files, 4 KB in all…', {}, { timeout: 10_000 })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Stop restoring' }));
    held.open();
    await opening;

    expect(outcome).toBe('stopped');
    expect(await vault.status()).toBe('unlocked');
    expect(await db.chunks.count()).toBe(0);
    expect(await db.revisions.count()).toBe(0);
    expect(await db.checklists.count()).toBe(0);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
