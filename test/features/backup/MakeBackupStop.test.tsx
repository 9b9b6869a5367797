// @vitest-environment jsdom
// Stop while a backup is made: the screen says nothing was made, no file is offered, and the
// backup reads no further file once the one being read is handed over.

import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { MakeBackup } from '../../../src/features/backup/MakeBackup';
import { pattern } from '../../core/backup/backupFixture';
import { countingStore } from '../../core/backup/countingChunks';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { anIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

const BACKUP_PASSPHRASE = 'llwy garu, pont y borth, glaw mân';

describe('make a backup: Stop', () => {
  it('shows which files are encrypted, stops, reads no further file and offers no file', { timeout: 120_000 }, async () => {
    const { vault } = await createdVault();
    const { repository, stores } = await openedTestDiary(vault);
    const files: AttachmentRef[] = [];
    for (const seed of [1, 2, 3]) {
      files.push(await stores.attachments.save(new Blob([pattern(3000, seed)], { type: 'audio/ogg' }), `voicemail-${seed}.ogg`));
    }
    await repository.add(
      anIncident({ whatHappened: 'Voicemails overnight', when: { kind: 'exact', date: '2026-03-01' }, attachments: files }),
    );

    let reading: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (reading = resolve));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { attachments, counter } = countingStore(stores.attachments, (reads) => {
      if (reads !== 1) return;
      reading();
      return held;
    });
    let handedOver = 0;

    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={await testI18n()}>
        <TestDiaryProvider repository={repository} stores={{ ...stores, attachments }}>
          <MakeBackup onBackedUp={() => (handedOver += 1)} />
        </TestDiaryProvider>
      </I18nextProvider>,
    );
    await user.type(await screen.findByLabelText('New passphrase'), BACKUP_PASSPHRASE);
    await user.type(screen.getByLabelText('Type the new passphrase again'), BACKUP_PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Make backup' }));

    await reached;
    expect(await screen.findByText('Encrypting the files…', undefined, { timeout: 5_000 })).toBeTruthy();
    expect(screen.getByText('0 of 3')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Stop making the backup' }));
    // The chunk held is handed over; the backup stops there, reading and encrypting nothing more.
    release();
    expect(await screen.findByText('Stopped. Nothing was made.')).toBeTruthy();
    await waitFor(() => expect(counter.open).toBe(0));
    expect(counter.reads).toBe(1);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Your file is ready' })).toBeNull();
    expect(handedOver).toBe(0);
  });
});
