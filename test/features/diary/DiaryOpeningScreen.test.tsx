// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { FirstPageRow } from '../../../src/core/store/diaryRepository';
import { DiaryOpeningScreen } from '../../../src/features/diary/DiaryOpeningScreen';
import type { DiaryOpening } from '../../../src/shared/diary/diaryOpening';
import { readLocale, testI18n } from '../../support/i18n';

/** Rows as the sealed first page holds them, in timeline order (newest first). */
const ROWS: FirstPageRow[] = [
  {
    id: 'a1'.repeat(16),
    firstRecordedAt: '2026-03-21T08:00:00.000Z',
    revisions: 3,
    when: { kind: 'exact', date: '2026-03-20', time: '21:15' },
    excerpt: 'He was waiting at the school gates again',
    // Not in display order: the row shows them in the diary’s order.
    behaviours: ['loitering', 'following'],
    reported: true,
  },
  {
    id: '0f'.repeat(16),
    firstRecordedAt: '2026-03-03T09:30:00.000Z',
    revisions: 1,
    when: { kind: 'exact', date: '2026-03-02' },
    excerpt: '',
    behaviours: [],
    reported: false,
  },
  {
    id: '7c'.repeat(16),
    firstRecordedAt: '2026-01-20T10:00:00.000Z',
    revisions: 1,
    when: { kind: 'approximate', description: 'one evening', from: '2026-01-10', to: '2026-01-12' },
    excerpt: 'Three silent calls from a withheld number',
    behaviours: ['contact-phone'],
    reported: false,
  },
];

async function renderOpening(opening: DiaryOpening, language = 'en-GB') {
  const i18n = await testI18n(language);
  const router = createMemoryRouter(
    [
      { path: '/', element: <DiaryOpeningScreen opening={opening} /> },
      { path: '/incidents/new', element: <h1>new incident form</h1> },
    ],
    { initialEntries: ['/'] },
  );
  const result = render(
    <I18nextProvider i18n={i18n}>
      <RouterProvider router={router} />
    </I18nextProvider>,
  );
  return { ...result, i18n, router };
}

/** The rows’ links (each row links to its incident). */
const rowLinks = () => screen.getAllByRole('link').filter((link) => /^\/incidents\/[0-9a-f]{32}$/.test(link.getAttribute('href') ?? ''));

const rowItem = (index: number) => rowLinks()[index]?.closest('li') as HTMLElement;

