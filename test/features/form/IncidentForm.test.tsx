// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { hasUnsavedInput } from '../../../src/shared/hooks/unsavedInput';
import type { Incident } from '../../../src/core/model/incident';
import { EntryChangedError, type DiaryEntry } from '../../../src/core/store/diaryRepository';
import { createUnlockedStores } from '../../../src/core/vault/featureStores';
import { DraftStore, editDraftId, NEW_INCIDENT_DRAFT } from '../../../src/core/store/draftStore';
import { StorageError } from '../../../src/core/store/storageErrors';
import { DiaryContext, type DiaryContextValue } from '../../../src/shared/diary/diaryContext';
import { EditIncidentScreen } from '../../../src/features/diary/form/EditIncidentScreen';
import { NewIncidentScreen } from '../../../src/features/diary/form/NewIncidentScreen';
import { testI18n } from '../../support/i18n';
import { aDiaryEntry, aQuickIncident } from '../../support/incidentFactories';
import { blobText } from '../../support/attachmentHarness';
import { localDate } from '../../../src/core/model/calendarDate';
import { INCIDENT_LIMITS, type AttachmentRef } from '../../../src/core/model/incident';
import { aLongThread, blobBytes } from '../diary/pastedText';
import { createdVault } from '../../support/vault';

const ENTRY_ID = 'entry-0001';

async function setup({
  entries = [] as DiaryEntry[],
  add,
}: { entries?: DiaryEntry[]; add?: (incident: Incident) => Promise<string> } = {}) {
  const vault = await createdVault();
  const stores = createUnlockedStores(vault.vault);
  const drafts = stores.drafts;
  // The form's own writes are watched; nothing here reads the diary's records.
  const unused = () => {
    throw new Error('not used by the form');
  };
  const diary: DiaryContextValue = {
    state: 'ready',
    snapshot: { entries, orders: [], links: [], deleted: [] },
    integrity: null,
    checkFailed: false,
    seal: { state: 'sealed' },
    sealFindings: [],
    fingerprintsNotContained: [],
    treeHead: unused,
    add: vi.fn(add ?? (async () => ENTRY_ID)),
    edit: vi.fn(async () => undefined),
    remove: vi.fn(async () => undefined),
    addOrder: vi.fn(async () => 'order-1'),
    editOrder: vi.fn(async () => undefined),
    history: unused,
    records: unused,
    stores,
    makeBackup: unused,
    planRestore: unused,
    restore: unused,
    confirmPassphrase: unused,
  };
  return { ...vault, drafts, diary };
}

function Landed() {
  return <p data-testid="landed">{useParams().id}</p>;
}

async function renderAt(path: string, diary: DiaryContextValue, language = 'en-GB') {
  const i18n = await testI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <DiaryContext.Provider value={diary}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/" element={<p data-testid="home" />} />
            <Route path="/incidents/new" element={<NewIncidentScreen />} />
            <Route path="/incidents/:id" element={<Landed />} />
            <Route path="/incidents/:id/edit" element={<EditIncidentScreen />} />
          </Routes>
        </MemoryRouter>
      </DiaryContext.Provider>
    </I18nextProvider>,
  );
}

const whatHappened = () => screen.findByLabelText('What happened?');

/** The one entry under edit: written on 20 November 2026 at 21:15, recorded a quarter of an hour later. */
const entry = (fields: Partial<Incident>, revisions = 1): DiaryEntry =>
  aDiaryEntry(aQuickIncident(fields, new Date('2026-11-20T21:15:00')), {
    id: ENTRY_ID,
    firstRecordedAt: '2026-11-20T21:30:00.000Z',
    revisions,
  });

