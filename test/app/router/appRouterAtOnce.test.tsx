// @vitest-environment jsdom
// The app's router renders a navigation in the tap's own task when the screen needs nothing
// more (rendersAtOnce), and in a transition otherwise: there the screen being left stays while
// the next one's code loads.

import { lazy, Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link, Outlet, useRoutes, type RouteObject } from 'react-router';
import { AppRouter } from '../../../src/app/router/AppRouter';
import { createRootOnlyHistory } from '../../../src/app/router/rootOnlyHistory';

// A screen whose code never arrives.
const Waiting = lazy(() => new Promise<never>(() => undefined));

function Frame() {
  return (
    <>
      <nav>
        <Link to="/">Home</Link> <Link to="/waiting">Waiting</Link> <Link to="/here">Here</Link>
      </nav>
      <Suspense fallback={<p>Loading</p>}>
        <Outlet />
      </Suspense>
    </>
  );
}

const routes: RouteObject[] = [
  {
    element: <Frame />,
    children: [
      { index: true, element: <h1>Home</h1> },
      { path: 'waiting', element: <Waiting /> },
      { path: 'here', element: <h1>Here</h1> },
    ],
  },
];

function Screens() {
  return useRoutes(routes);
}

function renderApp(rendersAtOnce?: (pathname: string) => boolean) {
  const history = createRootOnlyHistory(window);
  render(
    <AppRouter history={history} rendersAtOnce={rendersAtOnce}>
      <Screens />
    </AppRouter>,
  );
}

beforeEach(() => {
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('rendering a navigation at once or in a transition', () => {
  it('keeps the screen being left while the next one waits for its code, by default', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('link', { name: 'Waiting' }));
    expect(screen.getByRole('heading', { name: 'Home' })).toBeTruthy();
    expect(screen.queryByText('Loading')).toBeNull();
  });

  it('renders at once a screen it is told needs nothing more, and asks about each navigation', async () => {
    const user = userEvent.setup();
    const atOnce = vi.fn((pathname: string) => pathname === '/waiting' || pathname === '/here');
    renderApp(atOnce);
    await user.click(screen.getByRole('link', { name: 'Here' }));
    expect(screen.getByRole('heading', { name: 'Here' })).toBeTruthy();
    // Told wrongly (its code is not here): the render is not held back, so the loading line shows.
    await user.click(screen.getByRole('link', { name: 'Waiting' }));
    expect(screen.getByText('Loading')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Here' })).toBeNull();
    expect(atOnce.mock.calls.map(([pathname]) => pathname)).toEqual(['/here', '/waiting']);
  });

  it('asks about Back too', async () => {
    const user = userEvent.setup();
    const atOnce = vi.fn((pathname: string) => pathname.startsWith('/'));
    renderApp(atOnce);
    await user.click(screen.getByRole('link', { name: 'Here' }));
    const popped = new Promise<void>((resolve) => window.addEventListener('popstate', () => setTimeout(resolve, 0), { once: true }));
    window.history.back();
    await act(() => popped);
    expect(screen.getByRole('heading', { name: 'Home' })).toBeTruthy();
    expect(atOnce.mock.calls.map(([pathname]) => pathname)).toEqual(['/here', '/']);
  });
});
