// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ChainLink } from '../../../src/core/evidence';
import { clockNoticeOf, clockNotesByRevision, previousRecordedAt } from '../../../src/features/diary/clock/clockNote';
import { RevisionHistory } from '../../../src/features/diary/detail/RevisionHistory';
import { testI18n } from '../../support/i18n';
import { aQuickIncidentOn } from '../../support/incidentFactories';
import { belowFieldsShown, renderDiary, testDiary } from './renderDiary';

/** A diary whose clock reads whatever the test sets, with one record written at 10 March 2026, 12:00 UTC. */
async function clockedDiary() {
  let now = new Date('2026-03-10T12:00:00.000Z');
  const repository = await testDiary(() => now);
  const id = await repository.add(aQuickIncidentOn('2026-03-10', { whatHappened: 'Waiting at the gate' }));
  return {
    repository,
    id,
    setClock: (iso: string) => {
      now = new Date(iso);
    },
  };
}

const clockNote = () => screen.getByTestId('clock-note');

const BEHIND =
  "Your device's clock read earlier than your previous record (10 Mar 2026, 12:00) when this was saved: the clock may have been changed, or be wrong. Daybook keeps the device's time and notes this in the record. If the date and time shown are right, there is nothing to do; if not, correct your device's clock.";

const AHEAD =
  "Saved more than a day after your previous record (10 Mar 2026, 12:00). If the date and time shown are right, there is nothing to do; if not, correct your device's clock: Daybook keeps the device's time and notes this in the record.";

