// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aQuickIncidentOn } from '../../support/incidentFactories';
import { renderDiary, testDiary } from './renderDiary';

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
  "Your device's clock reads earlier than your last record (10 Mar 2026, 12:00). Daybook kept the device's time and noted this in the record. If the clock is wrong, correct it in your device's settings.";

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
    expect(link?.clock).toEqual({ kind: 'behind', lastLinkAt: '2026-03-10T12:00:00.000Z' });
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

  it('an edit with the clock more than a day ahead says so on the incident, and its history shows the note', async () => {
    const user = userEvent.setup();
    const { repository, id, setClock } = await clockedDiary();
    setClock('2026-03-12T09:30:00.000Z');
    const { router } = await renderDiary(repository, `/incidents/${id}/edit`);
    const field = await screen.findByLabelText('What happened?');
    await user.clear(field);
    await user.type(field, 'Waiting at the gate, then at the bus stop');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/incidents/${id}`));
    await waitFor(() =>
      expect(clockNote().textContent).toBe(
        "Your device's clock reads more than a day after your last record (10 Mar 2026, 12:00). Daybook kept the device's time and noted this in the record. If that date is wrong, correct it in your device's settings.",
      ),
    );
    const steps = [...document.querySelectorAll('.history-step')];
    expect(steps.map((step) => step.querySelector('.history-when')?.textContent)).toEqual([
      "First written down 10 Mar 2026, 12:00, by this device's clock",
      "Edited 12 Mar 2026, 09:30, by this device's clock",
    ]);
    expect(within(steps[1] as HTMLElement).getByText(/^The device's clock read more than a day after/).textContent).toBe(
      "The device's clock read more than a day after the diary's record before this one (10 Mar 2026, 12:00). The time shown is what the clock said.",
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
    expect(
      screen.getByText(/^The device's clock read earlier than the diary's record before this one \(10 Mar 2026, 12:00\)/),
    ).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clockNote().textContent).toBe('');
  });
});
