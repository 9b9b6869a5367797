// Test helper (not a test file): diary screens over a real encrypted repository (fake
// IndexedDB), with a provider that behaves like DiaryProvider but takes the repository given.

import { render } from '@testing-library/react';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { ChainVerification } from '../../../src/core/evidence';
import type { Incident } from '../../../src/core/model/incident';
import { DiaryRepository, type DiarySnapshot } from '../../../src/core/store/diaryRepository';
import { DiaryContext, type DiaryContextValue } from '../../../src/shared/diary/diaryContext';
import { DiaryScreen } from '../../../src/features/diary/DiaryScreen';
import { IncidentDetailScreen } from '../../../src/features/diary/detail/IncidentDetailScreen';
import { testI18n } from '../../support/i18n';
import { createdVault } from '../../support/vault';

export async function testDiary() {
  const setup = await createdVault();
  let clock = Date.parse('2026-03-10T12:00:00Z');
  const repository = new DiaryRepository(
    setup.db,
    () => setup.session.dataKey(),
    () => new Date((clock += 60_000)),
  );
  await repository.load();
  return repository;
}

function TestDiaryProvider({
  repository,
  initial,
  children,
}: {
  repository: DiaryRepository;
  initial: ChainVerification;
  children: ReactNode;
}) {
  const [snapshot, setSnapshot] = useState<DiarySnapshot>(() => repository.snapshot());
  const [integrity, setIntegrity] = useState<ChainVerification | null>(initial);
  const refresh = useCallback(async () => {
    setSnapshot(repository.snapshot());
    setIntegrity(await repository.verify());
  }, [repository]);
  const value = useMemo<DiaryContextValue>(
    () => ({
      state: 'ready',
      snapshot,
      integrity,
      repository,
      add: async (incident: Incident) => {
        const id = await repository.add(incident);
        await refresh();
        return id;
      },
      edit: async (id: string, incident: Incident) => {
        await repository.edit(id, incident);
        await refresh();
      },
      remove: async (id: string) => {
        await repository.remove(id);
        await refresh();
      },
      refresh,
    }),
    [snapshot, integrity, repository, refresh],
  );
  return <DiaryContext.Provider value={value}>{children}</DiaryContext.Provider>;
}

/** Renders the diary routes at `path`, in `language`. */
export async function renderDiary(repository: DiaryRepository, path = '/', language = 'en-GB') {
  const i18n = await testI18n(language);
  const initial = await repository.verify();
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
      <TestDiaryProvider repository={repository} initial={initial}>
        <RouterProvider router={router} />
      </TestDiaryProvider>
    </I18nextProvider>,
  );
  return { ...result, router, i18n };
}
