// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOWNLOAD_TYPE } from '../../../src/core/files';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { AttachmentSourceContext } from '../../../src/shared/incident/attachments/attachmentSource';
import { AttachmentList } from '../../../src/shared/incident/attachments/AttachmentList';
import { testI18n } from '../../support/i18n';
import { fakeObjectUrls } from '../../support/attachmentHarness';
import { fakeBrowserPictures, REAL_PNG, SVG_WITH_SCRIPT } from '../../core/files/fixtures';

const letter: AttachmentRef = { id: 'file-1', name: 'letter.pdf', type: 'application/pdf', size: 4, sha256: 'a'.repeat(64) };

afterEach(() => {
  vi.unstubAllGlobals();
});

async function renderPackage(attachments: AttachmentRef[], files: Map<string, Blob>) {
  const i18n = await testI18n();
  render(
    <I18nextProvider i18n={i18n}>
      <AttachmentSourceContext.Provider
        value={{
          open: async (ref) => {
            const blob = files.get(ref.id);
            if (!blob) throw new Error('missing');
            return blob;
          },
        }}
      >
        <AttachmentList attachments={attachments} />
      </AttachmentSourceContext.Provider>
    </I18nextProvider>,
  );
}

describe('where shown files come from', () => {
  it("an opened package's files show with no diary at all (locked, or an advocate's device)", async () => {
    await renderPackage([letter], new Map([['file-1', new Blob(['%PDF'])]]));
    expect(screen.getByText('letter.pdf')).toBeTruthy();
  });

  it("a package's files are judged by their bytes too, whatever type the sender declared", async () => {
    const urls = fakeObjectUrls();
    fakeBrowserPictures();
    const disguised: AttachmentRef = {
      id: 'file-2',
      name: 'screenshot.png',
      type: 'image/png',
      size: SVG_WITH_SCRIPT.length,
      sha256: 'b'.repeat(64),
    };
    const real: AttachmentRef = { id: 'file-3', name: 'real.svg', type: 'image/svg+xml', size: REAL_PNG.length, sha256: 'c'.repeat(64) };
    await renderPackage(
      [disguised, real],
      new Map([
        // A package keeps the sender's declared type on each Blob.
        ['file-2', new Blob([SVG_WITH_SCRIPT as BlobPart], { type: 'image/png' })],
        ['file-3', new Blob([REAL_PNG as BlobPart], { type: 'image/svg+xml' })],
      ]),
    );
    for (const button of screen.getAllByRole('button', { name: 'Show' })) await userEvent.click(button);
    await screen.findByRole('link', { name: 'Save a copy of “screenshot.txt”' });
    await screen.findByRole('link', { name: 'Save a copy of “real.png”' });
    expect((await screen.findAllByRole('img')).map((img) => img.getAttribute('alt'))).toEqual(['real.svg']);
    const types = urls.create.mock.calls.map((call) => (call as unknown as [Blob])[0].type).sort();
    expect(types).toEqual([DOWNLOAD_TYPE, DOWNLOAD_TYPE, 'image/png']);
  });
});
