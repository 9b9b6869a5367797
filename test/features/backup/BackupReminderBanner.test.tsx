// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { BrowserKind } from '../../../src/core/device/browserKind';
import { BackupReminderBanner } from '../../../src/features/backup/BackupReminderBanner';
import { useBackupStatus } from '../../../src/features/backup/useBackupStatus';
import { BrowserKindContext } from '../../../src/shared/device/browserKindContext';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

const DAY = 24 * 60 * 60 * 1000;
const TITLE = 'Time for a backup';
const SAFARI =
  "On iPhone and iPad, Safari may clear a website's data, this diary included, after Safari has been used for 7 days without Daybook being opened. A backup file kept somewhere safe is the way not to lose your diary.";

/** A diary whose one incident was written `daysAgo` days ago, and no backup made. */
async function diaryStartedDaysAgo(daysAgo: number) {
  const { vault } = await createdVault();
  const opened = await openedTestDiary(vault, () => new Date(Date.now() - daysAgo * DAY));
  await opened.repository.add(aQuickIncident({ whatHappened: 'Parked opposite again' }));
  return opened;
}

/** Says when the reminder has been worked out, so that "no banner" means "not due", not "not yet". */
function ReminderWorkedOut() {
  const { reminder } = useBackupStatus();
  return reminder ? <p>{`worked out: ${reminder.due ? 'due' : 'not due'}`}</p> : null;
}

/** The banner on the diary screen, with the browser kind given (none: read jsdom's navigator). */
async function renderBanner(daysAgo: number, browser?: BrowserKind, language = 'en-GB') {
  const i18n = await testI18n(language);
  const { repository, stores } = await diaryStartedDaysAgo(daysAgo);
  const router = createMemoryRouter([
    {
      path: '/',
      element: (
        <>
          <BackupReminderBanner />
          <ReminderWorkedOut />
        </>
      ),
    },
  ]);
  const banner = (
    <TestDiaryProvider repository={repository} stores={stores}>
      <RouterProvider router={router} />
    </TestDiaryProvider>
  );
  const { unmount } = render(
    <I18nextProvider i18n={i18n}>
      {browser ? <BrowserKindContext.Provider value={browser}>{banner}</BrowserKindContext.Provider> : banner}
    </I18nextProvider>,
  );
  return { stores, unmount };
}

const notDue = () => screen.findByText('worked out: not due');

describe('backup reminder banner and Safari on iPhone and iPad', () => {
  it('in a browser tab on iPhone or iPad: due after 3 days, and says why', async () => {
    await renderBanner(3, 'apple-tab');
    expect(await screen.findByRole('heading', { name: TITLE })).toBeTruthy();
    expect(
      screen.getByText('You have 1 incident in your diary and no backup yet. A backup keeps it safe if this phone is lost or broken.'),
    ).toBeTruthy();
    expect(screen.getByText(SAFARI)).toBeTruthy();
  });

  it('before 3 days in a tab, nothing', async () => {
    await renderBanner(2, 'apple-tab');
    await notDue();
    expect(screen.queryByRole('heading', { name: TITLE })).toBeNull();
  });

  it('from the Home Screen, and anywhere else: the usual 7 days, without the Safari wording', async () => {
    for (const browser of ['apple-home-screen', 'other', undefined] as const) {
      const { unmount } = await renderBanner(3, browser);
      await notDue();
      expect(screen.queryByRole('heading', { name: TITLE })).toBeNull();
      unmount();
    }
    await renderBanner(7, 'apple-home-screen');
    expect(await screen.findByRole('heading', { name: TITLE })).toBeTruthy();
    expect(screen.queryByText(SAFARI)).toBeNull();
  });

  it('"Remind me later" still puts it off', async () => {
    const user = userEvent.setup();
    const { stores } = await renderBanner(4, 'apple-tab');
    await user.click(await screen.findByRole('button', { name: 'Remind me later' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: TITLE })).toBeNull());
    // The banner hides at once; the snooze is stored just after (the test once read it too early).
    await waitFor(async () => {
      const { snoozedUntil } = await stores.backupStatus.get();
      expect(Date.parse(snoozedUntil ?? '')).toBeGreaterThan(Date.now() + 2 * DAY);
    });
  });

  it('in Welsh too', async () => {
    await renderBanner(3, 'apple-tab', 'cy');
    expect(await screen.findByText(/gall Safari glirio data gwefan/)).toBeTruthy();
  });
});