describe('the diary’s first screen while the rest loads', () => {
  it('shows the page’s rows in the order given: when, the start of what happened, behaviours, reported', async () => {
    await renderOpening({ incidents: 3, rows: ROWS });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Your diary');
    expect(screen.getByRole('link', { name: 'New incident' }).getAttribute('href')).toBe('/incidents/new');

    expect(rowLinks().map((link) => link.getAttribute('href'))).toEqual(ROWS.map((row) => `/incidents/${row.id}`));
    expect(rowLinks().map((link) => link.textContent)).toEqual([
      '20 Mar 2026 at 21:15He was waiting at the school gates again',
      '2 Mar 2026Nothing written under “What happened” yet.',
      'Roughly: one evening (between 10 Jan 2026 and 12 Jan 2026)Three silent calls from a withheld number',
    ]);

    const first = within(rowItem(0));
    expect(
      within(first.getByRole('list', { name: 'What it involved' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Following', 'Loitering nearby', 'Reported to police']);
    expect(first.getByText(/^Written down .+\. Edited 2 times\.$/)).toBeTruthy();

    const second = within(rowItem(1));
    expect(
      within(second.getByRole('list', { name: 'What it involved' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Not reported']);
    expect(second.getByText(/^Written down .+\.$/).textContent).not.toContain('Edited');

    const third = within(rowItem(2));
    expect(
      within(third.getByRole('list', { name: 'What it involved' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Phone calls', 'Not reported']);
  });

  it('groups the rows under month headings that carry no count (the page holds only part of a month)', async () => {
    await renderOpening({ incidents: 3, rows: ROWS });
    const months = screen.getAllByRole('heading', { level: 3 });
    expect(months.map((h) => h.textContent)).toEqual(['March 2026', 'January 2026']);
    for (const month of months) expect(month.querySelector('.count')).toBeNull();
    // Each month's list holds its own rows, in order.
    const lists = months.map((h) => h.nextElementSibling as HTMLElement);
    expect(
      lists.map((list) =>
        within(list)
          .getAllByRole('link')
          .map((a) => a.getAttribute('href')),
      ),
    ).toEqual([[`/incidents/${ROWS[0]?.id}`, `/incidents/${ROWS[1]?.id}`], [`/incidents/${ROWS[2]?.id}`]]);
  });

  it('offers no search yet: the field is disabled and its hint says the diary is still loading; a status line says so too', async () => {
    await renderOpening({ incidents: 3, rows: ROWS });
    const search = screen.getByRole('searchbox', { name: 'Search your diary' }) as HTMLInputElement;
    expect(search.disabled).toBe(true);
    const hintId = search.getAttribute('aria-describedby') ?? '';
    expect(hintId).not.toBe('');
    expect(document.getElementById(hintId)?.textContent).toBe('Still loading: search works once your whole diary has loaded.');
    expect(screen.getByRole('searchbox', { description: 'Still loading: search works once your whole diary has loaded.' })).toBe(search);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Still loading the rest of your diary. Search and filters will work once all of it has loaded.');
    // The count of what search shows ("Showing N of M") has no place yet.
    expect(screen.queryByText(/^Showing /)).toBeNull();
  });

  it('the list heading counts the whole diary, not the rows the page holds', async () => {
    await renderOpening({ incidents: 250, rows: ROWS });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('250 incidents');
    expect(rowLinks()).toHaveLength(3);
    expect(screen.queryByText('3 incidents')).toBeNull();
  });

  it('one incident: the heading is singular', async () => {
    await renderOpening({ incidents: 1, rows: ROWS.slice(2) });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('1 incident');
  });

  it('an empty diary: says nothing is written down yet, with no search, status line or rows', async () => {
    await renderOpening({ incidents: 0, rows: [] });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('0 incidents');
    expect(screen.getByText('Nothing written down yet. Anything you save appears here, newest first.')).toBeTruthy();
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryAllByRole('heading', { level: 3 })).toEqual([]);
    expect(rowLinks()).toEqual([]);
    expect(screen.getByRole('link', { name: 'New incident' })).toBeTruthy();
  });

  it('reads in Arabic: every string from the Arabic file, right to left, dates and months in Arabic', async () => {
    const ar = readLocale('ar').diary as {
      title: string;
      newIncident: string;
      list: Record<string, string>;
      filters: Record<string, string>;
      opening: Record<string, string>;
      behaviours: Record<string, string>;
    };
    const { i18n } = await renderOpening({ incidents: 250, rows: ROWS }, 'ar');
    expect(i18n.dir()).toBe('rtl');
    // Nothing on the screen forces left to right against the page's direction.
    expect(document.querySelector('[dir="ltr"]')).toBeNull();

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(ar.title);
    expect(screen.getByRole('link', { name: ar.newIncident })).toBeTruthy();
    // 250 is "many" in Arabic.
    expect(new Intl.PluralRules('ar').select(250)).toBe('many');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe((ar.list.title_many ?? '').replace('{{count}}', '250'));
    const search = screen.getByRole('searchbox', { name: ar.filters.search }) as HTMLInputElement;
    expect(search.disabled).toBe(true);
    expect(document.getElementById(search.getAttribute('aria-describedby') ?? '')?.textContent).toBe(ar.opening.searchHint);
    expect(screen.getByRole('status').textContent).toBe(ar.opening.status);

    const month = (date: string) =>
      new Intl.DateTimeFormat('ar', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(date));
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([month('2026-03-01'), month('2026-01-01')]);
    expect(rowLinks()[1]?.textContent).toContain(ar.list.noText);
    const tags = within(rowItem(0))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(tags).toEqual([ar.behaviours.following, ar.behaviours.loitering, ar.list.reported]);
    // No English left.
    expect(document.body.textContent).not.toMatch(/Still loading|Search your diary|Your diary|Reported to police|incidents?\b/);
  });

  it('an empty diary in Arabic uses the Arabic zero form', async () => {
    const ar = readLocale('ar').diary as { list: Record<string, string> };
    await renderOpening({ incidents: 0, rows: [] }, 'ar');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(ar.list.title_zero);
    expect(screen.getByText(ar.list.empty ?? '')).toBeTruthy();
  });
});
