// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Link, Outlet, useRoutes, type RouteObject } from 'react-router';
import { AppRouter } from '../../src/app/router/AppRouter';
import { createRootOnlyHistory } from '../../src/app/router/rootOnlyHistory';
import { RouteErrorBoundary } from '../../src/app/RouteErrorBoundary';
import { testI18n } from '../support/i18n';

function Crash(): never {
  throw new Error('screen crashed');
}

function Frame() {
  return (
    <>
      <button type="button">Quick exit</button>
      <Link to="/help">Help</Link>
      <main>
        <Outlet />
      </main>
    </>
  );
}

const routes: RouteObject[] = [
  {
    element: <Frame />,
    children: [
      {
        element: <RouteErrorBoundary />,
        children: [
          { index: true, element: <Crash /> },
          { path: 'help', element: <h1>Get help</h1> },
        ],
      },
    ],
  },
];

function Screens() {
  return useRoutes(routes);
}

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  // React reports the error it caught; the test expects it.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => window.history.replaceState(null, '', '/'));

describe('a screen that fails', () => {
  it('shows the error inside the shell, and moving to another screen clears it', async () => {
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={await testI18n()}>
        <AppRouter history={createRootOnlyHistory(window)}>
          <Screens />
        </AppRouter>
      </I18nextProvider>,
    );
    expect(screen.getByRole('alert').querySelector('h1')?.textContent).toBe('Something went wrong');
    expect(screen.getByRole('button', { name: 'Quick exit' })).toBeTruthy();
    await act(() => user.click(screen.getByRole('link', { name: 'Help' })));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Get help');
  });
});
