// @vitest-environment jsdom
// Exhibit references in the package viewer (issue 16, point 6): each file shows its own
// reference ("Exhibit AB/1") with the note that it is a label, and is saved under its exhibit file
// name ("AB-1 IMG_2041.jpg"); without references, none of this is shown.

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { exhibitsOf } from '../../../src/core/export/exhibits';
import type { ExportDocument } from '../../../src/core/export/exportDocument';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { exhibitDownloadName } from '../../../src/features/evidencePackage/ExhibitFiles';
import { PackageEntries } from '../../../src/features/evidencePackage/PackageEntries';
import { AttachmentSourceContext } from '../../../src/shared/incident/attachments/attachmentSource';
import { DiaryBuilder } from '../../core/evidence/diaryBuilder';
import { builderSource, GENERATED } from '../../core/export/exportFixtureV2';
import { testI18n } from '../../support/i18n';
import { anIncident } from '../../support/incidentFactories';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

function ref(id: string, name: string): AttachmentRef {
  return { id, name, type: 'image/jpeg', size: JPEG.length, sha256: '00'.repeat(32) };
}

const photo = ref('photo', 'IMG_2041.jpg');
const letter = ref('letter', 'letter\u202Egnp.exe');

async function documentWithFiles(): Promise<ExportDocument> {
  const diary = new DiaryBuilder({ version: 2 });
  await diary.save('entry-a', anIncident({ attachments: [photo, letter] }));
  return buildExportDocument(builderSource(diary, ['entry-a']), { ...EMPTY_SELECTION, includeAttachments: true }, GENERATED);
}

let saved: string[] = [];
beforeEach(() => {
  saved = [];
  // jsdom has no object URLs; the name a save would give is what matters here.
  URL.createObjectURL = vi.fn(() => 'blob:saved');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
});
afterEach(() => vi.restoreAllMocks());

async function show(document: ExportDocument, initials: string | undefined) {
  const i18n = await testI18n();
  const source = { open: () => Promise.resolve(new Blob([JPEG], { type: 'image/jpeg' })) };
  render(
    <I18nextProvider i18n={i18n}>
      <AttachmentSourceContext.Provider value={source}>
        <PackageEntries entries={document.entries} revisions={[]} exhibits={exhibitsOf(document, initials)} />
      </AttachmentSourceContext.Provider>
    </I18nextProvider>,
  );
}

describe('package viewer: exhibit references', () => {
  it('shows each file’s own reference beside it, with the note that references are labels', async () => {
    await show(await documentWithFiles(), 'AB');
    const first = screen.getByText('Exhibit AB/1').closest('li');
    const second = screen.getByText('Exhibit AB/2').closest('li');
    expect(first && within(first).getByText('IMG_2041.jpg').tagName).toBe('BDI');
    expect(second && within(second).getByText('letter\u202Egnp.exe').tagName).toBe('BDI');
    expect(screen.getByText(/^Exhibit references were set when the package was made\. They are labels/)).toBeTruthy();
  });

  it('saves a file under its exhibit file name, made safe like any saved file', async () => {
    await show(await documentWithFiles(), 'AB');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Save as exhibit AB/1' }));
    await user.click(screen.getByRole('button', { name: 'Save as exhibit AB/2' }));
    await vi.waitFor(() => expect(saved).toEqual(['AB-1 IMG_2041.jpg', 'AB-2 lettergnp.jpg']));
  });

  it('shows no references without initials', async () => {
    await show(await documentWithFiles(), undefined);
    expect(screen.queryByText(/^Exhibit /)).toBeNull();
    expect(screen.queryByRole('button', { name: /^Save as exhibit/ })).toBeNull();
  });
});

describe('exhibit download names', () => {
  it('put the label in front and take the extension from the bytes', async () => {
    const jpeg = new Blob([JPEG]);
    expect(await exhibitDownloadName(jpeg, { fileLabel: 'AB-1' }, 'IMG_2041.jpg')).toBe('AB-1 IMG_2041.jpg');
    expect(await exhibitDownloadName(jpeg, { fileLabel: 'JS-12' }, 'notes.exe')).toBe('JS-12 notes.jpg');
    expect(await exhibitDownloadName(new Blob(['plain words']), { fileLabel: 'AB-3' }, '../x.txt')).toMatch(/^AB-3 _/);
  });
});
