// Test helper (not a test file): the order screens over a real encrypted repository (fake
// IndexedDB), through the diary context the app provides.

import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider, useParams } from 'react-router';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import type { DiaryContextValue } from '../../../src/shared/diary/diaryContext';
import { OrderDetailScreen } from '../../../src/features/orders/OrderDetailScreen';
import { EditOrderScreen, NewOrderScreen } from '../../../src/features/orders/OrderFormScreens';
import { OrdersScreen } from '../../../src/features/orders/OrdersScreen';
import { testI18n } from '../../support/i18n';
import { TestDiaryProvider } from '../../support/diaryContext';
import { testStores } from '../diary/renderDiary';

/** Where an incident link leads: only its id matters here. */
function IncidentStandIn() {
  const { id } = useParams();
  return <h1>Incident {id}</h1>;
}

/** Renders the order routes at `path`, in `language`; `override` replaces members of the diary context. */
export async function renderOrders(
  repository: DiaryRepository,
  path = '/orders',
  language = 'en-GB',
  override?: Partial<DiaryContextValue>,
) {
  const i18n = await testI18n(language);
  const router = createMemoryRouter(
    [
      { path: '/', element: <h1>Diary</h1> },
      { path: '/orders', element: <OrdersScreen /> },
      { path: '/orders/new', element: <NewOrderScreen /> },
      { path: '/orders/:id', element: <OrderDetailScreen /> },
      { path: '/orders/:id/edit', element: <EditOrderScreen /> },
      { path: '/incidents/:id', element: <IncidentStandIn /> },
    ],
    { initialEntries: [path] },
  );
  const result = render(
    <I18nextProvider i18n={i18n}>
      <TestDiaryProvider repository={repository} stores={testStores(repository)} override={override}>
        <RouterProvider router={router} />
      </TestDiaryProvider>
    </I18nextProvider>,
  );
  return { ...result, router, i18n };
}
