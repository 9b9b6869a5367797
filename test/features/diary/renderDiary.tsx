// Test helper (not a test file): diary screens over a real encrypted repository (fake
// IndexedDB), through the diary context the app provides.

import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import type { UnlockedStores } from '../../../src/core/vault/featureStores';
import { DiaryScreen } from '../../../src/features/diary/DiaryScreen';
import { IncidentDetailScreen } from '../../../src/features/diary/detail/IncidentDetailScreen';
import { testI18n } from '../../support/i18n';
import { createdVault } from '../../support/vault';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';

const storesOf = new WeakMap<DiaryRepository, UnlockedStores>();

/** A read, empty diary over a fresh test vault, with a clock a minute on at every write. */
export async function testDiary() {
  const setup = await createdVault();
  let clock = Date.parse('2026-03-10T12:00:00Z');
  const { repository, stores } = await openedTestDiary(setup.vault, () => new Date((clock += 60_000)));
  storesOf.set(repository, stores);
  return repository;
}

/** The stores the screens of `repository` are given: to read back what they stored. */
export function testStores(repository: DiaryRepository): UnlockedStores {
  // A stand-in made with Object.create(repository) uses its prototype's stores.
  const stores = storesOf.get(repository) ?? storesOf.get(Object.getPrototypeOf(repository) as DiaryRepository);
  if (!stores) throw new Error('renderDiary takes a repository from testDiary()');
  return stores;
}

/** Renders the diary routes at `path`, in `language`. */
export async function renderDiary(repository: DiaryRepository, path = '/', language = 'en-GB') {
  const i18n = await testI18n(language);
  const stores = testStores(repository);
  const router = createMemoryRouter(
    [
      { path: '/', element: <DiaryScreen /> },
      { path: '/incidents/new', element: <p>new incident form</p> },
      { path: '/incidents/:id', element: <IncidentDetailScreen /> },
      { path: '/incidents/:id/edit', element: <p>edit form</p> },
    ],
    { initialEntries: [path] },
  );
  const result = render(
    <I18nextProvider i18n={i18n}>
      <TestDiaryProvider repository={repository} stores={stores}>
        <RouterProvider router={router} />
      </TestDiaryProvider>
    </I18nextProvider>,
  );
  return { ...result, router, i18n };
}
