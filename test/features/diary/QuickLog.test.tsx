// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { localDate } from '../../../src/core/model/calendarDate';
import { INCIDENT_LIMITS, type AttachmentRef } from '../../../src/core/model/incident';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { StorageError } from '../../../src/core/store/storageErrors';
import { blobText } from '../../support/attachmentHarness';
import { aLongThread, blobBytes } from './pastedText';
import { renderDiary, testDiary, testStores } from './renderDiary';

const box = () => screen.getByLabelText('What happened?') as HTMLTextAreaElement;
const typedFirst = 'Messages from J. ';
/** A long message thread, pasted after what was typed: 157,017 characters in the box. */
const thread = aLongThread(157_000);
const pastedName = () => `pasted-text-${localDate(new Date())}.txt`;
const offerText =
  'What you pasted is too long to keep as text here: with it, this box would hold 157,017 characters, and the limit is 100,000. ' +
  'Attach it to this incident as a text file instead?';

async function pastedIntoQuickLog(repository?: DiaryRepository, language = 'en-GB') {
  const diary = repository ?? (await testDiary());
  const user = userEvent.setup();
  await renderDiary(diary, '/', language);
  await user.click(box());
  await user.keyboard(typedFirst);
  await user.paste(thread);
  return { user, repository: diary };
}

async function storedText(repository: DiaryRepository, ref: AttachmentRef) {
  const blob = await testStores(repository).attachments.open(ref);
  return { text: await blobText(blob), bytes: await blobBytes(blob) };
}

