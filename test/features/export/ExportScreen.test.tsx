// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ExportScreen } from '../../../src/features/export/ExportScreen';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { anIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

const TITLE = 'What the person you send this to will learn';

/**
 * A diary of 5 records: A written and changed, B written and deleted, C written. A fingerprint
 * was shared when it had 2 records, if `shared`.
 */
async function renderExport({ shared = false } = {}) {
  const { vault } = await createdVault();
  let clock = Date.parse('2026-03-10T12:00:00Z');
  const { repository, stores } = await openedTestDiary(vault, () => new Date((clock += 60_000)));
  const a = await repository.add(
    anIncident({ whatHappened: 'Car outside again', when: { kind: 'exact', date: '2026-03-01' }, attachments: [] }),
  );
  const b = await repository.add(
    anIncident({ whatHappened: 'Missed calls', when: { kind: 'exact', date: '2026-03-02' }, attachments: [] }),
  );
  if (shared) await stores.fingerprints.record(await repository.treeHead(), 'copy', new Date('2026-03-10T13:00:00Z'));
  await repository.edit(
    a,
    anIncident({ whatHappened: 'Car outside again, grey Ford', when: { kind: 'exact', date: '2026-03-01' }, attachments: [] }),
  );
  await repository.add(
    anIncident({ whatHappened: 'Flowers on the doorstep', when: { kind: 'exact', date: '2026-03-03' }, attachments: [] }),
  );
  await repository.remove(b);
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={await testI18n()}>
      <TestDiaryProvider repository={repository} stores={stores}>
        <MemoryRouter>
          <ExportScreen />
        </MemoryRouter>
      </TestDiaryProvider>
    </I18nextProvider>,
  );
  return { user, learns: await screen.findByRole('region', { name: TITLE }) };
}

describe('export screen: what the recipient learns, before anything is written', () => {
  it("gives the diary's total number of records, and nothing else about incidents left out", async () => {
    const { user, learns } = await renderExport();
    expect(
      within(learns).getByText(
        'How many records your diary has in all: 5. There is a record each time an incident is written down, changed or deleted, so this number includes the records of incidents you leave out.',
      ),
    ).toBeTruthy();
    // The deleted incident's records are left out of every export: what the versions sent tell of them.
    expect(
      within(learns).getByText(
        'Where each version you send sits among those records: how many came before it, and how many came between any two versions you send (so, with their times, how many records were made in between).',
      ),
    ).toBeTruthy();
    expect(
      within(learns).getByText(
        'For each version you send, a code for the record just before it in your diary. The code shows nothing of that record: not what it says, which incident it is part of, or when it was made.',
      ),
    ).toBeTruthy();
    expect(
      within(learns).getByText(
        "For each version you send, whether the record just before it was saved more than a day earlier, and whether your device's clock read earlier than that record's time. Where neither is noted, they may be able to tell that it was saved during the day before. They do not see its time.",
      ),
    ).toBeTruthy();
    expect(
      within(learns).getByText(
        /^Nothing else about incidents you leave out: not what they say, when they happened or were written down, or which incidents they are\./,
      ),
    ).toBeTruthy();
    // No time of a record left out goes out, so none is announced.
    expect(learns.textContent).not.toMatch(/looked wrong|the time of the record before/);

    // Only one incident ticked: still the total, and still nothing else.
    await user.click(screen.getByRole('radio', { name: 'Only the incidents I tick' }));
    await user.click(screen.getByRole('checkbox', { name: /Flowers on the doorstep/ }));
    const now = screen.getByRole('region', { name: TITLE });
    expect(within(now).getByText(/^How many records your diary has in all: 5\./)).toBeTruthy();
    expect(within(now).getByText(/^Nothing else about incidents you leave out/)).toBeTruthy();
    expect(now.textContent).not.toMatch(/Car outside|Missed calls/);
  });

  it('lists the details left out as the choice changes', async () => {
    const { user, learns } = await renderExport();
    // Private notes are left out unless ticked in: listed from the start.
    expect(
      within(learns).getByText(
        'The details you leave out (private notes): they will see that each incident has them, but they cannot read them or confirm a guess at them.',
      ),
    ).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: 'Witnesses and how to reach them' }));
    expect(within(learns).getByText(/^The details you leave out \(the witnesses and private notes\)/)).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: 'Where it happened' }));
    expect(within(learns).getByText(/^The details you leave out \(where it happened, the witnesses and private notes\)/)).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: 'Witnesses and how to reach them' }));
    await user.click(screen.getByRole('checkbox', { name: 'Where it happened' }));
    await user.click(screen.getByRole('checkbox', { name: 'Include private notes' }));
    expect(within(learns).queryByText(/^The details you leave out/)).toBeNull();
  });

  it('names each fingerprint shared before, with how many records there were then', async () => {
    const { learns } = await renderExport({ shared: true });
    expect(
      within(learns).getByText(
        /^You shared your diary's fingerprint .*2026.*\. They will see that date, that your diary had 2 records then, and that this file carries on from it\.$/,
      ),
    ).toBeTruthy();
  });

  it('for a spreadsheet, says it carries no record of changes', async () => {
    const { user } = await renderExport();
    await user.click(screen.getByRole('radio', { name: /^Spreadsheet \(CSV\)/ }));
    const learns = screen.getByRole('region', { name: TITLE });
    expect(within(learns).getByText(/^A spreadsheet holds only the incidents you chose\./)).toBeTruthy();
    expect(within(learns).queryByText(/^How many records/)).toBeNull();
  });
});
