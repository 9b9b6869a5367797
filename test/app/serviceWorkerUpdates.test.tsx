// @vitest-environment jsdom
// The service worker's report of a refused copy of the app's code is listened for from the first
// render; only registering the service worker waits for the first screen's paint.

import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INTEGRITY_QUERY, INTEGRITY_REPORT, type IntegrityReport } from '../../src/sw/messages';
import { testI18n } from '../support/i18n';

const registered = vi.hoisted(() => ({ count: 0, needRefresh: false }));
vi.mock('virtual:pwa-register/react', () => ({
  useRegisterSW: () => {
    registered.count += 1;
    return {
      needRefresh: [registered.needRefresh, () => undefined],
      offlineReady: [false, () => undefined],
      updateServiceWorker: async () => undefined,
    };
  },
}));

const REFUSED: IntegrityReport = {
  type: INTEGRITY_REPORT,
  refused: [{ url: 'http://localhost/assets/shared-x.js', outcome: 'refused' }],
  cost: { responses: 1, bytes: 1, milliseconds: 1 },
};

const { ServiceWorkerUpdates } = await import('../../src/app/ServiceWorkerUpdates');

/** A service worker container that records what the page posts and lets the test push messages. */
function fakeServiceWorker() {
  const target = new EventTarget();
  const posted: unknown[] = [];
  const container = Object.assign(target, {
    controller: { postMessage: (message: unknown) => posted.push(message) },
    startMessages: () => undefined,
  });
  Object.defineProperty(navigator, 'serviceWorker', { value: container, configurable: true });
  return {
    posted,
    push: (data: unknown) => container.dispatchEvent(new MessageEvent('message', { data })),
  };
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'serviceWorker');
  registered.count = 0;
  registered.needRefresh = false;
});

describe('ServiceWorkerUpdates', () => {
  it('before registering, asks for and shows a refused copy of the app’s code', async () => {
    const worker = fakeServiceWorker();
    const i18n = await testI18n();
    render(
      <I18nextProvider i18n={i18n}>
        <ServiceWorkerUpdates register={false} />
      </I18nextProvider>,
    );
    expect(worker.posted).toEqual([{ type: INTEGRITY_QUERY }]);
    expect(registered.count).toBe(0);
    act(() => worker.push(REFUSED));
    expect(screen.getByRole('alert').textContent).toContain(i18n.t('integrity.refused'));
    expect(registered.count).toBe(0);
  });

  it('registers once told to, and keeps listening', async () => {
    const worker = fakeServiceWorker();
    const i18n = await testI18n();
    const { rerender } = render(
      <I18nextProvider i18n={i18n}>
        <ServiceWorkerUpdates register={false} />
      </I18nextProvider>,
    );
    rerender(
      <I18nextProvider i18n={i18n}>
        <ServiceWorkerUpdates register />
      </I18nextProvider>,
    );
    expect(registered.count).toBeGreaterThan(0);
    // Asked once: registering did not remount the listener.
    expect(worker.posted).toHaveLength(1);
    act(() => worker.push(REFUSED));
    expect(screen.getByRole('alert').textContent).toContain(i18n.t('integrity.refused'));
  });

  it('one notice at a time: the refused copy first, then the waiting update', async () => {
    const worker = fakeServiceWorker();
    registered.needRefresh = true;
    const i18n = await testI18n();
    render(
      <I18nextProvider i18n={i18n}>
        <ServiceWorkerUpdates register />
      </I18nextProvider>,
    );
    expect(screen.getByText('A new version of Daybook is ready.')).toBeTruthy();
    act(() => worker.push(REFUSED));
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(screen.queryByText('A new version of Daybook is ready.')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: i18n.t('integrity.dismiss') }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('A new version of Daybook is ready.')).toBeTruthy();
  });
});