describe('clock notes at save', () => {
  it('the quick log says at once when the clock reads earlier than the last record', async () => {
    const user = userEvent.setup();
    const { repository, setClock } = await clockedDiary();
    setClock('2026-03-09T08:00:00.000Z');
    await renderDiary(repository);
    await user.click(screen.getByLabelText('What happened?'));
    await user.keyboard('Car outside again');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved in your diary.');
    await waitFor(() => expect(clockNote().textContent).toBe(BEHIND));
    expect(clockNote().getAttribute('role')).toBe('status');
    // The time is kept as the device read it, and the note is in the chain.
    const link = repository.snapshot().links.at(-1);
    expect(link?.recordedAt).toBe('2026-03-09T08:00:00.000Z');
    expect(link?.clock?.kind).toBe('behind');
  });

  it('says nothing about the clock when it looks right', async () => {
    const user = userEvent.setup();
    const { repository, setClock } = await clockedDiary();
    setClock('2026-03-10T15:00:00.000Z');
    await renderDiary(repository);
    await user.click(screen.getByLabelText('What happened?'));
    await user.keyboard('Nothing odd');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved in your diary.');
    expect(repository.snapshot().links.at(-1)?.clock).toBeUndefined();
    expect(clockNote().textContent).toBe('');
  });

  it('a new incident from the full form lands on its page with the message', async () => {
    const user = userEvent.setup();
    const { repository, setClock } = await clockedDiary();
    setClock('2026-03-09T08:00:00.000Z');
    const { router } = await renderDiary(repository, '/incidents/new');
    await user.type(await screen.findByLabelText('What happened?'), 'Followed me to work');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/incidents\/(?!new)/));
    await waitFor(() => expect(clockNote().textContent).toBe(BEHIND));
  });

  it('an edit saved more than a day after the previous record says so plainly on the incident, and its history shows the note', async () => {
    const user = userEvent.setup();
    const { repository, id, setClock } = await clockedDiary();
    setClock('2026-03-12T09:30:00.000Z');
    const { router } = await renderDiary(repository, `/incidents/${id}/edit`);
    const field = await screen.findByLabelText('What happened?');
    await user.clear(field);
    await user.type(field, 'Waiting at the gate, then at the bus stop');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/incidents/${id}`));
    await waitFor(() => expect(clockNote().textContent).toBe(AHEAD));
    // Writing again after a few days is usual in a diary: nothing says the clock is wrong.
    expect(clockNote().textContent).not.toMatch(/clock reads|wrong|fault/i);
    await belowFieldsShown();
    const steps = [...document.querySelectorAll('.history-step')];
    expect(steps.map((step) => step.querySelector('.history-when')?.textContent)).toEqual([
      "First written down 10 Mar 2026, 12:00, by this device's clock",
      "Edited 12 Mar 2026, 09:30, by this device's clock",
    ]);
    expect(within(steps[1] as HTMLElement).getByText(/^Saved more than a day after/).textContent).toBe(
      "Saved more than a day after the previous record (10 Mar 2026, 12:00). The time shown is what the device's clock said.",
    );
    expect(steps[0]?.querySelector('.history-clock')).toBeNull();
    // Told once: the page's address no longer carries the save, so coming back says nothing.
    await waitFor(() => expect(router.state.location.state).toBeNull());
  });

  it('the history shows a note that the clock read earlier, without a message when simply visiting', async () => {
    const { repository, id, setClock } = await clockedDiary();
    setClock('2026-03-10T11:00:00.000Z');
    const incident = repository.snapshot().entries[0]?.incident;
    if (!incident) throw new Error('no entry');
    await repository.edit(id, { ...incident, where: 'The park' });
    await renderDiary(repository, `/incidents/${id}`);
    await belowFieldsShown();
    expect(
      screen.getByText(
        "Saved while the device's clock read earlier than the previous record (10 Mar 2026, 12:00): the clock may have been changed, or be wrong. The time shown is what the clock said.",
      ),
    ).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clockNote().textContent).toBe('');
  });
});

describe('the previous record a clock note names', () => {
  it('is the record before in the diary, whichever incident it belongs to', async () => {
    const { repository, id, setClock } = await clockedDiary();
    setClock('2026-03-10T13:00:00.000Z');
    await repository.add(aQuickIncidentOn('2026-03-10', { whatHappened: 'Another incident' }));
    setClock('2026-03-14T09:00:00.000Z');
    const incident = repository.snapshot().entries.find((entry) => entry.id === id)?.incident;
    if (!incident) throw new Error('no entry');
    await repository.edit(id, { ...incident, where: 'The bus stop' });
    await renderDiary(repository, `/incidents/${id}`);
    await belowFieldsShown();
    expect(screen.getByText(/^Saved more than a day after the previous record/).textContent).toBe(
      "Saved more than a day after the previous record (10 Mar 2026, 13:00). The time shown is what the device's clock said.",
    );
  });

  it("comes from the diary's own links: the one at seq - 1 that this link names as its previous one", async () => {
    const { repository, setClock } = await clockedDiary();
    setClock('2026-03-12T09:30:00.000Z');
    await repository.add(aQuickIncidentOn('2026-03-12', { whatHappened: 'Later' }));
    const links = repository.snapshot().links;
    const [first, second] = links;
    if (!first || !second) throw new Error('two links expected');
    expect(previousRecordedAt(links, second)).toBe('2026-03-10T12:00:00.000Z');
    expect(clockNoticeOf(second, links)).toEqual({ kind: 'ahead', previousAt: '2026-03-10T12:00:00.000Z' });
    expect(clockNoticeOf(first, links)).toBeUndefined();
    expect(previousRecordedAt(links, first)).toBeNull();
    // Held out of order, it is still found.
    expect(previousRecordedAt([second, first], second)).toBe('2026-03-10T12:00:00.000Z');
    // A link at seq - 1 that is not the one this link names is not taken for it, nor a missing one.
    const other: ChainLink = { ...first, hash: 'f'.repeat(64), recordedAt: '2026-01-01T00:00:00.000Z' };
    expect(previousRecordedAt([other, second], second)).toBeNull();
    expect(previousRecordedAt([second], second)).toBeNull();
    expect(clockNotesByRevision([{ link: second }], [second]).get(1)).toEqual({ kind: 'ahead', previousAt: null });
  });

  it('when the previous record cannot be found, the note is told without its time', async () => {
    const i18n = await testI18n();
    const steps = [{ revision: 1, recordedAt: '2026-03-12T09:30:00.000Z', kind: 'written' as const, changes: null }];
    const { unmount } = render(
      <I18nextProvider i18n={i18n}>
        <RevisionHistory steps={steps} clockNotes={new Map([[1, { kind: 'ahead' as const, previousAt: null }]])} />
      </I18nextProvider>,
    );
    expect(document.querySelector('.history-clock')?.textContent).toBe(
      "Saved more than a day after the previous record. The time shown is what the device's clock said.",
    );
    unmount();
    render(
      <I18nextProvider i18n={i18n}>
        <RevisionHistory steps={steps} clockNotes={new Map([[1, { kind: 'behind' as const, previousAt: null }]])} />
      </I18nextProvider>,
    );
    expect(document.querySelector('.history-clock')?.textContent).toBe(
      "Saved while the device's clock read earlier than the previous record: the clock may have been changed, or be wrong. The time shown is what the clock said.",
    );
  });

  it('reads in Welsh, and a save more than a day on is not called a fault', async () => {
    const user = userEvent.setup();
    const { repository, setClock } = await clockedDiary();
    setClock('2026-03-12T09:30:00.000Z');
    await renderDiary(repository, '/', 'cy');
    await user.click(screen.getByLabelText(/Beth ddigwyddodd/));
    await user.keyboard('Y car eto');
    await user.click(screen.getByRole('button', { name: 'Cadw' }));
    await waitFor(() => expect(clockNote().textContent).toMatch(/^Cadwyd mwy na diwrnod ar ôl eich cofnod blaenorol \(/));
    expect(clockNote().textContent).not.toMatch(/\bclock\.[a-z]/);
  });
});
