// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DiaryRoute } from '../../src/app/composed/DiaryRoute';
import { LockGuard } from '../../src/app/LockGuard';
import { DiaryProvider } from '../../src/app/providers/DiaryProvider';
import { VaultProvider } from '../../src/app/providers/VaultProvider';
import { buildTimelineIndex } from '../../src/core/diary/timelineIndex';
import { Preferences } from '../../src/core/prefs/preferences';
import { FIRST_PAGE_ROW_ID, FIRST_PAGE_SIZE, firstPageRow } from '../../src/core/store/diary/firstPage';
import { DiaryRepository } from '../../src/core/store/diaryRepository';
import { NewIncidentScreen } from '../../src/features/diary/form/NewIncidentScreen';
import { PreferencesContext } from '../../src/shared/prefs/usePreferences';
import { aQuickIncidentOn } from '../support/incidentFactories';
import { testI18n } from '../support/i18n';
import { createdVault, diaryOver } from '../support/vault';

/** More incidents than the page holds, on dates spread over 2025 and 2026, written in no date order. */
const INCIDENTS = 37;

/** A vault (unlocked) whose diary holds INCIDENTS incidents. */
async function seededVault() {
  const setup = await createdVault();
  let clock = Date.parse('2026-04-01T09:00:00Z');
  const diary = diaryOver(setup, () => new Date((clock += 60_000)));
  await diary.load();
  for (let n = 0; n < INCIDENTS; n++) {
    // Scrambled order of dates, with some on the same day (then the order falls to when each was written).
    const k = (n * 11) % INCIDENTS;
    const month = String((k % 12) + 1).padStart(2, '0');
    const day = String((k % 5) + 1).padStart(2, '0');
    await diary.add(
      aQuickIncidentOn(`${2025 + (k % 2)}-${month}-${day}`, {
        whatHappened: `Incident number ${n}: the car was parked opposite again`,
        behaviours: n % 3 === 0 ? ['following'] : [],
      }),
    );
  }
  return setup;
}

type Setup = Awaited<ReturnType<typeof seededVault>>;

/** The first rows of the timeline, as the diary screen orders it, read with a fresh repository. */
async function timelineHead(setup: Setup) {
  const diary = diaryOver(setup);
  const snapshot = await diary.load();
  return buildTimelineIndex(snapshot.entries)
    .slice(0, FIRST_PAGE_SIZE)
    .map((item) => firstPageRow(item.entry));
}

/**
 * Holds every DiaryRepository.load() until release() (the unlock's full read of the diary), so
 * the time between the first page and the whole diary can be looked at.
 */
function holdLoads() {
  const original = DiaryRepository.prototype.load;
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const spy = vi.spyOn(DiaryRepository.prototype, 'load').mockImplementation(async function (this: DiaryRepository) {
    await released;
    return original.call(this);
  });
  return { release, spy };
}

/** The app's providers, the lock guard and two of its routes, over `setup`'s vault, locked. */
async function app(setup: Setup) {
  setup.vault.lock();
  const preferences = new Preferences(() => localStorage);
  preferences.onlyWriteWhen(() => setup.session.unlocked);
  const router = createMemoryRouter(
    [
      {
        element: <LockGuard />,
        children: [
          { index: true, element: <DiaryRoute /> },
          { path: 'incidents/new', element: <NewIncidentScreen /> },
        ],
      },
    ],
    { initialEntries: ['/'] },
  );
  render(
    <I18nextProvider i18n={await testI18n()}>
      <PreferencesContext.Provider value={preferences}>
        <VaultProvider vault={setup.vault}>
          <DiaryProvider>
            <RouterProvider router={router} />
          </DiaryProvider>
        </VaultProvider>
      </PreferencesContext.Provider>
    </I18nextProvider>,
  );
  await screen.findByRole('button', { name: 'Unlock' });
  const unlock = () => act(() => setup.vault.unlock(setup.passphrase));
  const go = (path: string) => act(() => router.navigate(path));
  return { router, unlock, go };
}

const STILL_LOADING = 'Still loading the rest of your diary. Search and filters will work once all of it has loaded.';

/** The rows' links, in the order shown. */
const rowHrefs = () =>
  screen
    .queryAllByRole('link')
    .map((link) => link.getAttribute('href') ?? '')
    .filter((href) => /^\/incidents\/[0-9a-f]{32}$/.test(href));