describe('quick log: text too long to keep', () => {
  it('refuses typed text over the limit, says how long it is against the limit, and keeps it', async () => {
    const repository = await testDiary();
    await renderDiary(repository);
    const tooLong = 'x'.repeat(INCIDENT_LIMITS.longText + 1);
    fireEvent.change(box(), { target: { value: tooLong } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This is too long to save: 100,001 characters, and the limit is 100,000. Shorten it and try again.',
    );
    expect(box().value).toBe(tooLong);
    expect(box().getAttribute('aria-invalid')).toBe('true');
    expect(repository.snapshot().entries).toEqual([]);
  });

  it('offers a long paste as a text file; accepting stores it byte for byte and leaves the box as before the paste', async () => {
    const { user, repository } = await pastedIntoQuickLog();
    expect(box().value).toBe(typedFirst);
    expect(screen.getByText(offerText).getAttribute('role')).toBe('alert');
    await user.click(screen.getByRole('button', { name: 'Attach it as a text file' }));

    const attached = await screen.findByText(
      `The pasted text is attached as “${pastedName()}”, and is saved with this incident when you save it. The box is as it was before you pasted.`,
    );
    expect(attached.closest('[role="status"]')).toBeTruthy();
    expect(screen.queryByText(offerText)).toBeNull();
    expect(box().value).toBe(typedFirst);
    await waitFor(() => expect(document.activeElement).toBe(box()));
    expect(screen.getByRole('list', { name: 'Attached files' }).textContent).toContain(pastedName());

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved in your diary.');
    const [entry] = repository.snapshot().entries;
    expect(entry?.incident.whatHappened).toBe('Messages from J.');
    const [ref] = entry?.incident.attachments ?? [];
    if (!ref) throw new Error('no attachment saved');
    const utf8 = new TextEncoder().encode(thread);
    expect(ref).toMatchObject({ name: pastedName(), type: 'text/plain', size: utf8.length });
    const stored = await storedText(repository, ref);
    expect(Buffer.compare(Buffer.from(stored.bytes), Buffer.from(utf8))).toBe(0);
    expect(stored.text).toBe(thread);
    // A fresh quick log for the next entry.
    expect(box().value).toBe('');
    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();
  });

  it('asks for a few words of the person’s own before saving a paste attached to an empty box', async () => {
    const user = userEvent.setup();
    const repository = await testDiary();
    await renderDiary(repository);
    await user.click(box());
    await user.paste(thread);
    await user.click(screen.getByRole('button', { name: 'Attach it as a text file' }));
    await screen.findByRole('list', { name: 'Attached files' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        'Write a few words about what happened too, so that you can find this entry later. The pasted text is already attached.',
      ),
    ).toBeTruthy();
    expect(repository.snapshot().entries).toEqual([]);
    await user.type(box(), 'Thread from his new number');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved in your diary.');
    const [entry] = repository.snapshot().entries;
    expect(entry?.incident.whatHappened).toBe('Thread from his new number');
    expect((await storedText(repository, entry?.incident.attachments[0] as AttachmentRef)).text).toBe(thread);
  });

  it('puts the paste in the box when asked to, with the too-long message, and still refuses to save it', async () => {
    const { user, repository } = await pastedIntoQuickLog();
    await user.click(screen.getByRole('button', { name: 'Paste it here anyway' }));
    expect(box().value).toBe(typedFirst + thread);
    const message = 'This is too long to save: 157,017 characters, and the limit is 100,000. Shorten it and try again.';
    expect(screen.getByRole('alert').textContent).toBe(message);
    await waitFor(() => expect(document.activeElement).toBe(box()));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe(message);
    expect(box().value).toBe(typedFirst + thread);
    expect(repository.snapshot().entries).toEqual([]);
  });

  it('does not save while the offer waits for an answer, so the paste is not lost', async () => {
    const { user, repository } = await pastedIntoQuickLog();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('Choose what to do with the text you pasted first: attach it as a text file, or paste it here anyway.'),
    ).toBeTruthy();
    expect(screen.getByText(offerText)).toBeTruthy();
    expect(repository.snapshot().entries).toEqual([]);
  });

  it('keeps a waiting offer when a second long paste comes, says so, and attaches the first paste', async () => {
    const { user, repository } = await pastedIntoQuickLog();
    const second = 'B'.repeat(INCIDENT_LIMITS.longText + 1);
    await user.paste(second);
    const refused =
      'You pasted again, but the text you pasted before is still waiting: this paste was not put in. ' +
      'Choose what to do with the first one, then paste again.';
    expect(screen.getByText(refused).getAttribute('role')).toBe('alert');
    expect(screen.getByText(offerText)).toBeTruthy();
    expect(box().value).toBe(typedFirst);
    await user.click(screen.getByRole('button', { name: 'Attach it as a text file' }));
    await screen.findByRole('list', { name: 'Attached files' });
    expect(screen.queryByText(refused)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(repository.snapshot().entries).toHaveLength(1));
    const [ref] = repository.snapshot().entries[0]?.incident.attachments ?? [];
    if (!ref) throw new Error('no attachment saved');
    expect((await storedText(repository, ref)).text).toBe(thread);
  });

  it('keeps what was typed, and the attached paste, when the diary refuses to save it', async () => {
    const repository = await testDiary();
    // As the repository refuses an invalid incident: whatever the error, the screen keeps everything.
    const refusing = Object.assign(Object.create(repository) as DiaryRepository, {
      add: () => Promise.reject(new Error('incident refused')),
    });
    const { user } = await pastedIntoQuickLog(refusing);
    await user.click(screen.getByRole('button', { name: 'Attach it as a text file' }));
    await screen.findByRole('list', { name: 'Attached files' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Something went wrong. Nothing has been changed. Try again.')).toBeTruthy();
    expect(box().value).toBe(typedFirst);
    expect(screen.getByRole('list', { name: 'Attached files' }).textContent).toContain(pastedName());
    expect(repository.snapshot().entries).toEqual([]);
  });

  it('keeps the offer, with the reason, when the file cannot be stored, and can try again', async () => {
    const repository = await testDiary();
    vi.spyOn(testStores(repository).attachments, 'save').mockRejectedValueOnce(new StorageError('storage-full'));
    const { user } = await pastedIntoQuickLog(repository);
    await user.click(screen.getByRole('button', { name: 'Attach it as a text file' }));
    expect(await screen.findByText(`“${pastedName()}” was not saved. This device is out of storage space`, { exact: false })).toBeTruthy();
    expect(screen.getByText(offerText)).toBeTruthy();
    expect(box().value).toBe(typedFirst);
    await user.click(screen.getByRole('button', { name: 'Attach it as a text file' }));
    expect(await screen.findByRole('list', { name: 'Attached files' })).toBeTruthy();
    expect(screen.queryByText(/was not saved/)).toBeNull();
  });

  it('asks in Welsh', async () => {
    const repository = await testDiary();
    const user = userEvent.setup();
    await renderDiary(repository, '/', 'cy');
    await user.click(screen.getByLabelText('Beth ddigwyddodd?'));
    await user.paste(thread);
    expect(
      screen.getByText(
        "Mae'r hyn a ludoch chi yn rhy hir i'w gadw fel testun yma: gydag e, byddai'r blwch hwn yn dal 157,000 nod, a'r terfyn yw 100,000. " +
          "Hoffech chi ei atodi i'r digwyddiad hwn fel ffeil testun yn lle hynny?",
      ),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Ei ludo yma beth bynnag' }));
    expect(screen.getByRole('alert').textContent).toBe(
      "Mae hyn yn rhy hir i'w gadw: 157,000 nod, a'r terfyn yw 100,000. Gwnewch e'n fyrrach a rhowch gynnig arall arni.",
    );
    fireEvent.change(screen.getByLabelText('Beth ddigwyddodd?'), { target: { value: '' } });
    await user.click(screen.getByLabelText('Beth ddigwyddodd?'));
    await user.paste(thread);
    await user.paste(thread);
    expect(
      screen.getByText(
        "Fe wnaethoch chi ludo eto, ond mae'r testun a ludoch chi o'r blaen yn dal i aros: ni chafodd y testun hwn ei roi i mewn. " +
          "Dewiswch beth i'w wneud â'r un cyntaf, yna gludwch eto.",
      ),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Ei atodi fel ffeil testun' }));
    expect(
      await screen.findByText(
        `Mae'r testun a ludoch chi wedi'i atodi fel “${pastedName()}”, a chaiff ei gadw gyda'r digwyddiad hwn pan fyddwch chi'n ei gadw. ` +
          "Mae'r blwch fel yr oedd cyn i chi ludo.",
      ),
    ).toBeTruthy();
  });
});
