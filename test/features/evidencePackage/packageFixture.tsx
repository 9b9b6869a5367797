// Test helper (not a test file): version 2 exports of a diary written wholly since version 2, made
// by buildExportDocument as the app makes them, and the open-package screen with one opened.

import { File as NodeFile } from 'node:buffer';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { expect } from 'vitest';
import { prefixRoots } from '../../../src/core/evidence';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import type { ExportDocument, ExportSelection, OmittableField, SharedFingerprint } from '../../../src/core/export/exportDocument';
import { serializeExportDocument } from '../../../src/core/export/exportJson';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { OpenPackageScreen } from '../../../src/features/evidencePackage/OpenPackageScreen';
import { VaultContext } from '../../../src/shared/vault/vaultContext';
import { DiaryBuilder } from '../../core/evidence/diaryBuilder';
import { builderSource, GENERATED } from '../../core/export/exportFixtureV2';
import { testI18n } from '../../support/i18n';
import { anIncident } from '../../support/incidentFactories';
import { testVault } from '../../support/vault';

export const SHARED_AT = '2025-03-01T08:30:00.000Z';

/**
 * The diary, in chain order (every link version 2):
 *   0 A#1  1 B#1  2 A#2  3 C#1 (left out)  4 B#2 (tombstone)  5 E#1
 * Exports choose A and E: 3 versions of 2 incidents. A fingerprint was shared at 2 links.
 */
export async function redactedExport(omit: OmittableField[] = [], changes: Partial<ExportSelection> = {}) {
  const diary = new DiaryBuilder({ version: 2 });
  await diary.save('entry-a', anIncident({ whatHappened: 'Car outside again' }));
  await diary.tick().save('entry-b', anIncident({ whatHappened: 'Missed calls' }));
  await diary.tick().save('entry-a', anIncident({ whatHappened: 'Car outside again, grey Ford' }));
  await diary.tick().save('entry-c', anIncident({ whatHappened: 'Something left out of this export' }));
  await diary.tick().remove('entry-b');
  await diary.tick().save('entry-e', anIncident({ whatHappened: 'Message to my sister', behaviours: ['contact-via-others'] }));
  const roots = await prefixRoots(diary.links.map((link) => link.hash));
  const fingerprints: SharedFingerprint[] = [{ size: 2, root: roots[1] ?? '', sharedAt: SHARED_AT }];
  const selection: ExportSelection = { ...EMPTY_SELECTION, includeAttachments: false, omitFields: omit, ...changes };
  const document = await buildExportDocument(builderSource(diary, ['entry-a', 'entry-e'], fingerprints), selection, GENERATED);
  return { diary, document, roots };
}

/** The open-package screen (diary locked), with `document` chosen as a JSON export: Open not yet pressed. */
export async function renderAndChoose(document: ExportDocument) {
  const user = userEvent.setup();
  const i18n = await testI18n();
  const { vault } = testVault();
  render(
    <I18nextProvider i18n={i18n}>
      <VaultContext.Provider value={{ status: 'locked', vault }}>
        <OpenPackageScreen />
      </VaultContext.Provider>
    </I18nextProvider>,
  );
  // Node's File: jsdom's Blob cannot be read with arrayBuffer() or text(), as the screen reads it.
  const file = new NodeFile([serializeExportDocument(document)], 'daybook-export.json', { type: 'application/json' }) as unknown as File;
  await user.upload(screen.getByLabelText('Choose file'), file);
  return user;
}

/** Chooses `document` as a JSON export on the open-package screen and presses Open, as an advocate would. */
export async function chooseAndOpen(document: ExportDocument) {
  const user = await renderAndChoose(document);
  // A JSON export needs no passphrase: the field goes once the file has been looked at.
  await waitFor(() => expect(screen.queryByLabelText("The package's passphrase")).toBeNull());
  await user.click(screen.getByRole('button', { name: 'Open' }));
  return { user };
}

/** As chooseAndOpen, once the package is open. */
export async function openOnScreen(document: ExportDocument) {
  const opened = await chooseAndOpen(document);
  await screen.findByRole('heading', { name: 'Incidents, in the order they happened' });
  return opened;
}
