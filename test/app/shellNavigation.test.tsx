// @vitest-environment jsdom
// The shell on a move to another screen (app/Shell.tsx): a screen reached by a link or a replace
// starts at its top, with focus on the content so a screen reader announces it; Back leaves the
// page where it was; a replace of the same screen's address does neither. Both happen before the
// new screen's own layout effects run (so before the browser paints it, and before a screen that
// measures the page as it mounts, as the timeline's windowed list does, measures it).

import { act, render, screen } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Vault } from '../../src/core/vault/vault';
import { VaultContext } from '../../src/shared/vault/vaultContext';
import { testI18n } from '../support/i18n';

vi.mock('virtual:pwa-register/react', () => ({
  useRegisterSW: () => ({
    needRefresh: [false, () => undefined],
    offlineReady: [false, () => undefined],
    updateServiceWorker: async () => undefined,
  }),
}));

const i18n = await testI18n();
const { Shell } = await import('../../src/app/Shell');

/** jsdom has no scrolling element: one whose position the test reads and sets. */
const page = { scrollTop: 0 };

/** What each screen saw in its first layout effect: the page's position and where focus was. */
const seen: { screen: string; scrollTop: number; focusOnMain: boolean }[] = [];

function Screen({ name }: { name: string }) {
  useLayoutEffect(() => {
    seen.push({ screen: name, scrollTop: page.scrollTop, focusOnMain: document.activeElement?.id === 'main' });
  }, [name]);
  return <p>{`screen ${name}`}</p>;
}

function renderShell() {
  const router = createMemoryRouter(
    [
      {
        element: <Shell />,
        children: ['/', '/a', '/b'].map((path) => ({ path, element: <Screen key={path} name={path} /> })),
      },
    ],
    { initialEntries: ['/'] },
  );
  const vault = {} as Vault;
  render(
    <I18nextProvider i18n={i18n}>
      <VaultContext.Provider value={{ status: 'locked', vault }}>
        <RouterProvider router={router} />
      </VaultContext.Provider>
    </I18nextProvider>,
  );
  return router;
}

beforeEach(() => {
  page.scrollTop = 0;
  seen.length = 0;
  Object.defineProperty(document, 'scrollingElement', { configurable: true, get: () => page });
});

afterEach(() => {
  Reflect.deleteProperty(document, 'scrollingElement');
});

describe('Shell: moving to another screen', () => {
  it('leaves the first screen as the browser put it, and focus where it was', async () => {
    page.scrollTop = 120;
    renderShell();
    await screen.findByText('screen /');
    expect(seen).toEqual([{ screen: '/', scrollTop: 120, focusOnMain: false }]);
  });

  it('a screen reached by a link or a replace starts at its top, focus on the content, before its own layout effects run', async () => {
    const router = renderShell();
    await screen.findByText('screen /');
    page.scrollTop = 900;
    await act(() => router.navigate('/a'));
    page.scrollTop = 700;
    await act(() => router.navigate('/b', { replace: true }));
    expect(seen.slice(1)).toEqual([
      { screen: '/a', scrollTop: 0, focusOnMain: true },
      { screen: '/b', scrollTop: 0, focusOnMain: true },
    ]);
    expect(page.scrollTop).toBe(0);
  });

  it('Back leaves the page where the browser put it, focus on the content', async () => {
    const router = renderShell();
    await screen.findByText('screen /');
    await act(() => router.navigate('/a'));
    page.scrollTop = 640;
    await act(() => router.navigate(-1));
    await screen.findByText('screen /');
    expect(seen.at(-1)).toEqual({ screen: '/', scrollTop: 640, focusOnMain: true });
    expect(page.scrollTop).toBe(640);
  });

  it('a replace of the same screen’s address neither scrolls nor moves focus', async () => {
    const router = renderShell();
    await screen.findByText('screen /');
    await act(() => router.navigate('/a'));
    page.scrollTop = 300;
    screen.getByRole('button', { name: /quick exit/i }).focus();
    await act(() => router.navigate('/a?saved=1', { replace: true }));
    expect(page.scrollTop).toBe(300);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /quick exit/i }));
  });
});
