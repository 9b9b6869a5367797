// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { HowToAddScreenshot } from '../../../src/shared/capture/HowToAddScreenshot';
import { detectPlatform } from '../../../src/shared/capture/platform';
import { ShareNotice } from '../../../src/features/capture/ShareNotice';
import { LANGUAGES } from '../../../src/i18n/languages';
import { MAX_SHARE_FILES, SHARE_QUERY, SHARE_REPORT, type ShareReport } from '../../../src/sw/shareMessages';
import { readLocale, testI18n } from '../../support/i18n';

/** A stand-in for navigator.serviceWorker: records what the page posts, and can answer. */
class FakeContainer extends EventTarget {
  posted: unknown[] = [];
  controller = { postMessage: (message: unknown) => this.posted.push(message) };
  startMessages() {}
  answer(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

function installContainer(): FakeContainer {
  const container = new FakeContainer();
  Object.defineProperty(navigator, 'serviceWorker', { value: container, configurable: true });
  return container;
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'serviceWorker');
});

async function renderNotice() {
  const container = installContainer();
  render(
    <I18nextProvider i18n={await testI18n()}>
      <ShareNotice />
    </I18nextProvider>,
  );
  return container;
}

describe('ShareNotice', () => {
  it('asks the service worker once, and shows nothing when no share opened this window', async () => {
    const container = await renderNotice();
    expect(container.posted).toEqual([{ type: SHARE_QUERY }]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says plainly that nothing was kept when the diary was not ready, and can be dismissed', async () => {
    const container = await renderNotice();
    const report: ShareReport = { type: SHARE_REPORT, outcome: 'not-ready', kept: 0 };
    act(() => container.answer(report));
    expect(screen.getByRole('alert').textContent).toContain(
      'Daybook could not keep what you shared: open Daybook and unlock it once, then share again.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names the limits when a share was refused, and ignores other messages', async () => {
    const container = await renderNotice();
    act(() => container.answer({ type: SHARE_REPORT, outcome: 'stolen', kept: 0 }));
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => container.answer({ type: SHARE_REPORT, outcome: 'too-large', kept: 0 }));
    expect(screen.getByRole('alert').textContent).toContain('each file can be up to 100 MB');
    act(() => container.answer({ type: SHARE_REPORT, outcome: 'kept', kept: 2 }));
    expect(screen.getByRole('status').textContent).toContain('kept sealed on this device');
  });

  it(`states the file limit (${MAX_SHARE_FILES}) in every language`, () => {
    for (const { code } of LANGUAGES) {
      const capture = readLocale(code).capture as { share: { tooMany: string } };
      expect(capture.share.tooMany, code).toContain(String(MAX_SHARE_FILES));
    }
  });
});

describe('HowToAddScreenshot', () => {
  it('tells the platform apart from the browser (iPadOS says it is a Mac)', () => {
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
    const mac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
    const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
    expect(detectPlatform(iphone, 5)).toBe('ios');
    expect(detectPlatform(mac, 5)).toBe('ios');
    expect(detectPlatform(mac, 0)).toBe('computer');
    expect(detectPlatform(android, 5)).toBe('android');
    expect(detectPlatform('Mozilla/5.0 (X11; Linux x86_64)', 0)).toBe('computer');
  });

  it('on an iPhone, shows the picker steps and offers no sharing', async () => {
    render(
      <I18nextProvider i18n={await testI18n()}>
        <HowToAddScreenshot platform="ios" />
      </I18nextProvider>,
    );
    const summary = screen.getByText('How to add a screenshot');
    await userEvent.click(summary);
    const own = summary.closest('details')?.querySelector(':scope > ol');
    expect(own?.textContent).toContain('Choose “Add photos or files”');
    expect(own?.textContent).not.toContain('Share');
    // The other platforms' steps are there too, folded away.
    expect(screen.getByText('On other devices')).toBeTruthy();
    expect(screen.getByText('Android phone or tablet')).toBeTruthy();
  });

  it('on Android, mentions sharing into the installed app, and the picker as the other way', async () => {
    render(
      <I18nextProvider i18n={await testI18n('cy')}>
        <HowToAddScreenshot platform="android" />
      </I18nextProvider>,
    );
    const own = screen.getByText('Sut i ychwanegu sgrinlun').closest('details')?.querySelector(':scope > ol');
    expect(own?.querySelectorAll('li')).toHaveLength(4);
    expect(own?.textContent).toContain('Rhannu');
    expect(own?.textContent).toContain('“Ychwanegu lluniau neu ffeiliau”');
  });
});
