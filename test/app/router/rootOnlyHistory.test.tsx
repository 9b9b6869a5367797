// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link, Outlet, RouterProvider, useLocation, type RouteObject } from 'react-router';
import { createAppRouter as createRouterOnce } from '../../../src/app/router/appRouter';
import { createRootOnlyHistory } from '../../../src/app/router/rootOnlyHistory';

/** Resolves after the next popstate (jsdom traverses history asynchronously). */
function nextPopState(): Promise<void> {
  return new Promise((resolve) => window.addEventListener('popstate', () => setTimeout(resolve, 0), { once: true }));
}

async function back(): Promise<void> {
  const popped = nextPopState();
  window.history.back();
  await act(() => popped);
}

async function forward(): Promise<void> {
  const popped = nextPopState();
  window.history.forward();
  await act(() => popped);
}

function Screen({ title }: { title: string }) {
  const { pathname, hash } = useLocation();
  return (
    <article>
      <h1>{title}</h1>
      <p data-testid="where">{pathname + hash}</p>
    </article>
  );
}

function Frame() {
  return (
    <>
      <nav>
        <Link to="/">Home</Link> <Link to="/checklist">Checklist</Link> <Link to="/help/tech-safety">Tech safety</Link>{' '}
        <Link to="/settings#quick-exit">Quick exit settings</Link> <Link to="#section">In page</Link>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
        <section id="section">Section</section>
      </main>
    </>
  );
}

const routes: RouteObject[] = [
  {
    element: <Frame />,
    children: [
      { index: true, element: <Screen title="Home" /> },
      { path: 'checklist', element: <Screen title="Checklist" /> },
      { path: 'help/tech-safety', element: <Screen title="Tech safety" /> },
      { path: 'settings', element: <Screen title="Settings" /> },
      { path: '*', element: <Screen title="Not found" /> },
    ],
  },
];

// Each test's router listens to the window's popstate; dispose of it before the next test.
const made: { dispose(): void }[] = [];
const createAppRouter = (routeList: RouteObject[]) => {
  const router = createRouterOnce(routeList);
  made.push(router);
  return router;
};

const heading = () => screen.getByRole('heading', { level: 1 }).textContent;

beforeEach(() => {
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  for (const router of made.splice(0)) router.dispose();
  window.history.replaceState(null, '', '/');
});

describe('the address bar and history show only "/"', () => {
  it('opens a deep link once, then the address reads "/"', () => {
    window.history.replaceState(null, '', '/help/tech-safety?from=link#top');
    const router = createAppRouter(routes);
    render(<RouterProvider router={router} />);
    expect(heading()).toBe('Tech safety');
    expect(window.location.pathname).toBe('/');
    expect(window.location.search + window.location.hash).toBe('');
    expect(router.state.location).toMatchObject({ pathname: '/help/tech-safety', search: '?from=link', hash: '#top' });
  });

  it('every navigation adds one entry at "/", and Back and Forward move between screens', async () => {
    const user = userEvent.setup();
    const router = createAppRouter(routes);
    render(<RouterProvider router={router} />);
    const start = window.history.length;
    await user.click(screen.getByRole('link', { name: 'Checklist' }));
    expect(heading()).toBe('Checklist');
    await user.click(screen.getByRole('link', { name: 'Tech safety' }));
    expect(heading()).toBe('Tech safety');
    expect(window.history.length).toBe(start + 2);
    expect(window.location.pathname).toBe('/');

    await back();
    expect(heading()).toBe('Checklist');
    expect(window.location.pathname).toBe('/');
    await back();
    expect(heading()).toBe('Home');
    await forward();
    expect(heading()).toBe('Checklist');
    await act(() => router.navigate(-1));
    expect(heading()).toBe('Home');
  });

  it('keeps no path, screen or hash in the browser history state', async () => {
    const user = userEvent.setup();
    render(<RouterProvider router={createAppRouter(routes)} />);
    await user.click(screen.getByRole('link', { name: 'Quick exit settings' }));
    expect(screen.getByTestId('where').textContent).toBe('/settings#quick-exit');
    expect(window.location.href).toBe(window.location.origin + '/');
    expect(JSON.stringify(window.history.state)).not.toMatch(/settings|quick|help|checklist|#/);
  });

  it('replacing a screen (navigate with replace) keeps one entry', async () => {
    const router = createAppRouter(routes);
    render(<RouterProvider router={router} />);
    const start = window.history.length;
    await act(() => router.navigate('/checklist'));
    await act(() => router.navigate('/settings', { replace: true }));
    expect(heading()).toBe('Settings');
    expect(window.history.length).toBe(start + 1);
    await back();
    expect(heading()).toBe('Home');
  });

  it('links keep their real paths, so "open in a new tab" opens that screen', () => {
    render(<RouterProvider router={createAppRouter(routes)} />);
    expect(screen.getByRole('link', { name: 'Tech safety' }).getAttribute('href')).toBe('/help/tech-safety');
  });

  it('an in-page link through the router keeps its hash in memory, not in the address', async () => {
    const user = userEvent.setup();
    const router = createAppRouter(routes);
    render(<RouterProvider router={router} />);
    await user.click(screen.getByRole('link', { name: 'In page' }));
    expect(router.state.location.hash).toBe('#section');
    expect(window.location.href).toBe(window.location.origin + '/');
  });

  it('a plain "#" link the browser follows itself: the address is put back to "/" and the screen stays', async () => {
    const router = createAppRouter(routes);
    render(<RouterProvider router={router} />);
    await act(() => router.navigate('/checklist'));
    const popped = nextPopState();
    window.location.hash = '#somewhere';
    await act(() => popped);
    expect(heading()).toBe('Checklist');
    expect(window.location.href).toBe(window.location.origin + '/');
  });

  it('an entry it did not make (from before a reload) keeps the screen and puts the address back', async () => {
    window.history.replaceState({ daybook: 'an earlier page load', entry: 3, position: 3 }, '', '/');
    window.history.pushState(null, '', '/#elsewhere');
    const history = createRootOnlyHistory(window);
    const heard: string[] = [];
    const stop = history.listen(({ location }) => heard.push(location.pathname + location.hash));
    expect(history.location.hash).toBe('#elsewhere');
    history.push('/checklist');
    await new Promise<void>((resolve) => {
      window.addEventListener('popstate', () => setTimeout(resolve, 0), { once: true });
      window.history.go(-2);
    });
    expect(heard).toEqual(['/checklist']);
    expect(history.location.pathname).toBe('/checklist');
    expect(window.location.pathname).toBe('/');
    stop();
  });
});
