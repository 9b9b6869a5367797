// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { ChronologyScreen } from '../../../src/features/chronology/ChronologyScreen';
import { TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { aQuickIncident, aQuickIncidentOn } from '../../support/incidentFactories';
import { testDiary, testStores } from '../diary/renderDiary';

async function renderChronology(repository: DiaryRepository, language = 'en-GB') {
  const i18n = await testI18n(language);
  const router = createMemoryRouter([{ path: '/chronology', element: <ChronologyScreen /> }], { initialEntries: ['/chronology'] });
  render(
    <I18nextProvider i18n={i18n}>
      <TestDiaryProvider repository={repository} stores={testStores(repository)}>
        <RouterProvider router={router} />
      </TestDiaryProvider>
    </I18nextProvider>,
  );
}

async function seeded() {
  const repository = await testDiary();
  await repository.add(aQuickIncidentOn('2026-01-05', { behaviours: ['following', 'threats'], reported: { reported: true } }));
  await repository.add(aQuickIncidentOn('2026-01-07', { behaviours: ['contact-phone'] }));
  await repository.add(aQuickIncidentOn('2026-02-10', { behaviours: [] }));
  await repository.add(aQuickIncident({ when: { kind: 'approximate', description: 'last winter' } }));
  await repository.add(aQuickIncident({ when: { kind: 'approximate', description: 'around then', from: '2026-01-20' } }));
  return repository;
}

describe('chronology screen', () => {
  it('names the chart by what it shows, labels every row in words, and says how dates were counted', async () => {
    await renderChronology(await seeded());
    expect(await screen.findByRole('heading', { level: 1, name: 'Chronology' })).toBeTruthy();
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-label')).toBe(
      'Chart of incidents per week from 5 Jan 2026 to 15 Feb 2026: 4 incidents, 1 reported to the police. ' +
        'The busiest week had 2 incidents. The same figures are in the table.',
    );
    // Focusable, so a keyboard can scroll it sideways.
    expect(chart.getAttribute('tabindex')).toBe('0');
    for (const label of [
      'All incidents',
      'Following, turning up or loitering',
      'Calls, messages or contact through others',
      'Threats, damage or violence',
      'No behaviour ticked',
    ]) {
      expect(within(chart).getByText(label)).toBeTruthy();
    }
    expect(within(chart).queryByText('Monitoring or tracking')).toBeNull();
    // Six weeks from the week of 5 Jan to the week of 9 Feb; one police report marked.
    expect(chart.querySelectorAll('.chrono-police path')).toHaveLength(1);
    expect(screen.getByText('1 incident has no date, so it is not counted in any week.')).toBeTruthy();
    expect(screen.getByText(/1 incident has only a rough date or is ongoing/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/escalat|increas|risk score|trend/i);
  });

  it('marks breaches of an order as a row of their own, in the summary, the legend and the table, only when there are any', async () => {
    const repository = await seeded();
    expect(screen.queryByText('Marked as breaching an order')).toBeNull();
    const orderId = await repository.addOrder({
      type: 'order',
      kind: 'spo',
      title: '',
      court: '',
      attachments: [],
      conditions: [{ id: 'c1', text: 'No contact' }],
    });
    await repository.add(aQuickIncidentOn('2026-01-06', { breaches: [{ orderId, conditionId: 'c1' }] }));
    await repository.add(aQuickIncidentOn('2026-02-11', { breaches: [{ orderId, conditionId: 'c1' }] }));
    await renderChronology(repository);
    const chart = await screen.findByRole('img');
    expect(chart.getAttribute('aria-label')).toMatch(/ 2 marked as breaching an order\.$/);
    expect(within(chart).getByText('Marked as breaching an order')).toBeTruthy();
    expect(screen.getByText(/counts the incidents you marked as breaching a condition of an order/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show as a table' }));
    const table = screen.getByRole('table');
    expect(within(table).getByRole('columnheader', { name: 'Marked as breaching an order' })).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/escalat|increas|risk score|trend/i);
  });

  it('gives the same figures as a table, one row per week with incidents', async () => {
    const user = userEvent.setup();
    await renderChronology(await seeded());
    const toggle = await screen.findByRole('button', { name: 'Show as a table' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide the table' }).getAttribute('aria-expanded')).toBe('true');
    const table = screen.getByRole('table', { name: 'Incidents per week (weeks with no incidents are left out)' });
    expect(screen.getByRole('region', { name: 'Incidents per week (weeks with no incidents are left out)' })).toBeTruthy();
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toEqual([
      'Week',
      'Incidents',
      'Following',
      'Phone calls',
      'Threats',
      'No behaviour ticked',
      'Rough or ongoing date',
      'Reported to the police',
    ]);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    // The week of 19 Jan holds the incident placed by the first date of its rough range.
    expect(rows).toEqual([
      ['5 Jan 2026 to 11 Jan 2026', '2', '1', '1', '1', '0', '0', '1'],
      ['19 Jan 2026 to 25 Jan 2026', '1', '0', '0', '0', '1', '1', '0'],
      ['9 Feb 2026 to 15 Feb 2026', '1', '0', '0', '0', '1', '0', '0'],
    ]);
    expect(within(table).getAllByRole('rowheader')).toHaveLength(3);
  });

  it('has no rough-date column when every incident has an exact date', async () => {
    const user = userEvent.setup();
    const repository = await testDiary();
    await repository.add(aQuickIncidentOn('2026-01-05', { behaviours: ['following'] }));
    await renderChronology(repository);
    await user.click(await screen.findByRole('button', { name: 'Show as a table' }));
    expect(screen.queryByRole('columnheader', { name: 'Rough or ongoing date' })).toBeNull();
  });

  it('says so when no incident has a date, and offers no chart', async () => {
    const repository = await testDiary();
    await repository.add(aQuickIncident({ when: { kind: 'ongoing' } }));
    await renderChronology(repository);
    expect(await screen.findByText('No incident has a date yet, so there is nothing to chart.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Show as a table' })).toBeNull();
  });

  it('mirrors the chart in Arabic and keeps the table in Arabic with its numbers', async () => {
    const user = userEvent.setup();
    await renderChronology(await seeded(), 'ar');
    const chart = await screen.findByRole('img');
    expect(chart.getAttribute('aria-label')).toContain('رسم بياني');
    // The first week's bar is drawn at the right-hand end of the row.
    const allRow = chart.querySelector('.chrono-row svg g path[fill]');
    const d = allRow?.getAttribute('d') ?? '';
    const firstX = Number(/^M([\d.]+)/.exec(d)?.[1]);
    const width = Number(chart.querySelector('.chrono-row svg')?.getAttribute('width'));
    expect(firstX).toBeGreaterThan(width / 2);
    await user.click(screen.getByRole('button', { name: 'عرض كجدول' }));
    expect(screen.getByRole('columnheader', { name: 'الأسبوع' })).toBeTruthy();
  });
});
