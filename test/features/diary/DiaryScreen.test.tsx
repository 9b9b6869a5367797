// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { INCIDENT_LIMITS } from '../../../src/core/model/incident';
import type { DiaryRepository, DiarySnapshot } from '../../../src/core/store/diaryRepository';
import { aDiaryEntry, aQuickIncidentOn } from '../../support/incidentFactories';
import { renderDiary, testDiary } from './renderDiary';

async function seeded() {
  const repository = await testDiary();
  await repository.add(aQuickIncidentOn('2026-01-05', { whatHappened: 'Followed me from the station', behaviours: ['following'] }));
  await repository.add(
    aQuickIncidentOn('2026-02-10', {
      whatHappened: 'Three silent calls',
      behaviours: ['contact-phone'],
      reported: { reported: true, policeReference: 'CR-77' },
    }),
  );
  await repository.add(aQuickIncidentOn('2026-02-11', { whatHappened: 'Flowers on the doorstep with a note signed Ŵyn' }));
  return repository;
}

const rows = () =>
  screen
    .getAllByRole('link')
    .filter((link) => link.getAttribute('href')?.startsWith('/incidents/') && !link.getAttribute('href')?.endsWith('/new'));

describe('diary screen', () => {
  it('offers a new incident, the quick log, the integrity state and the timeline, newest first by month', async () => {
    await renderDiary(await seeded());
    expect(screen.getByRole('link', { name: 'New incident' }).getAttribute('href')).toBe('/incidents/new');
    expect(screen.getByLabelText('What happened?')).toBeTruthy();
    // The chain is checked just after the first paint.
    await waitFor(() => expect(screen.getByTestId('integrity').textContent).toMatch(/3 records, nothing altered/));
    expect(screen.getByRole('heading', { level: 2, name: '3 incidents' })).toBeTruthy();
    const months = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(months).toEqual(['February 2026 (2 incidents)', 'January 2026 (1 incident)']);
    expect(rows().map((link) => link.textContent)).toEqual([
      expect.stringContaining('Flowers on the doorstep'),
      expect.stringContaining('Three silent calls'),
      expect.stringContaining('Followed me'),
    ]);
    const calls = rows()[1]?.closest('li');
    expect(within(calls as HTMLElement).getByText('Phone calls')).toBeTruthy();
    expect(within(calls as HTMLElement).getByText('Reported to police')).toBeTruthy();
  });

  it('searches every text field, ignoring case and accents, and shows N of M', async () => {
    const user = userEvent.setup();
    await renderDiary(await seeded());
    const search = screen.getByRole('searchbox', { name: 'Search your diary' });
    await user.type(search, 'wyn');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]?.textContent).toContain('Ŵyn');
    expect(screen.getByText('Showing 1 of 3 incidents').getAttribute('role')).toBe('status');
    await user.clear(search);
    await user.type(search, 'cr-77');
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('Three silent calls')]));
    await user.type(search, ' nothing-like-this');
    await waitFor(() => expect(screen.getByText(/No incidents match/)).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(document.activeElement).toBe(search);
  });

  it('filters by reported, behaviour and date range', async () => {
    const user = userEvent.setup();
    await renderDiary(await seeded());
    await user.click(screen.getByText('Filters'));
    await user.click(screen.getByRole('radio', { name: 'Not reported' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.getByText('Filters (1 on)')).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Reported' }));
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('Three silent calls')]));
    await user.click(screen.getByRole('radio', { name: 'Reported or not' }));
    await user.click(screen.getByRole('checkbox', { name: 'Following' }));
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('Followed me')]));
    await user.click(screen.getByRole('checkbox', { name: 'Following' }));
    await user.type(screen.getByLabelText('From'), '2026-02-11');
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('Flowers')]));
  });

  it('shows an empty state for a new diary', async () => {
    await renderDiary(await testDiary());
    expect(screen.getByText(/Nothing written down yet/)).toBeTruthy();
    expect(screen.queryByRole('searchbox')).toBeNull();
  });

  it('quick log saves in one go and the entry appears in the timeline', async () => {
    const user = userEvent.setup();
    await renderDiary(await testDiary());
    await user.click(screen.getByLabelText('What happened?'));
    await user.keyboard('Car parked outside again');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved in your diary.');
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('Car parked outside again')]));
  });

  it('quick log applies the same checks as the full form and keeps what was typed', async () => {
    const repository = await testDiary();
    await renderDiary(repository);
    const box = screen.getByLabelText('What happened?') as HTMLTextAreaElement;
    const tooLong = 'x'.repeat(INCIDENT_LIMITS.longText + 1);
    fireEvent.change(box, { target: { value: tooLong } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This is too long to save: 100,001 characters, and the limit is 100,000. Shorten it and try again.',
    );
    expect(box.value).toBe(tooLong);
    expect(repository.snapshot().entries).toEqual([]);
  });

  it('renders only the rows near the screen, even for 5,000 incidents', async () => {
    const incidents = Array.from({ length: 5000 }, (_, i) =>
      aDiaryEntry(
        aQuickIncidentOn(`20${20 + (i % 6)}-${String((i % 12) + 1).padStart(2, '0')}-15`, { whatHappened: `Bulk entry number ${i}` }),
        {
          id: `bulk-${String(i).padStart(5, '0')}`,
        },
      ),
    );
    const repository = await testDiary();
    // The repository is only asked for a snapshot and a verification here.
    const snapshot: DiarySnapshot = { entries: incidents, orders: [], links: [], deleted: [] };
    const fake = Object.assign(Object.create(repository) as DiaryRepository, {
      snapshot: () => snapshot,
      verify: async () => ({ ok: true as const, length: 5000, head: '0'.repeat(64) }),
    });
    const user = userEvent.setup();
    await renderDiary(fake);
    expect(screen.getByRole('heading', { level: 2, name: '5000 incidents' })).toBeTruthy();
    expect(rows().length).toBeGreaterThan(3);
    expect(rows().length).toBeLessThan(40);
    await user.type(screen.getByRole('searchbox'), 'number 4321');
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('Bulk entry number 4321')]));
    expect(screen.getByText('Showing 1 of 5000 incidents')).toBeTruthy();
  });

  it('reads in Welsh', async () => {
    await renderDiary(await seeded(), '/', 'cy');
    expect(screen.getByRole('link', { name: 'Digwyddiad newydd' })).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Chwilio eich dyddiadur' })).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/\b(list|filters|behaviours|integrity)\./);
  });
});

