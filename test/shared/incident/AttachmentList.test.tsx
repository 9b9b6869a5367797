// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { trackedObjectUrlCount } from '../../../src/core/vault/objectUrls';
import { AttachmentList } from '../../../src/shared/incident/attachments/AttachmentList';
import { attachmentVault, blobText, fakeObjectUrls, renderWithI18n } from '../../support/attachmentHarness';

async function savedFiles() {
  const context = await attachmentVault();
  const photo = await context.store.save(new File(['picture bytes'], 'photo.png', { type: 'image/png' }), 'photo.png');
  const voice = await context.store.save(new File(['sound'], 'voice.m4a', { type: 'audio/mp4' }), 'voice.m4a');
  const doc = await context.store.save(new File(['%PDF'], 'letter.pdf', { type: 'application/pdf' }), 'letter.pdf');
  const open = vi.spyOn(context.store, 'open');
  return { ...context, photo, voice, doc, open };
}

const item = (name: string) => screen.getByText(name).closest('li') as HTMLElement;

describe('attachment list', () => {
  it('lists name, type, size and fingerprint without decrypting anything', async () => {
    const { photo, voice, doc, open } = await savedFiles();
    await renderWithI18n(<AttachmentList attachments={[photo, voice, doc]} />);
    const row = within(item('photo.png'));
    expect(row.getByText('image/png')).toBeTruthy();
    expect(row.getByText('13 bytes')).toBeTruthy();
    expect(row.getByText(`${photo.sha256.slice(0, 8)}…${photo.sha256.slice(-8)} (show in full)`)).toBeTruthy();
    expect(row.getByText(photo.sha256).closest('details')).toBeTruthy();
    expect(open).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull();
  });

  it('decrypts on "Show" and revokes the object URL on "Hide" and on unmount', async () => {
    const urls = fakeObjectUrls();
    const { photo, voice, doc, open } = await savedFiles();
    const view = await renderWithI18n(<AttachmentList attachments={[photo, voice, doc]} />);

    await userEvent.click(within(item('photo.png')).getByRole('button', { name: 'Show' }));
    const image = (await screen.findByRole('img', { name: 'photo.png' })) as HTMLImageElement;
    expect(open).toHaveBeenCalledOnce();
    expect(await blobText((urls.create.mock.calls[0] as unknown as [Blob])[0])).toBe('picture bytes');
    expect(image.src).toBe([...urls.live][0]);

    await userEvent.click(within(item('voice.m4a')).getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(item('voice.m4a').querySelector('audio[controls]')).toBeTruthy());

    await userEvent.click(within(item('letter.pdf')).getByRole('button', { name: 'Show' }));
    const link = await screen.findByRole('link', { name: 'Save a copy of “letter.pdf”' });
    expect(link.getAttribute('download')).toBe('letter.pdf');
    // Saved, never rendered as a page of the app.
    expect((urls.create.mock.calls[2] as unknown as [Blob])[0].type).toBe('application/octet-stream');
    expect(urls.live.size).toBe(3);

    await userEvent.click(within(item('photo.png')).getByRole('button', { name: 'Hide' }));
    expect(screen.queryByRole('img')).toBeNull();
    expect(urls.live.size).toBe(2);

    view.unmount();
    expect(urls.live.size).toBe(0);
    expect(trackedObjectUrlCount()).toBe(0);
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
