// @vitest-environment jsdom
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserKind } from '../../../src/core/device/browserKind';
import { StorageStatus } from '../../../src/features/vault/StorageStatus';
import { BrowserKindContext } from '../../../src/shared/device/browserKindContext';
import { testI18n } from '../../support/i18n';

const AGREED = "This browser has agreed to keep Daybook's data, even when the device is low on space.";
const NOT_AGREED = "This browser has not promised to keep Daybook's data. It may delete it if the device runs low on space.";
const CANNOT_TELL = "This browser does not say whether it will keep Daybook's data.";
const ASK = "Ask the browser to keep Daybook's data";
const WAITING = "Waiting for the browser's answer. If it asks whether Daybook may store data on this device, allow it.";
const REFUSED = 'The browser has not agreed. Browsers decide this in different ways, and some do not ask at all.';
const HOW = 'If the browser does not ask, or says no';

/** A navigator.storage whose answer to persist() the test gives, when it chooses. */
function fakeStorage(initially: boolean) {
  const state = { persisted: initially };
  let answer: (granted: boolean) => void = () => undefined;
  const storage = {
    persisted: vi.fn(() => Promise.resolve(state.persisted)),
    persist: vi.fn(
      () =>
        new Promise<boolean>((resolve) => {
          answer = (granted) => {
            state.persisted = granted;
            resolve(granted);
          };
        }),
    ),
    estimate: vi.fn(() => Promise.resolve({ usage: 3 * 1024 * 1024, quota: 500 * 1024 * 1024 })),
  };
  Object.defineProperty(navigator, 'storage', { configurable: true, value: storage });
  return { storage, state, answer: (granted: boolean) => act(async () => answer(granted)) };
}

afterEach(() => {
  delete (navigator as { storage?: unknown }).storage;
});

/** Renders the storage section; `browser` as the browser would be detected (none: read jsdom's navigator). */
async function renderStatus(language = 'en-GB', browser?: BrowserKind) {
  const i18n = await testI18n(language);
  const status = <StorageStatus />;
  return render(
    <I18nextProvider i18n={i18n}>
      {browser ? <BrowserKindContext.Provider value={browser}>{status}</BrowserKindContext.Provider> : status}
    </I18nextProvider>,
  );
}

describe('storage status in Settings', () => {
  it('says when the browser has agreed, with the space used, and offers nothing to ask', async () => {
    fakeStorage(true);
    await renderStatus();
    expect(await screen.findByText(AGREED)).toBeTruthy();
    expect(screen.getByText('Using 3.0 MB of about 500 MB available to Daybook.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: ASK })).toBeNull();
    expect(screen.queryByText(HOW)).toBeNull();
  });

  it('says when it has not, how to ask again, and re-checks once the browser answers yes', async () => {
    const { storage, answer } = fakeStorage(false);
    const user = userEvent.setup();
    await renderStatus();
    expect(await screen.findByText(NOT_AGREED)).toBeTruthy();
    expect(screen.getByRole('heading', { name: HOW })).toBeTruthy();
    for (const advice of [
      'It may help to add Daybook to your home screen, or install it as an app, and open it from there.',
      'Some browsers let you allow it in the settings or permissions for this site.',
      'Some browsers decide by themselves, and may agree once a site is bookmarked or used often.',
      'Then come back here and ask again.',
    ]) {
      expect(screen.getByText(advice)).toBeTruthy();
    }
    await user.click(screen.getByRole('button', { name: ASK }));
    expect(storage.persist).toHaveBeenCalledTimes(1);
    // The browser may be waiting for the person to answer its prompt: say so, block nothing.
    expect(await screen.findByText(WAITING)).toBeTruthy();
    expect(screen.getByRole('button', { name: ASK })).toHaveProperty('disabled', false);
    await answer(true);
    expect(await screen.findByText(AGREED)).toBeTruthy();
    expect(screen.queryByText(NOT_AGREED)).toBeNull();
    expect(screen.queryByRole('button', { name: ASK })).toBeNull();
  });

  it('when the browser says no: says so and still offers to ask again', async () => {
    const { storage, answer } = fakeStorage(false);
    const user = userEvent.setup();
    await renderStatus();
    await user.click(await screen.findByRole('button', { name: ASK }));
    await answer(false);
    expect(await screen.findByText(REFUSED)).toBeTruthy();
    expect(screen.getByText(NOT_AGREED)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: ASK }));
    expect(storage.persist).toHaveBeenCalledTimes(2);
  });

  it('re-checks when the person comes back (after changing the site settings, say)', async () => {
    const { state } = fakeStorage(false);
    await renderStatus();
    expect(await screen.findByText(NOT_AGREED)).toBeTruthy();
    state.persisted = true;
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(() => expect(screen.getByText(AGREED)).toBeTruthy());
  });

  it('when the browser cannot tell: says so, with no button that could not work', async () => {
    await renderStatus();
    expect(await screen.findByText(CANNOT_TELL)).toBeTruthy();
    expect(screen.queryByRole('button', { name: ASK })).toBeNull();
  });

  it('in Welsh too', async () => {
    fakeStorage(false);
    await renderStatus('cy');
    expect(await screen.findByRole('button', { name: "Gofyn i'r porwr gadw data Daybook" })).toBeTruthy();
    expect(screen.getByRole('heading', { name: "Os nad yw'r porwr yn gofyn, neu'n dweud na" })).toBeTruthy();
  });
});

