// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { hasUnsavedInput } from '../../../src/shared/hooks/unsavedInput';
import type { Incident } from '../../../src/core/model/incident';
import type { DiaryEntry } from '../../../src/core/store/diaryRepository';
import { createUnlockedStores } from '../../../src/core/vault/featureStores';
import { DraftStore, editDraftId, NEW_INCIDENT_DRAFT } from '../../../src/core/store/draftStore';
import { StorageError } from '../../../src/core/store/storageErrors';
import { DiaryContext, type DiaryContextValue } from '../../../src/shared/diary/diaryContext';
import { EditIncidentScreen } from '../../../src/features/diary/form/EditIncidentScreen';
import { NewIncidentScreen } from '../../../src/features/diary/form/NewIncidentScreen';
import { testI18n } from '../../support/i18n';
import { aDiaryEntry, aQuickIncident } from '../../support/incidentFactories';
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
    snapshot: { entries, links: [], deleted: [] },
    integrity: null,
    add: vi.fn(add ?? (async () => ENTRY_ID)),
    edit: vi.fn(async () => undefined),
    remove: vi.fn(async () => undefined),
    history: unused,
    records: unused,
    stores,
    makeBackup: unused,
    planRestore: unused,
    restore: unused,
  };
  return { ...vault, drafts, diary };
}

function Landed() {
  return <p data-testid="landed">{useParams().id}</p>;
}

async function renderAt(path: string, diary: DiaryContextValue) {
  const i18n = await testI18n();
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
    );
    expect(diary.add).not.toHaveBeenCalled();
    expect(await drafts.load(editDraftId(ENTRY_ID))).toBeUndefined();
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
