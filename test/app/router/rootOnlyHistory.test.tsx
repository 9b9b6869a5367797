// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link, Outlet, useLocation, useNavigate, useRoutes, type NavigateFunction, type RouteObject } from 'react-router';
import { AppRouter } from '../../../src/app/router/AppRouter';
import { createRootOnlyHistory, type RootOnlyHistory } from '../../../src/app/router/rootOnlyHistory';

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

/** The app's router over a new root-only history, with a handle on navigate() and the history. */
function renderApp(routeList: RouteObject[] = routes): { history: RootOnlyHistory; navigate: NavigateFunction } {
  const history = createRootOnlyHistory(window);
  let navigate: NavigateFunction | null = null;
  function Screens() {
    navigate = useNavigate();
    return useRoutes(routeList);
  }
  render(
    <AppRouter history={history}>
      <Screens />
    </AppRouter>,
  );
  if (!navigate) throw new Error('not rendered');
  return { history, navigate };
}

const heading = () => screen.getByRole('heading', { level: 1 }).textContent;

beforeEach(() => {
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  // Testing Library unmounts each test's router, which stops it listening to popstate.
  window.history.replaceState(null, '', '/');
});

describe('the address bar and history show only "/"', () => {
  it('opens a deep link once, then the address reads "/"', () => {
    window.history.replaceState(null, '', '/help/tech-safety?from=link#top');
    const { history } = renderApp();
    expect(heading()).toBe('Tech safety');
    expect(window.location.pathname).toBe('/');
    expect(window.location.search + window.location.hash).toBe('');
    expect(history.location).toMatchObject({ pathname: '/help/tech-safety', search: '?from=link', hash: '#top' });
  });

  it('every navigation adds one entry at "/", and Back and Forward move between screens', async () => {
    const user = userEvent.setup();
    const { navigate } = renderApp();
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
    await act(async () => {
      const popped = nextPopState();
      await navigate(-1);
      await popped;
    });
    expect(heading()).toBe('Home');
  });

  it('keeps no path, screen or hash in the browser history state', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('link', { name: 'Quick exit settings' }));
    expect(screen.getByTestId('where').textContent).toBe('/settings#quick-exit');
    expect(window.location.href).toBe(window.location.origin + '/');
    expect(JSON.stringify(window.history.state)).not.toMatch(/settings|quick|help|checklist|#/);
  });

  it('replacing a screen (navigate with replace) keeps one entry', async () => {
    const { navigate } = renderApp();
    const start = window.history.length;
    await act(() => navigate('/checklist'));
    await act(() => navigate('/settings', { replace: true }));
    expect(heading()).toBe('Settings');
    expect(window.history.length).toBe(start + 1);
    await back();
    expect(heading()).toBe('Home');
  });

  it('links show only the root address, so opening one in a new tab puts no screen in the history', async () => {
    const user = userEvent.setup();
    renderApp();
    for (const link of screen.getAllByRole('link')) expect(link.getAttribute('href')).toBe('/');
    await user.click(screen.getByRole('link', { name: 'Tech safety' }));
    expect(heading()).toBe('Tech safety');
  });

  it('an in-page link through the router keeps its hash in memory, not in the address', async () => {
    const user = userEvent.setup();
    const { history } = renderApp();
    await user.click(screen.getByRole('link', { name: 'In page' }));
    expect(history.location.hash).toBe('#section');
    expect(screen.getByTestId('where').textContent).toBe('/#section');
    expect(window.location.href).toBe(window.location.origin + '/');
  });

  it('a plain "#" link the browser follows itself: the address is put back to "/" and the screen stays', async () => {
    const { navigate } = renderApp();
    await act(() => navigate('/checklist'));
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