const APPLE_TITLE = 'On iPhone and iPad';
const SEVEN_DAYS =
  "Safari may delete everything a website keeps on this device, this diary included, after Safari has been used for 7 days without that website being opened. Other browsers on iPhone and iPad are built on Safari's engine and may do the same.";
const ADD_TO_HOME_SCREEN =
  'Apple says a website added to the Home Screen has its own storage and is not counted in the same way. To add Daybook, tap the Share button in Safari, then "Add to Home Screen", and from then on open Daybook from its icon.';
const STARTS_EMPTY =
  'Because its storage is separate, Daybook on the Home Screen starts empty. To move your diary there, make a backup here first, then open Daybook from the Home Screen and set it up from that backup.';
const KEEP_A_BACKUP =
  'Wherever you open it, a backup file kept somewhere safe is the way not to lose your diary. Make a new one after you write down new incidents.';
const FROM_HOME_SCREEN =
  "Daybook is open from your Home Screen. Apple says Home Screen apps are not counted in the same way by Safari's rule of deleting website data after 7 days without use. The diary is still kept only on this device, so keep making backups and keep them somewhere safe.";

describe("storage status and Safari's 7-day rule", () => {
  it('in a browser tab on iPhone or iPad: explains the rule, how to add to the Home Screen, and that a backup is the way not to lose the diary', async () => {
    fakeStorage(true);
    await renderStatus('en-GB', 'apple-tab');
    expect(await screen.findByRole('heading', { name: APPLE_TITLE })).toBeTruthy();
    for (const text of [SEVEN_DAYS, ADD_TO_HOME_SCREEN, STARTS_EMPTY, KEEP_A_BACKUP]) expect(screen.getByText(text)).toBeTruthy();
    expect(screen.queryByText(FROM_HOME_SCREEN)).toBeNull();
  });

  it('opened from the Home Screen: says so briefly, and still asks for backups', async () => {
    fakeStorage(true);
    await renderStatus('en-GB', 'apple-home-screen');
    expect(await screen.findByText(FROM_HOME_SCREEN)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: APPLE_TITLE })).toBeNull();
    expect(screen.queryByText(SEVEN_DAYS)).toBeNull();
    expect(screen.queryByText(ADD_TO_HOME_SCREEN)).toBeNull();
  });

  it('anywhere else (and in jsdom, read from its navigator): nothing about it', async () => {
    for (const browser of ['other', undefined] as const) {
      fakeStorage(true);
      const { unmount } = await renderStatus('en-GB', browser);
      expect(await screen.findByText(AGREED)).toBeTruthy();
      expect(screen.queryByText(/Safari|iPhone|Home Screen/)).toBeNull();
      unmount();
    }
  });

  it('in Welsh too', async () => {
    fakeStorage(true);
    await renderStatus('cy', 'apple-tab');
    expect(await screen.findByRole('heading', { name: 'Ar iPhone ac iPad' })).toBeTruthy();
    expect(screen.getByText(/tapiwch y botwm Rhannu \(Share\) yn Safari/)).toBeTruthy();
  });
});