describe('when it happened, in words', () => {
  it('describes exact, approximate and ongoing incidents', async () => {
    const repository = await testDiary();
    await repository.add(aQuickIncidentOn('2026-03-01', { whatHappened: 'A', when: { kind: 'exact', date: '2026-03-01' } }));
    await repository.add(
      aQuickIncidentOn('2026-03-01', {
        whatHappened: 'B',
        when: { kind: 'approximate', description: 'the first week of March', from: '2026-03-01', to: '2026-03-07' },
      }),
    );
    await repository.add(aQuickIncidentOn('2026-03-01', { whatHappened: 'C', when: { kind: 'approximate', description: 'last winter' } }));
    await repository.add(aQuickIncidentOn('2026-03-01', { whatHappened: 'D', when: { kind: 'ongoing', since: '2026-02-01' } }));
    await repository.add(aQuickIncidentOn('2026-03-01', { whatHappened: '', when: { kind: 'ongoing' } }));
    await renderDiary(repository);
    const whens = [...document.querySelectorAll('.entry-link')].map((link) => [
      link.querySelector('.entry-when')?.textContent,
      link.querySelector('.entry-text')?.textContent,
    ]);
    expect(whens).toEqual(
      expect.arrayContaining([
        ['1 Mar 2026', 'A'],
        ['Roughly: the first week of March (between 1 Mar 2026 and 7 Mar 2026)', 'B'],
        ['Roughly: last winter', 'C'],
        ['Ongoing since 1 Feb 2026', 'D'],
        ['Ongoing', 'Nothing written under “What happened” yet.'],
      ]),
    );
  });
});