describe('new incident form', () => {
  it('has every field, labelled, with prompts, and a Save button', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    const text = await whatHappened();
    expect(text.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(text.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/exact words/);
    for (const label of [
      'Where did it happen?',
      'Who did it?',
      'Evidence kept somewhere else',
      'How did it make you feel?',
      'What has it changed in your daily life?',
      'Date',
      'Time',
    ]) {
      expect(screen.getByLabelText(label), label).toBeTruthy();
    }
    for (const legend of [
      'When did it happen?',
      'What did they do?',
      'Witnesses',
      'Have you reported it to the police?',
      'Photos, screenshots and files',
    ]) {
      expect(screen.getByRole('group', { name: legend }), legend).toBeTruthy();
    }
    expect(screen.getAllByRole('checkbox')).toHaveLength(16);
    expect(screen.getByRole('checkbox', { name: 'Damaged my property' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();
    // Defaults to now.
    expect((screen.getByLabelText('Date') as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses an empty incident, with the error tied to the field and listed at the top', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    await userEvent.click(await screen.findByRole('button', { name: 'Save' }));
    const message = 'Write what happened, or tick what they did.';
    const field = await whatHappened();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const described = (field.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain(message);
    expect(screen.getByRole('link', { name: `What happened?: ${message}` })).toBeTruthy();
    expect(document.activeElement?.className).toBe('incident-error-summary');
    expect(diary.add).not.toHaveBeenCalled();
    // A behaviour alone is enough.
    await userEvent.click(screen.getByRole('checkbox', { name: 'Followed me' }));
    expect(screen.queryByText(message)).toBeNull();
  });

  it('checks dates: missing, in the future, and a range the wrong way round', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    await userEvent.type(await whatHappened(), 'Outside the flat');
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Enter the date it happened.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2999-01-01' } });
    expect(screen.getByText('That date is in the future.')).toBeTruthy();
    await userEvent.click(screen.getByRole('radio', { name: 'Roughly: I am not sure exactly when' }));
    fireEvent.change(screen.getByLabelText('Not before (optional)'), { target: { value: '2026-03-10' } });
    fireEvent.change(screen.getByLabelText('Not after (optional)'), { target: { value: '2026-03-01' } });
    expect(screen.getByText('This date is before the “not before” date.')).toBeTruthy();
    expect(diary.add).not.toHaveBeenCalled();
  });

  it('saves a full incident, tidied and validated, then opens it and throws the draft away', async () => {
    const { diary, drafts } = await setup();
    await renderAt('/incidents/new', diary);
    await userEvent.type(await whatHappened(), '  He said "I know where you live"  ');
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-11-20' } });
    fireEvent.change(screen.getByLabelText('Time'), { target: { value: '21:15' } });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Threatened me or someone close to me' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Followed me' }));
    await userEvent.type(screen.getByLabelText('Where did it happen?'), 'Bus stop, Station Road');
    await userEvent.type(screen.getByLabelText('Who did it?'), 'My ex, J.');
    await userEvent.click(screen.getByRole('button', { name: 'Add a witness' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add a witness' }));
    await userEvent.type(screen.getAllByLabelText('Name')[0] as HTMLElement, 'Sam');
    await userEvent.type(screen.getAllByLabelText('How to reach them')[0] as HTMLElement, '07700 900123');
    await userEvent.type(screen.getByLabelText('Evidence kept somewhere else'), 'Texts on my old phone');
    await userEvent.click(screen.getByRole('radio', { name: 'Yes' }));
    await userEvent.type(screen.getByLabelText('Crime reference number'), 'CR/1234/26');
    await userEvent.type(screen.getByLabelText('Officer dealing with it'), 'PC Jones 4411');
    await userEvent.type(screen.getByLabelText('How did it make you feel?'), 'Scared');
    await userEvent.type(screen.getByLabelText('What has it changed in your daily life?'), 'I take a taxi home');
    expect(hasUnsavedInput()).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByTestId('landed')).toHaveProperty('textContent', ENTRY_ID);
    expect(diary.add).toHaveBeenCalledWith({
      when: { kind: 'exact', date: '2026-11-20', time: '21:15' },
      where: 'Bus stop, Station Road',
      whatHappened: 'He said "I know where you live"',
      behaviours: ['following', 'threats'],
      whoDidIt: 'My ex, J.',
      witnesses: [{ name: 'Sam', contact: '07700 900123' }],
      evidenceElsewhere: 'Texts on my old phone',
      attachments: [],
      reported: { reported: true, policeReference: 'CR/1234/26', officer: 'PC Jones 4411' },
      effect: { howItFelt: 'Scared', whatItChanged: 'I take a taxi home' },
      // Every version saved since issue 16 holds these, even empty.
      breaches: [],
      told: [],
      privateNotes: '',
    });
    expect(await drafts.load(NEW_INCIDENT_DRAFT)).toBeUndefined();
    expect(hasUnsavedInput()).toBe(false);
  });

  it('keeps a failed save on screen with the reason, and keeps the draft', async () => {
    const { diary, drafts } = await setup({ add: () => Promise.reject(new StorageError('storage-full')) });
    await renderAt('/incidents/new', diary);
    await userEvent.type(await whatHappened(), 'Parked outside again');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/This device is out of storage space/)).toBeTruthy();
    expect(screen.getByText('Your incident was not saved. Everything you typed is still here.')).toBeTruthy();
    expect((await whatHappened()).textContent).toBe('Parked outside again');
    await waitFor(async () => expect((await drafts.load(NEW_INCIDENT_DRAFT))?.incident.whatHappened).toBe('Parked outside again'));
    expect(hasUnsavedInput()).toBe(true);
  });
});

describe('drafts', () => {
  it('keeps the draft a moment after typing stops', async () => {
    const { diary, drafts } = await setup();
    const view = await renderAt('/incidents/new', diary);
    await userEvent.type(await whatHappened(), 'A car followed me');
    await waitFor(async () => expect((await drafts.load(NEW_INCIDENT_DRAFT))?.incident.whatHappened).toBe('A car followed me'), {
      timeout: 3000,
    });
    expect(await screen.findByText(/Draft kept on this device at/)).toBeTruthy();
    view.unmount();
  });

  it('keeps what was just typed when Lock is pressed, although the lock follows at once', async () => {
    const { diary, drafts, db, session } = await setup();
    const view = await renderAt('/incidents/new', diary);
    const key = session.dataKey();
    fireEvent.change(await whatHappened(), { target: { value: 'Typed a moment before locking' } });
    // Pressing Lock: the press, then the lock, then the form goes away.
    fireEvent.pointerDown(document.body);
    session.lock();
    view.unmount();
    const reader = new DraftStore(db, () => key);
    await waitFor(async () => expect((await reader.load(NEW_INCIDENT_DRAFT))?.incident.whatHappened).toBe('Typed a moment before locking'));
    await expect(drafts.load(NEW_INCIDENT_DRAFT)).rejects.toThrow();
  });

  it('keeps what was typed when the form goes away, and offers it back when it opens again', async () => {
    const { diary, drafts } = await setup();
    const first = await renderAt('/incidents/new', diary);
    fireEvent.change(await whatHappened(), { target: { value: 'Flowers left on the car' } });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Sent or left gifts or things' }));
    first.unmount();
    await waitFor(async () => expect(await drafts.load(NEW_INCIDENT_DRAFT)).toBeDefined());

    await renderAt('/incidents/new', diary);
    expect(await screen.findByText(/You have an unsaved draft from/)).toBeTruthy();
    expect(screen.getByText('It begins: “Flowers left on the car”')).toBeTruthy();
    expect(screen.queryByLabelText('What happened?')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Continue with it' }));
    expect((await whatHappened()).textContent).toBe('Flowers left on the car');
    expect((screen.getByRole('checkbox', { name: 'Sent or left gifts or things' }) as HTMLInputElement).checked).toBe(true);
  });

  it('throws an offered draft away only after a second press', async () => {
    const { diary, drafts } = await setup();
    await drafts.save(NEW_INCIDENT_DRAFT, {
      incident: aQuickIncident({ whatHappened: 'Old draft' }, new Date()),
      savedAt: new Date().toISOString(),
    });
    await renderAt('/incidents/new', diary);
    await userEvent.click(await screen.findByRole('button', { name: 'Discard it' }));
    expect(await drafts.load(NEW_INCIDENT_DRAFT)).toBeDefined();
    await userEvent.click(screen.getByRole('button', { name: 'No, keep it' }));
    await userEvent.click(screen.getByRole('button', { name: 'Discard it' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, throw it away' }));
    expect((await whatHappened()).textContent).toBe('');
    expect(await drafts.load(NEW_INCIDENT_DRAFT)).toBeUndefined();
  });

  it('Cancel with something typed asks first; keeping the draft leaves it to be offered back', async () => {
    const { diary, drafts } = await setup();
    await renderAt('/incidents/new', diary);
    await userEvent.type(await whatHappened(), 'Half written');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('heading', { name: 'Leave without saving?' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Leave and keep the draft' }));
    expect(await screen.findByTestId('home')).toBeTruthy();
    await waitFor(async () => expect((await drafts.load(NEW_INCIDENT_DRAFT))?.incident.whatHappened).toBe('Half written'));
  });

  it('typing back to nothing leaves no draft behind', async () => {
    const { diary, drafts } = await setup();
    await renderAt('/incidents/new', diary);
    const field = await whatHappened();
    fireEvent.change(field, { target: { value: 'x' } });
    fireEvent.blur(field);
    await waitFor(async () => expect(await drafts.load(NEW_INCIDENT_DRAFT)).toBeDefined());
    fireEvent.change(field, { target: { value: '' } });
    fireEvent.blur(field);
    await waitFor(async () => expect(await drafts.load(NEW_INCIDENT_DRAFT)).toBeUndefined());
    expect(hasUnsavedInput()).toBe(false);
  });
});

describe('editing an incident', () => {
  it('starts from the saved content and saves through edit (a new revision)', async () => {
    const { diary, drafts } = await setup({ entries: [entry({ whatHappened: 'Original words', behaviours: ['loitering'] })] });
    await renderAt(`/incidents/${ENTRY_ID}/edit`, diary);
    expect(await screen.findByRole('heading', { name: 'Edit incident' })).toBeTruthy();
    const field = await whatHappened();
    expect(field.textContent).toBe('Original words');
    expect(hasUnsavedInput()).toBe(false);
    await userEvent.type(field, ', and more');
    fireEvent.blur(field);
    await waitFor(async () => expect((await drafts.load(editDraftId(ENTRY_ID)))?.baseRevision).toBe(1));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('landed')).toHaveProperty('textContent', ENTRY_ID);
    expect(diary.edit).toHaveBeenCalledWith(
      ENTRY_ID,
      expect.objectContaining({ whatHappened: 'Original words, and more', behaviours: ['loitering'] }),
      1, // the version being edited: a newer one saved elsewhere refuses the edit
    );
    expect(diary.add).not.toHaveBeenCalled();
    expect(await drafts.load(editDraftId(ENTRY_ID))).toBeUndefined();
  });

  it('an edit refused because another tab changed the incident first says so, and keeps what was typed', async () => {
    const { diary } = await setup({ entries: [entry({ whatHappened: 'Original words' })] });
    vi.mocked(diary.edit).mockRejectedValueOnce(new EntryChangedError(ENTRY_ID));
    await renderAt(`/incidents/${ENTRY_ID}/edit`, diary);
    const field = await whatHappened();
    await userEvent.type(field, ', and more');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/changed or deleted in another tab or window since you opened it/)).toBeTruthy();
    expect((await whatHappened()).textContent).toBe('Original words, and more');
    expect(screen.queryByTestId('landed')).toBeNull();
  });

  it('adds no revision when nothing changed', async () => {
    const { diary } = await setup({ entries: [entry({ whatHappened: 'Same' })] });
    await renderAt(`/incidents/${ENTRY_ID}/edit`, diary);
    await userEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('landed')).toBeTruthy();
    expect(diary.edit).not.toHaveBeenCalled();
  });

  it('warns when the entry changed after the draft was started', async () => {
    const { diary, drafts } = await setup({ entries: [entry({ whatHappened: 'Now' }, 3)] });
    await drafts.save(editDraftId(ENTRY_ID), {
      incident: entry({ whatHappened: 'Draft' }).incident,
      savedAt: new Date().toISOString(),
      baseRevision: 2,
    });
    await renderAt(`/incidents/${ENTRY_ID}/edit`, diary);
    expect(await screen.findByText(/has been changed since the draft was started/)).toBeTruthy();
  });

  it('says so when the incident is not in the diary', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/nope/edit', diary);
    expect(await screen.findByText(/This incident is not in your diary/)).toBeTruthy();
    await act(async () => undefined);
  });
});

describe('text too long to keep', () => {
  const LONG = INCIDENT_LIMITS.longText;
  const SHORT = INCIDENT_LIMITS.shortText;
  const tooLong = (length: number, limit: number) =>
    `This is too long to save: ${length.toLocaleString('en-GB')} characters, and the limit is ${limit.toLocaleString('en-GB')}. Shorten it and try again.`;
  const describedBy = (field: HTMLElement) =>
    (field.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
  const thread = aLongThread(157_000);
  const pastedName = () => `pasted-text-${localDate(new Date())}.txt`;
  const offer = (length: string) =>
    `What you pasted is too long to keep as text here: with it, this box would hold ${length} characters, and the limit is 100,000. Attach it to this incident as a text file instead?`;
  const attached = () =>
    `The pasted text is attached as “${pastedName()}”, and is saved with this incident when you save it. The box is as it was before you pasted.`;

  async function readBack(diary: DiaryContextValue, ref: AttachmentRef) {
    const blob = await diary.stores.attachments.open(ref);
    return { text: await blobText(blob), bytes: await blobBytes(blob) };
  }

  it('says on every free-text field that it is too long, with its length against the limit, lists them on saving, and keeps them', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    const user = userEvent.setup();
    await whatHappened();
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('button', { name: 'Add a witness' }));
    const fields: [label: string, length: number, limit: number][] = [
      ['What happened?', LONG + 1, LONG],
      ['Where did it happen?', LONG + 2, LONG],
      ['Who did it?', LONG + 3, LONG],
      ['Evidence kept somewhere else', LONG + 4, LONG],
      ['Crime reference number', SHORT + 1, SHORT],
      ['Officer dealing with it', SHORT + 2, SHORT],
      ['How did it make you feel?', LONG + 5, LONG],
      ['What has it changed in your daily life?', LONG + 6, LONG],
      ['Name', SHORT + 3, SHORT],
      ['How to reach them', SHORT + 4, SHORT],
    ];
    for (const [label, length] of fields) fireEvent.change(screen.getByLabelText(label), { target: { value: 'y'.repeat(length) } });
    // At once, before any attempt to save: the field says so.
    for (const [label, length, limit] of fields) {
      const field = screen.getByLabelText(label);
      expect(field.getAttribute('aria-invalid'), label).toBe('true');
      expect(describedBy(field), label).toContain(tooLong(length, limit));
    }
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(document.activeElement?.className).toBe('incident-error-summary');
    for (const [label, length, limit] of fields.slice(0, 8)) {
      expect(screen.getByRole('link', { name: `${label}: ${tooLong(length, limit)}` }), label).toBeTruthy();
    }
    expect(
      screen.getByRole('link', {
        name: "Witnesses: A witness's name or contact details are too long to save: each can be up to 1,000 characters. Shorten them and try again.",
      }),
    ).toBeTruthy();
    for (const [label, length] of fields) expect((screen.getByLabelText(label) as HTMLInputElement).value.length, label).toBe(length);
    expect(diary.add).not.toHaveBeenCalled();
  });

  it('checks “Roughly when?” too', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    await userEvent.click(await screen.findByRole('radio', { name: 'Roughly: I am not sure exactly when' }));
    fireEvent.change(screen.getByLabelText('Roughly when?'), { target: { value: 'z'.repeat(LONG + 1) } });
    await userEvent.type(await whatHappened(), 'Weeks of it');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('link', { name: `Roughly when?: ${tooLong(LONG + 1, LONG)}` })).toBeTruthy();
    expect((screen.getByLabelText('Roughly when?') as HTMLInputElement).value.length).toBe(LONG + 1);
    expect(diary.add).not.toHaveBeenCalled();
  });

  it('refuses overlong text when editing, and keeps it', async () => {
    const { diary } = await setup({ entries: [entry({ whatHappened: 'Original words' })] });
    await renderAt(`/incidents/${ENTRY_ID}/edit`, diary);
    const field = await whatHappened();
    const text = 'w'.repeat(LONG + 1);
    fireEvent.change(field, { target: { value: text } });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('link', { name: `What happened?: ${tooLong(LONG + 1, LONG)}` })).toBeTruthy();
    expect((field as HTMLTextAreaElement).value).toBe(text);
    expect(diary.edit).not.toHaveBeenCalled();
  });

  it('keeps everything on screen when the diary refuses the save, whatever the reason', async () => {
    // As the repository does with an incident it will not store.
    const { diary } = await setup({ add: () => Promise.reject(new Error('incident refused')) });
    await renderAt('/incidents/new', diary);
    await userEvent.type(await whatHappened(), 'Parked outside again');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Your incident was not saved. Everything you typed is still here.')).toBeTruthy();
    expect(screen.getByText('Something went wrong. Nothing has been changed. Try again.')).toBeTruthy();
    expect(((await whatHappened()) as HTMLTextAreaElement).value).toBe('Parked outside again');
  });

  it('offers a long paste into “What happened?” as a text file; accepting attaches it byte for byte and leaves the field as it was', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    const user = userEvent.setup();
    const field = (await whatHappened()) as HTMLTextAreaElement;
    await user.type(field, 'The thread he sent: ');
    await user.paste(thread);
    expect(field.value).toBe('The thread he sent: ');
    expect(screen.getByText(offer('157,020')).getAttribute('role')).toBe('alert');
    await user.click(screen.getByRole('button', { name: 'Attach it as a text file' }));
    expect((await screen.findByText(attached())).closest('[role="status"]')).toBeTruthy();
    expect(field.value).toBe('The thread he sent: ');
    await waitFor(() => expect(document.activeElement).toBe(field));
    const files = screen.getByRole('group', { name: 'Photos, screenshots and files' });
    expect(within(files).getByRole('list', { name: 'Attached files' }).textContent).toContain(pastedName());

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('landed')).toBeTruthy();
    const saved = vi.mocked(diary.add).mock.calls[0]?.[0];
    expect(saved?.whatHappened).toBe('The thread he sent:');
    const [ref] = saved?.attachments ?? [];
    if (!ref) throw new Error('no attachment saved');
    const utf8 = new TextEncoder().encode(thread);
    expect(ref).toMatchObject({ name: pastedName(), type: 'text/plain', size: utf8.length });
    const stored = await readBack(diary, ref);
    expect(Buffer.compare(Buffer.from(stored.bytes), Buffer.from(utf8))).toBe(0);
    expect(stored.text).toBe(thread);
  });

  it('offers the same in the other long text fields', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    const user = userEvent.setup();
    await user.type(await whatHappened(), 'Voicemails');
    const feelings = screen.getByLabelText('How did it make you feel?') as HTMLTextAreaElement;
    await user.click(feelings);
    await user.paste(thread);
    expect(screen.getByText(offer('157,000'))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Attach it as a text file' }));
    await screen.findByText(attached());
    expect(feelings.value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('landed')).toBeTruthy();
    const saved = vi.mocked(diary.add).mock.calls[0]?.[0];
    expect(saved?.effect.howItFelt).toBe('');
    expect((await readBack(diary, saved?.attachments[0] as AttachmentRef)).text).toBe(thread);
  });

  it('puts the paste in the field when asked to, with the too-long message on it', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    const user = userEvent.setup();
    const field = (await whatHappened()) as HTMLTextAreaElement;
    await user.click(field);
    await user.paste(thread);
    await user.click(screen.getByRole('button', { name: 'Paste it here anyway' }));
    expect(field.value).toBe(thread);
    expect(screen.queryByText(offer('157,000'))).toBeNull();
    expect(describedBy(field)).toContain(tooLong(157_000, LONG));
    await waitFor(() => expect(document.activeElement).toBe(field));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('link', { name: `What happened?: ${tooLong(157_000, LONG)}` })).toBeTruthy();
    expect(diary.add).not.toHaveBeenCalled();
  });

  it('does not save or leave silently while an offer waits for an answer', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    const user = userEvent.setup();
    await user.click(await whatHappened());
    await user.paste(thread);
    await user.click(screen.getByRole('checkbox', { name: 'Followed me' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      screen.getByRole('link', {
        name: 'What happened?: Choose what to do with the text you pasted first: attach it as a text file, or paste it here anyway.',
      }),
    ).toBeTruthy();
    expect(diary.add).not.toHaveBeenCalled();
    expect(hasUnsavedInput()).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Attach it as a text file' }));
    await screen.findByText(attached());
    await waitFor(() => expect(screen.queryAllByText(/Choose what to do with the text you pasted/)).toEqual([]));
  });

  it('keeps a waiting offer when a second long paste comes, says so, and attaches the first paste', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    const user = userEvent.setup();
    const field = (await whatHappened()) as HTMLTextAreaElement;
    await user.type(field, 'The thread he sent: ');
    await user.paste(thread);
    await user.paste('B'.repeat(LONG + 1));
    const refused = screen.getByText(
      'You pasted again, but the text you pasted before is still waiting: this paste was not put in. ' +
        'Choose what to do with the first one, then paste again.',
    );
    expect(refused.getAttribute('role')).toBe('alert');
    expect(screen.getByText(offer('157,020'))).toBeTruthy();
    expect(field.value).toBe('The thread he sent: ');
    await user.click(screen.getByRole('button', { name: 'Attach it as a text file' }));
    await screen.findByText(attached());
    expect(screen.queryByText(/You pasted again/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('landed')).toBeTruthy();
    const saved = vi.mocked(diary.add).mock.calls[0]?.[0];
    expect(saved?.attachments).toHaveLength(1);
    expect((await readBack(diary, saved?.attachments[0] as AttachmentRef)).text).toBe(thread);
  });

  const pasteOnLeave =
    'The text you pasted is still waiting for your answer. If you keep the draft, the pasted text is kept in it, in the box you pasted it into ' +
    '(it is too long to save there as it is). To attach it as a text file instead, choose “Keep writing”.';

  it('on Cancel with an offer waiting, says so, and keeping the draft keeps the paste in it', async () => {
    const { diary, drafts } = await setup();
    await renderAt('/incidents/new', diary);
    const user = userEvent.setup();
    await user.type(await whatHappened(), 'The thread he sent: ');
    const feelings = screen.getByLabelText('How did it make you feel?');
    await user.click(feelings);
    await user.paste(thread);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText(pasteOnLeave)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Leave and keep the draft' }));
    expect(await screen.findByTestId('home')).toBeTruthy();
    await waitFor(async () => expect((await drafts.load(NEW_INCIDENT_DRAFT))?.incident.effect.howItFelt).toBe(thread));
    expect((await drafts.load(NEW_INCIDENT_DRAFT))?.incident.whatHappened).toBe('The thread he sent: ');
  });

  it('keeps the paste in the draft even when nothing else was typed, and “Keep writing” goes back to it', async () => {
    const { diary, drafts } = await setup();
    await renderAt('/incidents/new', diary);
    const user = userEvent.setup();
    const field = await whatHappened();
    await user.click(field);
    await user.paste(thread);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText(pasteOnLeave)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Keep writing' }));
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(screen.getByText(offer('157,000'))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Leave and keep the draft' }));
    expect(await screen.findByTestId('home')).toBeTruthy();
    await waitFor(async () => expect((await drafts.load(NEW_INCIDENT_DRAFT))?.incident.whatHappened).toBe(thread));
  });

  it('says all of it in Welsh', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary, 'cy');
    const user = userEvent.setup();
    const field = (await screen.findByLabelText('Beth ddigwyddodd?')) as HTMLTextAreaElement;
    await user.click(field);
    await user.paste(thread);
    expect(
      screen.getByText(
        "Mae'r hyn a ludoch chi yn rhy hir i'w gadw fel testun yma: gydag e, byddai'r blwch hwn yn dal 157,000 nod, a'r terfyn yw 100,000. " +
          "Hoffech chi ei atodi i'r digwyddiad hwn fel ffeil testun yn lle hynny?",
      ),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ei atodi fel ffeil testun' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Canslo' }));
    expect(
      screen.getByText(
        "Mae'r testun a ludoch chi yn dal i aros am eich ateb. Os byddwch chi'n cadw'r drafft, caiff y testun a ludoch chi ei gadw ynddo, " +
          "yn y blwch lle gwnaethoch chi ei ludo (mae'n rhy hir i'w gadw yno fel y mae). I'w atodi fel ffeil testun yn lle hynny, dewiswch “Dal ati i ysgrifennu”.",
      ),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Dal ati i ysgrifennu' }));
    await user.click(screen.getByRole('button', { name: 'Ei ludo yma beth bynnag' }));
    expect(describedBy(field)).toContain(
      "Mae hyn yn rhy hir i'w gadw: 157,000 nod, a'r terfyn yw 100,000. Gwnewch e'n fyrrach a rhowch gynnig arall arni.",
    );
    expect(document.body.textContent).not.toMatch(/\b(errors|paste)\.\w+/);
  });
});
