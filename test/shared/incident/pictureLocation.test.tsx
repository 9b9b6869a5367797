// @vitest-environment jsdom
// A photo holding the place where it was taken says so on the incident, read from its bytes
// (issue 13, point 5); the incident's record is not changed for it.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { AttachmentSourceContext, type AttachmentSource } from '../../../src/shared/incident/attachments/attachmentSource';
import { AttachmentList } from '../../../src/shared/incident/attachments/AttachmentList';
import { testI18n } from '../../support/i18n';
import { attachmentVault, renderWithI18n } from '../../support/attachmentHarness';
import { REAL_PNG } from '../../core/files/fixtures';
import { exifTiff, jpegWithExif } from '../../core/files/metadataFixtures';

const file = (data: Uint8Array, name: string, type: string) => new File([data as BlobPart], name, { type });
const NOTICE = 'This photo holds the place where it was taken.';
const item = (name: string) => screen.getByText(name).closest('li') as HTMLElement;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a photo holding a place', () => {
  it('is read only at an idle moment, not while the screen that lists it is drawn', async () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run));
    const { store } = await attachmentVault();
    const withPlace = await store.save(file(jpegWithExif(), 'at the door.jpg', 'image/jpeg'), 'at the door.jpg');
    const open = vi.spyOn(store, 'open');
    await renderWithI18n(<AttachmentList attachments={[withPlace]} />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(open).not.toHaveBeenCalled();
    expect(idle.length).toBeGreaterThan(0);
    act(() => idle.splice(0).forEach((run) => run()));
    await within(item('at the door.jpg')).findByText(NOTICE);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('is named on the incident without being shown; photos without a place, and other files, are not', async () => {
    const { store } = await attachmentVault();
    const withPlace = await store.save(file(jpegWithExif(), 'at the door.jpg', 'image/jpeg'), 'at the door.jpg');
    const cameraOnly = await store.save(file(jpegWithExif(exifTiff({ gps: false })), 'camera.jpg', 'image/jpeg'), 'camera.jpg');
    const plain = await store.save(file(REAL_PNG, 'screenshot.png', 'image/png'), 'screenshot.png');
    // GPS bytes declared as a document: not read (only pictures, or files of no type, are).
    const document = await store.save(file(jpegWithExif(), 'letter.pdf', 'application/pdf'), 'letter.pdf');
    const open = vi.spyOn(store, 'open');
    await renderWithI18n(<AttachmentList attachments={[withPlace, cameraOnly, plain, document]} />);

    await within(item('at the door.jpg')).findByText(NOTICE);
    expect(within(item('at the door.jpg')).getByText(/^Daybook keeps it exactly as it is, in your diary\./).textContent).toContain(
      'only in a backup, or in an evidence package if you tick “Include originals with their metadata”',
    );
    await waitFor(() => expect(open).toHaveBeenCalledTimes(3));
    expect(open.mock.calls.map(([ref]) => ref.id).sort()).toEqual([withPlace.id, cameraOnly.id, plain.id].sort());
    expect(screen.getAllByText(NOTICE)).toHaveLength(1);
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('in Welsh too', async () => {
    const { store } = await attachmentVault();
    const withPlace = await store.save(file(jpegWithExif(), 'llun.jpg', 'image/jpeg'), 'llun.jpg');
    await renderWithI18n(<AttachmentList attachments={[withPlace]} />, 'cy');
    await screen.findByText("Mae'r llun hwn yn dal y man lle cafodd ei dynnu.");
  });

  it('in an opened package: says the sender included it, and names a redrawn copy’s own SHA-256', async () => {
    const photo: AttachmentRef = { id: 'p1', name: 'original.jpg', type: 'image/jpeg', size: 10, sha256: 'a'.repeat(64) };
    const copy: AttachmentRef = { id: 'p2', name: 'copy.jpg', type: 'image/jpeg', size: 10, sha256: 'b'.repeat(64) };
    const source: AttachmentSource = {
      open: async (ref) => new Blob([(ref.id === 'p1' ? jpegWithExif() : REAL_PNG) as BlobPart]),
      redrawnCopy: (ref) => (ref.id === 'p2' ? { sha256: 'c'.repeat(64) } : undefined),
    };
    const i18n = await testI18n();
    render(
      <I18nextProvider i18n={i18n}>
        <AttachmentSourceContext.Provider value={source}>
          <AttachmentList attachments={[photo, copy]} />
        </AttachmentSourceContext.Provider>
      </I18nextProvider>,
    );
    await within(item('original.jpg')).findByText(NOTICE);
    expect(within(item('original.jpg')).getByText(/^This package carries the original picture, with its metadata\./)).toBeTruthy();
    expect(
      within(item('copy.jpg')).getByText(
        `This is a copy redrawn without its metadata. The SHA-256 above is the original’s; this copy’s SHA-256 is ${'c'.repeat(64)}.`,
      ),
    ).toBeTruthy();
    expect(within(item('original.jpg')).queryByText(/copy redrawn/)).toBeNull();
  });
});
