// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { MAX_ATTACHMENT_BYTES } from '../../../src/core/store/attachmentStore';
import { AttachmentPicker } from '../../../src/shared/incident/attachments/AttachmentPicker';
import { attachmentVault, blobText, renderWithI18n } from '../../support/attachmentHarness';

const png = (name: string, text = name) => new File([text], name, { type: 'image/png' });

describe('attachment picker', () => {
  it('offers the file picker and the camera as labelled file inputs', async () => {
    await attachmentVault();
    await renderWithI18n(<AttachmentPicker onAdded={() => undefined} />);
    const files = screen.getByLabelText('Add photos or files') as HTMLInputElement;
    expect(files.type).toBe('file');
    expect(files.multiple).toBe(true);
    expect(files.accept).toContain('image/*');
    const camera = screen.getByLabelText('Take a photo') as HTMLInputElement;
    expect(camera.getAttribute('capture')).toBe('environment');
    expect(camera.accept).toBe('image/*');
    expect(screen.getByText(/Each file can be up to 100 MB/)).toBeTruthy();
  });

  it('saves each chosen file encrypted and hands over its ref', async () => {
    const { store } = await attachmentVault();
    const added: AttachmentRef[] = [];
    await renderWithI18n(<AttachmentPicker onAdded={(ref) => added.push(ref)} />);
    await userEvent.upload(screen.getByLabelText('Add photos or files'), [png('one.png'), png('two.png')]);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('2 files added.'));
    expect(added.map((ref) => ref.name)).toEqual(['one.png', 'two.png']);
    expect(await blobText(await store.open(added[1] as AttachmentRef))).toBe('two.png');
  });

  it('records when each file was added (by this device’s clock, as its save started) and that it came through the form', async () => {
    await attachmentVault();
    const added: AttachmentRef[] = [];
    await renderWithI18n(<AttachmentPicker onAdded={(ref) => added.push(ref)} />);
    const before = new Date().toISOString();
    await userEvent.upload(screen.getByLabelText('Add photos or files'), [png('one.png'), png('two.png')]);
    await waitFor(() => expect(added).toHaveLength(2));
    const after = new Date().toISOString();
    for (const ref of added) {
      expect(ref.receivedVia).toBe('form');
      expect(ref.receivedAt !== undefined && ref.receivedAt >= before && ref.receivedAt <= after).toBe(true);
    }
    // One after the other: the second was started no earlier than the first.
    expect((added[0]?.receivedAt ?? '') <= (added[1]?.receivedAt ?? '')).toBe(true);
  });

  it('names a file over the limit and the limit, and still adds the others', async () => {
    await attachmentVault();
    const added: AttachmentRef[] = [];
    await renderWithI18n(<AttachmentPicker onAdded={(ref) => added.push(ref)} />);
    const huge = png('huge.png');
    Object.defineProperty(huge, 'size', { value: MAX_ATTACHMENT_BYTES + 5 * 1024 * 1024 });
    await userEvent.upload(screen.getByLabelText('Add photos or files'), [huge, png('fine.png')]);
    const alert = await screen.findByText(/“huge.png” was not added: it is 105 MB, and each file can be up to 100 MB/);
    expect(alert).toBeTruthy();
    expect(added.map((ref) => ref.name)).toEqual(['fine.png']);
  });

  it('keeps files already saved when storage runs out, and says what was not added', async () => {
    const { db } = await attachmentVault();
    const added: AttachmentRef[] = [];
    await renderWithI18n(<AttachmentPicker onAdded={(ref) => added.push(ref)} />);
    const bulkAdd = db.chunks.bulkAdd.bind(db.chunks);
    let calls = 0;
    vi.spyOn(db.chunks, 'bulkAdd').mockImplementation(((...args: Parameters<typeof bulkAdd>) =>
      ++calls === 1 ? bulkAdd(...args) : Promise.reject(new DOMException('full', 'QuotaExceededError'))) as typeof bulkAdd);
    await userEvent.upload(screen.getByLabelText('Add photos or files'), [png('a.png'), png('b.png'), png('c.png')]);
    expect(await screen.findByText(/“b.png” was not saved. This device is out of storage space/)).toBeTruthy();
    expect(screen.getByText('1 more file was not added.')).toBeTruthy();
    expect(added.map((ref) => ref.name)).toEqual(['a.png']);
    expect((await db.chunks.toArray()).every((row) => row.id.startsWith(`${added[0]?.id}:`))).toBe(true);
  });

  it('speaks Welsh', async () => {
    await attachmentVault();
    await renderWithI18n(<AttachmentPicker onAdded={() => undefined} />, 'cy');
    expect(screen.getByLabelText('Ychwanegu lluniau neu ffeiliau')).toBeTruthy();
    expect(screen.getByLabelText('Tynnu llun')).toBeTruthy();
  });
});
