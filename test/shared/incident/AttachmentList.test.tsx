// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOWNLOAD_TYPE, MEDIA_TYPES, REDRAWN_TYPES } from '../../../src/core/files';
import { trackedObjectUrlCount } from '../../../src/core/vault/objectUrls';
import { AttachmentList } from '../../../src/shared/incident/attachments/AttachmentList';
import { attachmentVault, blobText, fakeObjectUrls, renderWithI18n } from '../../support/attachmentHarness';
import { fakeBrowserPictures, ftyp, HTML_PAGE, REAL_PNG, SVG_WITH_SCRIPT } from '../../core/files/fixtures';

const file = (data: Uint8Array | string, name: string, type: string) => new File([data as BlobPart], name, { type });

async function savedFiles() {
  const context = await attachmentVault();
  const photo = await context.store.save(file(REAL_PNG, 'photo.png', 'image/png'), 'photo.png');
  const voice = await context.store.save(file(ftyp('M4A ', 'M4A ', 'mp42'), 'voice.m4a', 'audio/mp4'), 'voice.m4a');
  const doc = await context.store.save(file('%PDF-1.7', 'letter.pdf', 'application/pdf'), 'letter.pdf');
  const open = vi.spyOn(context.store, 'open');
  return { ...context, photo, voice, doc, open };
}

