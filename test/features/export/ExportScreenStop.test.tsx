// @vitest-environment jsdom
// Stop on an evidence package: the screen says nothing was made at once, and the package stops
// reading files (no further file is decrypted once the one being read is handed over).

import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ExportScreen } from '../../../src/features/export/ExportScreen';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { anIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';
import { countingStore } from '../../core/backup/countingChunks';
import { pattern } from '../../core/backup/backupFixture';
import type { AttachmentRef } from '../../../src/core/model/incident';

const PACKAGE_PASSPHRASE = 'llwy garu, pont y borth, glaw mân';

describe('export screen: Stop while a package is made', () => {
  it('shows which files are encrypted, stops at once, reads no further file and offers no file', { timeout: 120_000 }, async () => {
    const { vault } = await createdVault();
    const { repository, stores } = await openedTestDiary(vault);
    const files: AttachmentRef[] = [];
    for (const seed of [1, 2, 3]) {
      files.push(await stores.attachments.save(new Blob([pattern(3000, seed)], { type: 'audio/ogg' }), `voicemail-${seed}.ogg`));
    }
    await repository.add(
      anIncident({ whatHappened: 'Voicemails overnight', when: { kind: 'exact', date: '2026-03-01' }, attachments: files }),
    );

    // The first file's first chunk is held until the test lets it go.
    let reading: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (reading = resolve));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { attachments, counter } = countingStore(stores.attachments, (reads) => {
      if (reads !== 1) return;
      reading();
      return held;
    });

    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={await testI18n()}>
        <TestDiaryProvider repository={repository} stores={{ ...stores, attachments }}>
          <MemoryRouter>
            <ExportScreen />
          </MemoryRouter>
        </TestDiaryProvider>
      </I18nextProvider>,
    );
    await user.click(await screen.findByLabelText(/Evidence package for an advocate/));
    await user.type(screen.getByLabelText('New passphrase'), PACKAGE_PASSPHRASE);
    await user.type(screen.getByLabelText('Type the new passphrase again'), PACKAGE_PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Create file' }));

    await reached;
    expect(await screen.findByText('Encrypting the files…', undefined, { timeout: 5_000 })).toBeTruthy();
    expect(screen.getByText('0 of 3')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Stopped. Nothing was made.')).toBeTruthy();

    release();
    await waitFor(() => expect(counter.open).toBe(0));
    expect(counter.reads).toBe(1);
    expect(screen.queryByRole('heading', { name: 'Your file is ready' })).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
