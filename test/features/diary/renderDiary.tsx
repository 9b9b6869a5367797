// Test helper (not a test file): diary screens over a real encrypted repository (fake
// IndexedDB), through the diary context the app provides.

import { render, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { DiaryRepository, SealState } from '../../../src/core/store/diaryRepository';
import type { UnlockedStores } from '../../../src/core/vault/featureStores';
import type { Vault } from '../../../src/core/vault/vault';
import type { DiaryContextValue } from '../../../src/shared/diary/diaryContext';
import { DiaryScreen } from '../../../src/features/diary/DiaryScreen';
import { IncidentDetailScreen } from '../../../src/features/diary/detail/IncidentDetailScreen';
import { EditIncidentScreen } from '../../../src/features/diary/form/EditIncidentScreen';
import { NewIncidentScreen } from '../../../src/features/diary/form/NewIncidentScreen';
import { testI18n } from '../../support/i18n';
import { createdVault } from '../../support/vault';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';

interface Opened {
  stores: UnlockedStores;
  vault: Vault;
  now: () => Date;
}

const openedOf = new WeakMap<DiaryRepository, Opened>();

/**
 * A read, empty diary over a fresh test vault. Its clock is `now` if given, else a clock a minute
 * on at every write from 10 March 2026, 12:00 UTC.
 */
export async function testDiary(now?: () => Date) {
  const setup = await createdVault();
  let clock = Date.parse('2026-03-10T12:00:00Z');
  const time = now ?? (() => new Date((clock += 60_000)));
  const { repository, stores } = await openedTestDiary(setup.vault, time);
  openedOf.set(repository, { stores, vault: setup.vault, now: time });
  return repository;
}

function openedFor(repository: DiaryRepository): Opened {
  // A stand-in made with Object.create(repository) uses its prototype's stores.
  const opened = openedOf.get(repository) ?? openedOf.get(Object.getPrototypeOf(repository) as DiaryRepository);
  if (!opened) throw new Error('renderDiary takes a repository from testDiary()');
  return opened;
}

/** The stores the screens of `repository` are given: to read back what they stored. */
export function testStores(repository: DiaryRepository): UnlockedStores {
  return openedFor(repository).stores;
}

/** The database of `repository`'s vault: to damage it as someone with the device might. */
export function testDatabase(repository: DiaryRepository) {
  return openedFor(repository).vault.db;
}

/** The same diary read again from its database (as at the next unlock), with the same stores. */
export async function reopenedTestDiary(repository: DiaryRepository): Promise<DiaryRepository> {
  const opened = openedFor(repository);
  const { repository: again } = await openedTestDiary(opened.vault, opened.now);
  openedOf.set(again, opened);
  return again;
}

export interface RenderDiaryOptions {
  /** Replaces what the repository's seal says (see TestDiaryProvider). */
  seal?: SealState;
  /** Replaces other members of the diary context (stores with a fake, say). */
  override?: Partial<DiaryContextValue>;
}

/** Renders the diary routes at `path`, in `language`. */
export async function renderDiary(repository: DiaryRepository, path = '/', language = 'en-GB', options: RenderDiaryOptions = {}) {
  const i18n = await testI18n(language);
  const stores = testStores(repository);
  const router = createMemoryRouter(
    [
      { path: '/', element: <DiaryScreen /> },
      { path: '/incidents/new', element: <NewIncidentScreen /> },
      { path: '/incidents/:id', element: <IncidentDetailScreen /> },
      { path: '/incidents/:id/edit', element: <EditIncidentScreen /> },
    ],
    { initialEntries: [path] },
  );
  const result = render(
    <I18nextProvider i18n={i18n}>
      <TestDiaryProvider repository={repository} stores={stores} seal={options.seal} override={options.override}>
        <RouterProvider router={router} />
      </TestDiaryProvider>
    </I18nextProvider>,
  );
  return { ...result, router, i18n };
}

/**
 * The incident screen draws its history of changes and its delete button in the frame after its
 * fields (useAfterFirstPaint): waits for them, and returns the history's section.
 */
export async function belowFieldsShown(): Promise<HTMLElement> {
  return waitFor(() => {
    const history = document.querySelector<HTMLElement>('.incident-history');
    if (!history) throw new Error('the history of changes is not shown yet');
    return history;
  });
}