/** The whole diary's screen: its quick log and search are there, the opening's status line is not. */
async function wholeDiaryShown() {
  await screen.findByRole('heading', { level: 2, name: `${INCIDENTS} incidents` }, { timeout: 15_000 });
  await waitFor(() => expect(screen.queryByText(STILL_LOADING)).toBeNull(), { timeout: 15_000 });
  expect(screen.getByLabelText('What happened?')).toBeTruthy();
  expect((screen.getByRole('searchbox', { name: 'Search your diary' }) as HTMLInputElement).disabled).toBe(false);
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('unlocking shows the diary’s sealed first page while the whole diary loads', () => {
  it('a diary without a page: the first unlock waits for the whole diary, and its load writes the page for the next', async () => {
    const setup = await seededVault();
    // As a diary from before the first page existed (or with its page lost).
    await setup.db.settings.delete(FIRST_PAGE_ROW_ID);
    expect(await diaryOver(setup).firstPage()).toBeNull();
    const { unlock } = await app(setup);
    const held = holdLoads();

    await unlock();
    await waitFor(() => expect(held.spy).toHaveBeenCalled());
    // No page: nothing of the diary before it has all loaded.
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    expect(rowHrefs()).toEqual([]);

    held.release();
    await wholeDiaryShown();

    // The load stored the page: a fresh repository (the next unlock) can show it.
    const page = await diaryOver(setup).firstPage();
    expect(page).not.toBeNull();
    expect(page?.incidents).toBe(INCIDENTS);
    expect(page?.end.size).toBe(INCIDENTS);
    expect(page?.rows).toHaveLength(FIRST_PAGE_SIZE);
    expect(page?.rows).toEqual(await timelineHead(setup));
    // Never the whole text: the excerpt of each.
    expect(JSON.stringify(page)).not.toContain('whatHappened');
  });

  it('while the rest loads, the diary’s first screen shows the page and every other screen waits; then the whole diary replaces it', async () => {
    const setup = await seededVault();
    const head = await timelineHead(setup);
    const { unlock, go } = await app(setup);
    const held = holdLoads();

    await unlock();
    // The opening: the whole diary's count, the timeline's first rows in its order, still loading.
    await screen.findByText(STILL_LOADING, undefined, { timeout: 15_000 });
    // The read starts once the page has painted.
    await waitFor(() => expect(held.spy).toHaveBeenCalled());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Your diary');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(`${INCIDENTS} incidents`);
    expect(rowHrefs()).toEqual(head.map((row) => `/incidents/${row.id}`));
    expect(rowHrefs()).toHaveLength(FIRST_PAGE_SIZE);
    const first = screen.getAllByRole('link').find((link) => link.getAttribute('href') === `/incidents/${head[0]?.id}`);
    expect(first?.textContent).toContain(head[0]?.excerpt);
    expect((screen.getByRole('searchbox', { name: 'Search your diary' }) as HTMLInputElement).disabled).toBe(true);
    // The quick log writes to the diary: not offered before it has loaded.
    expect(screen.queryByLabelText('What happened?')).toBeNull();

    // Any other screen waits for the whole diary.
    await go('/incidents/new');
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    expect(screen.queryByText(STILL_LOADING)).toBeNull();

    await go('/');
    expect(await screen.findByText(STILL_LOADING)).toBeTruthy();

    held.release();
    await wholeDiaryShown();
    await go('/incidents/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'New incident' }, { timeout: 15_000 })).toBeTruthy();
  });

  it('locking while the whole diary loads aborts that load’s signal at the lock itself, and the next unlock shows the diary', async () => {
    const setup = await seededVault();
    const { unlock } = await app(setup);
    const original = DiaryRepository.prototype.load;
    const signals: (AbortSignal | undefined)[] = [];
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    vi.spyOn(DiaryRepository.prototype, 'load').mockImplementation(async function (this: DiaryRepository, signal?: AbortSignal) {
      signals.push(signal);
      if (signals.length === 1) await released;
      return original.call(this, signal);
    });

    await unlock();
    await waitFor(() => expect(signals).toHaveLength(1));
    expect(signals[0]?.aborted).toBe(false);
    setup.vault.lock();
    // At the lock, before any render: the worker need not wait for its next question.
    expect(signals[0]?.aborted).toBe(true);
    release();
    await screen.findByRole('button', { name: 'Unlock' });

    await unlock();
    await wholeDiaryShown();
    expect(signals).toHaveLength(2);
    expect(signals[1]?.aborted).toBe(false);
  });

  it('a page out of step with the diary is not shown: an incident added with the page row put back from before waits for the full load', async () => {
    const setup = await seededVault();
    const before = await setup.db.settings.get(FIRST_PAGE_ROW_ID);
    expect(before).toBeDefined();
    const diary = diaryOver(setup);
    await diary.load();
    await diary.add(aQuickIncidentOn('2027-01-01', { whatHappened: 'Newest of all' }));
    // Someone with the device puts the earlier page back (it still decrypts: same key, same id).
    if (before) await setup.db.settings.put(before);
    const { unlock } = await app(setup);
    const held = holdLoads();

    await unlock();
    await waitFor(() => expect(held.spy).toHaveBeenCalled());
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.queryByText(STILL_LOADING)).toBeNull();
    expect(rowHrefs()).toEqual([]);

    held.release();
    await screen.findByRole('heading', { level: 2, name: `${INCIDENTS + 1} incidents` }, { timeout: 15_000 });
    expect(screen.getByText('Newest of all')).toBeTruthy();
  });

  it('locking while the rest loads drops the page at once, and the load that finishes after shows nothing', async () => {
    const setup = await seededVault();
    const { unlock } = await app(setup);
    const held = holdLoads();

    await unlock();
    await screen.findByText(STILL_LOADING, undefined, { timeout: 15_000 });
    act(() => setup.vault.lock());
    await screen.findByRole('button', { name: 'Unlock' });
    expect(screen.queryByText(STILL_LOADING)).toBeNull();
    expect(rowHrefs()).toEqual([]);

    // The held load goes on without the keys (or with them gone): the lock screen stays.
    held.release();
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 2, name: /incidents/ })).toBeNull();
    expect(rowHrefs()).toEqual([]);
    expect(within(document.body).queryByText(/the car was parked opposite/)).toBeNull();
  });
});
