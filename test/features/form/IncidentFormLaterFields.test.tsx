// @vitest-environment jsdom
// The incident form's fields that came with orders (issue 16): breaches of an order's
// conditions, who was told, and private notes; and a breach whose condition is gone.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../../src/core/model/incident';
import type { CourtOrder } from '../../../src/core/model/order';
import type { DiaryEntry, OrderEntry } from '../../../src/core/store/diaryRepository';
import { NEW_INCIDENT_DRAFT } from '../../../src/core/store/draftStore';
import { createUnlockedStores } from '../../../src/core/vault/featureStores';
import { EditIncidentScreen } from '../../../src/features/diary/form/EditIncidentScreen';
import { NewIncidentScreen } from '../../../src/features/diary/form/NewIncidentScreen';
import { DiaryContext, type DiaryContextValue } from '../../../src/shared/diary/diaryContext';
import { testI18n } from '../../support/i18n';
import { aDiaryEntry, aQuickIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

const ENTRY_ID = 'entry-0001';

const SPO: CourtOrder = {
  type: 'order',
  kind: 'spo',
  title: '',
  court: 'Leeds Magistrates',
  attachments: [],
  conditions: [
    { id: 'cond-100m', text: 'Must not come within 100 metres of 12 Station Road' },
    { id: 'cond-contact', text: 'Must not contact me directly or through others' },
  ],
};

const anOrder = (id: string, order: CourtOrder): OrderEntry => ({
  id,
  order,
  firstRecordedAt: '2026-10-01T09:00:00.000Z',
  lastRecordedAt: '2026-10-01T09:00:00.000Z',
  revisions: 1,
});

async function setup({ entries = [] as DiaryEntry[], orders = [] as OrderEntry[] } = {}) {
  const vault = await createdVault();
  const stores = createUnlockedStores(vault.vault);
  const unused = () => {
    throw new Error('not used by the form');
  };
  const diary: DiaryContextValue = {
    state: 'ready',
    snapshot: { entries, orders, links: [], deleted: [] },
    integrity: null,
    checkFailed: false,
    seal: { state: 'sealed' },
    sealFindings: [],
    fingerprintsNotContained: [],
    treeHead: unused,
    add: vi.fn(async (_incident: Incident) => ENTRY_ID),
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
  return { diary, drafts: stores.drafts };
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
            <Route path="/incidents/new" element={<NewIncidentScreen />} />
            <Route path="/incidents/:id" element={<Landed />} />
            <Route path="/incidents/:id/edit" element={<EditIncidentScreen />} />
          </Routes>
        </MemoryRouter>
      </DiaryContext.Provider>
    </I18nextProvider>,
  );
}

const entry = (fields: Partial<Incident>): DiaryEntry =>
  aDiaryEntry(aQuickIncident(fields, new Date('2026-11-20T21:15:00')), { id: ENTRY_ID, firstRecordedAt: '2026-11-20T21:30:00.000Z' });

describe('incident form: breaches, who was told, private notes', () => {
  it('offers no "Breaches a condition" when the diary has no orders', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    await screen.findByLabelText('What happened?');
    expect(screen.queryByRole('group', { name: 'Breaches a condition' })).toBeNull();
    expect(screen.getByRole('group', { name: 'Who did you tell?' })).toBeTruthy();
    expect(screen.getByLabelText('Private notes')).toBeTruthy();
  });

  it('ticks a breach, adds someone told and private notes, and saves all three', async () => {
    const { diary, drafts } = await setup({ orders: [anOrder('order-1', SPO)] });
    await renderAt('/incidents/new', diary);
    await userEvent.type(await screen.findByLabelText('What happened?'), 'Drove past the house twice');

    const breaches = screen.getByRole('group', { name: 'Breaches a condition' });
    expect(within(breaches).getByText(/Log every breach, even small ones/)).toBeTruthy();
    const order = within(breaches).getByRole('group', { name: 'Stalking Protection Order' });
    await userEvent.click(within(order).getByRole('checkbox', { name: 'Must not come within 100 metres of 12 Station Road' }));

    const told = screen.getByRole('group', { name: 'Who did you tell?' });
    await userEvent.click(within(told).getByRole('button', { name: 'Add someone you told' }));
    const person = within(told).getByRole('group', { name: 'Person told 1' });
    await userEvent.type(within(person).getByLabelText('Who'), 'My sister');
    await userEvent.selectOptions(within(person).getByLabelText('How'), 'Called 999');
    await userEvent.type(within(person).getByLabelText('Date (optional)'), '2026-11-20');
    await userEvent.type(within(person).getByLabelText('Time (optional)'), '21:40');

    const notes = screen.getByLabelText('Private notes');
    const hint = document.getElementById(notes.getAttribute('aria-describedby')?.split(' ')[0] ?? '');
    expect(hint?.textContent).toMatch(/never put in any report, package or spreadsheet unless you tick them/);
    expect(hint?.textContent).toMatch(/a report may be seen by the other side/);
    await userEvent.type(notes, 'I think he wants me to see him');

    // The draft keeps all three too.
    await userEvent.tab();
    await waitFor(async () =>
      expect((await drafts.load(NEW_INCIDENT_DRAFT))?.incident.privateNotes).toBe('I think he wants me to see him'),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('landed')).toHaveProperty('textContent', ENTRY_ID);
    expect(diary.add).toHaveBeenCalledWith(
      expect.objectContaining({
        breaches: [{ orderId: 'order-1', conditionId: 'cond-100m' }],
        told: [{ who: 'My sister', how: '999', date: '2026-11-20', time: '21:40' }],
        privateNotes: 'I think he wants me to see him',
      }),
    );
  });

  it('says a time given without a date needs one, in the field and the summary', async () => {
    const { diary } = await setup();
    await renderAt('/incidents/new', diary);
    await userEvent.type(await screen.findByLabelText('What happened?'), 'Called me');
    const told = screen.getByRole('group', { name: 'Who did you tell?' });
    await userEvent.click(within(told).getByRole('button', { name: 'Add someone you told' }));
    await userEvent.type(within(told).getByLabelText('Who'), 'Paladin');
    await userEvent.type(within(told).getByLabelText('Time (optional)'), '10:00');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('link', { name: 'Who did you tell?: Enter the date too, or leave the time blank.' })).toBeTruthy();
    expect(diary.add).not.toHaveBeenCalled();
  });

  it('keeps a breach of a condition no longer on the order, shown as such, until it is unticked', async () => {
    const gone = { orderId: 'order-1', conditionId: 'cond-removed' };
    const deletedOrder = { orderId: 'order-deleted', conditionId: 'cond-x' };
    const kept = { orderId: 'order-1', conditionId: 'cond-contact' };
    const { diary } = await setup({
      orders: [anOrder('order-1', SPO)],
      entries: [entry({ whatHappened: 'Messaged my friend about me', breaches: [kept, gone, deletedOrder], told: [], privateNotes: '' })],
    });
    await renderAt(`/incidents/${ENTRY_ID}/edit`, diary);
    const breaches = await screen.findByRole('group', { name: 'Breaches a condition' });
    const order = within(breaches).getByRole('group', { name: 'Stalking Protection Order' });
    expect(
      (within(order).getByRole('checkbox', { name: 'Must not contact me directly or through others' }) as HTMLInputElement).checked,
    ).toBe(true);
    const stale = within(order).getByRole('checkbox', { name: 'A condition no longer on the order' }) as HTMLInputElement;
    expect(stale.checked).toBe(true);
    const orphan = within(breaches).getByRole('group', { name: 'An order no longer in your diary' });
    expect((within(orphan).getByRole('checkbox', { name: 'A condition no longer on the order' }) as HTMLInputElement).checked).toBe(true);

    // Saving untouched keeps all three; unticking one removes only that one.
    await userEvent.click(stale);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('landed')).toBeTruthy();
    expect(diary.edit).toHaveBeenCalledWith(ENTRY_ID, expect.objectContaining({ breaches: [kept, deletedOrder] }), 1);
  });

  it('saves an untouched edit with every breach it had, including stale ones', async () => {
    const gone = { orderId: 'order-1', conditionId: 'cond-removed' };
    const { diary } = await setup({
      orders: [anOrder('order-1', SPO)],
      entries: [entry({ whatHappened: 'Waited outside', breaches: [gone], told: [], privateNotes: '' })],
    });
    await renderAt(`/incidents/${ENTRY_ID}/edit`, diary);
    await userEvent.type(await screen.findByLabelText('What happened?'), ' again');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('landed')).toBeTruthy();
    expect(diary.edit).toHaveBeenCalledWith(ENTRY_ID, expect.objectContaining({ breaches: [gone] }), 1);
  });

  it('is laid out right to left in Arabic, every new control labelled', async () => {
    const { diary } = await setup({ orders: [anOrder('order-1', SPO)] });
    await renderAt('/incidents/new', diary, 'ar');
    await screen.findByRole('group', { name: 'يخالف شرطًا' });
    expect(screen.getByRole('group', { name: 'من أخبرت؟' })).toBeTruthy();
    expect(screen.getByLabelText('ملاحظات خاصة')).toBeTruthy();
    for (const box of screen.getAllByRole('checkbox')) expect(box.closest('label')?.textContent?.trim()).toBeTruthy();
  });
});