const item = (name: string) => screen.getByText(name).closest('li') as HTMLElement;
const createdBlobs = (urls: ReturnType<typeof fakeObjectUrls>) => urls.create.mock.calls.map((call) => (call as unknown as [Blob])[0]);
const SAFE_TYPES = new Set([DOWNLOAD_TYPE, ...REDRAWN_TYPES, ...MEDIA_TYPES]);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('attachment list', () => {
  it('lists name, type, size and fingerprint, showing nothing; only a picture is read, for its metadata', async () => {
    const { photo, voice, doc, open } = await savedFiles();
    await renderWithI18n(<AttachmentList attachments={[photo, voice, doc]} />);
    // The photo is read (to say whether it holds a place); documents and recordings are not.
    await waitFor(() => expect(open).toHaveBeenCalledOnce());
    expect(open).toHaveBeenCalledWith(photo);
    open.mockClear();
    const row = within(item('photo.png'));
    expect(row.getByText('image/png')).toBeTruthy();
    expect(within(item('letter.pdf')).getByText('8 bytes')).toBeTruthy();
    expect(row.getByText(`${photo.sha256.slice(0, 8)}…${photo.sha256.slice(-8)} (show in full)`)).toBeTruthy();
    expect(row.getByText(photo.sha256).closest('details')).toBeTruthy();
    expect(open).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull();
  });

  it('on "Show": a redrawn picture, a player, or a saved copy; object URLs revoked on "Hide" and on unmount', async () => {
    const urls = fakeObjectUrls();
    const pictures = fakeBrowserPictures();
    const { photo, voice, doc, open } = await savedFiles();
    const view = await renderWithI18n(<AttachmentList attachments={[photo, voice, doc]} />);
    // The photo's metadata is read first (nothing shown); then each "Show" decrypts its file.
    await waitFor(() => expect(open).toHaveBeenCalledOnce());
    open.mockClear();

    await userEvent.click(within(item('photo.png')).getByRole('button', { name: 'Show' }));
    const image = (await screen.findByRole('img', { name: 'photo.png' })) as HTMLImageElement;
    expect(open).toHaveBeenCalledOnce();
    // The picture shown is the redrawn one, never the stored bytes.
    const imageBlob = createdBlobs(urls).find((blob) => blob.type === 'image/png');
    expect(imageBlob && (await blobText(imageBlob))).toBe('redrawn 192x192');
    expect(pictures.decoded.map((blob) => blob.type)).toEqual(['image/png']);
    expect(urls.live.has(image.src)).toBe(true);
    expect(image.getAttribute('width')).toBe('192');
    // Pictures can be saved too: the exact bytes, as octet-stream.
    const photoLink = within(item('photo.png')).getByRole('link', { name: 'Save a copy of “photo.png”' });
    expect(photoLink.getAttribute('download')).toBe('photo.png');

    await userEvent.click(within(item('voice.m4a')).getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(item('voice.m4a').querySelector('audio[controls]')).toBeTruthy());

    await userEvent.click(within(item('letter.pdf')).getByRole('button', { name: 'Show' }));
    const link = await screen.findByRole('link', { name: 'Save a copy of “letter.pdf”' });
    expect(link.getAttribute('download')).toBe('letter.pdf');
    expect(within(item('letter.pdf')).getByText(/^Daybook does not show this kind of file\./)).toBeTruthy();
    // Saved, never rendered as a page of the app: every URL is a raster picture, a recording or octet-stream.
    for (const blob of createdBlobs(urls)) expect(SAFE_TYPES).toContain(blob.type);
    expect(createdBlobs(urls).filter((blob) => blob.type === DOWNLOAD_TYPE)).toHaveLength(3);
    expect(urls.live.size).toBe(5);

    await userEvent.click(within(item('photo.png')).getByRole('button', { name: 'Hide' }));
    expect(screen.queryByRole('img')).toBeNull();
    expect(urls.live.size).toBe(3);

    view.unmount();
    expect(urls.live.size).toBe(0);
    expect(trackedObjectUrlCount()).toBe(0);
  });

  it('an SVG, or a web page named as a picture, is never shown: only saved as octet-stream, named for what it is', async () => {
    const urls = fakeObjectUrls();
    const pictures = fakeBrowserPictures();
    const context = await attachmentVault();
    const svg = await context.store.save(file(SVG_WITH_SCRIPT, 'cat.svg', 'image/svg+xml'), 'cat.svg');
    const page = await context.store.save(file(HTML_PAGE, 'photo.png', 'image/png'), 'photo\u202Egnp.png');
    await renderWithI18n(<AttachmentList attachments={[svg, page]} />);
    for (const button of screen.getAllByRole('button', { name: 'Show' })) await userEvent.click(button);

    await within(item('cat.svg')).findByRole('link', { name: 'Save a copy of “cat.txt”' });
    const pageLink = await screen.findByRole('link', { name: 'Save a copy of “photognp.txt”' });
    expect(pageLink.getAttribute('download')).toBe('photognp.txt');
    expect(screen.getAllByText(/^This file is not a picture Daybook can show\./)).toHaveLength(2);
    expect(screen.queryByRole('img')).toBeNull();
    expect(pictures.decode).not.toHaveBeenCalled();
    expect(createdBlobs(urls).map((blob) => blob.type)).toEqual([DOWNLOAD_TYPE, DOWNLOAD_TYPE]);
  });

  it('says when a picture is too large to show, in Welsh too', async () => {
    fakeObjectUrls();
    const pictures = fakeBrowserPictures();
    const context = await attachmentVault();
    const header = new Uint8Array(REAL_PNG.subarray(0, 33));
    new DataView(header.buffer).setUint32(16, 20_000);
    new DataView(header.buffer).setUint32(20, 20_000);
    const big = await context.store.save(file(header, 'big.png', 'image/png'), 'big.png');
    await renderWithI18n(<AttachmentList attachments={[big]} />, 'cy');
    await userEvent.click(screen.getByRole('button', { name: 'Dangos' }));
    await screen.findByText(/^Mae'r llun hwn yn rhy fawr i'w ddangos yma: mae'n fwy na 40 megapicsel\./);
    expect(pictures.decode).not.toHaveBeenCalled();
  });

  it('says so when a file is damaged or altered', async () => {
    fakeObjectUrls();
    const { photo } = await savedFiles();
    await renderWithI18n(<AttachmentList attachments={[{ ...photo, sha256: '0'.repeat(64) }]} />);
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/damaged, missing or has been altered/);
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('offers "Remove" when the caller allows it', async () => {
    const { photo, voice } = await savedFiles();
    const onRemove = vi.fn();
    await renderWithI18n(<AttachmentList attachments={[photo, voice]} onRemove={onRemove} />);
    await userEvent.click(within(item('voice.m4a')).getByRole('button', { name: 'Remove' }));
    expect(onRemove).toHaveBeenCalledWith(voice.id);
  });
});
