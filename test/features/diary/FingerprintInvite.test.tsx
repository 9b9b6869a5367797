// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { aQuickIncidentOn } from '../../support/incidentFactories';
import { renderDiary, testDiary, testStores } from './renderDiary';

const DAY = 24 * 60 * 60 * 1000;

async function withRecords(count: number): Promise<DiaryRepository> {
  const repository = await testDiary();
  for (let i = 0; i < count; i++) await repository.add(aQuickIncidentOn('2026-03-01', { whatHappened: `Record ${i}` }));
  return repository;
}

/** Notes the diary's fingerprint as it is now as shared `daysAgo` days ago. */
async function sharedDaysAgo(repository: DiaryRepository, daysAgo: number) {
  await testStores(repository).fingerprints.record(await repository.treeHead(), 'copy', new Date(Date.now() - daysAgo * DAY));
}

const invite = () => screen.queryByRole('complementary', { name: 'Share your diary fingerprint?' });

/** Renders the diary and waits until what was shared has been read (the panel says). */
async function shown(repository: DiaryRepository, options?: Parameters<typeof renderDiary>[3]) {
  const rendered = await renderDiary(repository, '/', 'en-GB', options);
  await screen.findByText(/^(Not shared yet\.|Last shared )/);
  return rendered;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('monthly invitation to share the fingerprint', () => {
  it('comes when there are records and nothing was ever shared', async () => {
    await shown(await withRecords(1));
    expect(await screen.findByRole('button', { name: 'Show fingerprint' })).toBeTruthy();
    expect(invite()?.textContent).toMatch(/You have not shared your diary fingerprint yet/);
    expect(screen.getByRole('button', { name: 'Not now' })).toBeTruthy();
  });

  it('does not come for an empty diary', async () => {
    await shown(await withRecords(0));
    expect(invite()).toBeNull();
  });

  it('comes 31 days after the last share when there are records since, saying when that was', async () => {
    const repository = await withRecords(2);
    await sharedDaysAgo(repository, 31);
    await repository.add(aQuickIncidentOn('2026-03-02', { whatHappened: 'Since' }));
    await shown(repository);
    await waitFor(() => expect(invite()?.textContent).toMatch(/You last shared your diary fingerprint \d/));
  });

  it('does not come within 30 days of a share, nor when nothing was added since the last one', async () => {
    const recent = await withRecords(2);
    await sharedDaysAgo(recent, 10);
    await recent.add(aQuickIncidentOn('2026-03-02', { whatHappened: 'Since' }));
    await shown(recent);
    expect(invite()).toBeNull();
    cleanup();

    const unchanged = await withRecords(2);
    await sharedDaysAgo(unchanged, 40);
    await shown(unchanged);
    expect(invite()).toBeNull();
  });

  it('"Not now" hides it for 30 days, then it comes back', async () => {
    const user = userEvent.setup();
    const repository = await withRecords(2);
    await shown(repository);
    await user.click(await screen.findByRole('button', { name: 'Not now' }));
    expect(invite()).toBeNull();
    // Focus goes to where the fingerprint can be found later, not lost with the note.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Diary fingerprint'));
    // Hidden at once; remembered by a write that may still be under way on a busy machine.
    await waitFor(async () => expect(await testStores(repository).fingerprints.promptSnoozedUntil()).not.toBeNull());

    // The diary screen again, later the same day and 29 days on: still put off.
    cleanup();
    await shown(repository);
    expect(invite()).toBeNull();
    cleanup();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 29 * DAY);
    await shown(repository);
    expect(invite()).toBeNull();
    cleanup();

    vi.setSystemTime(Date.now() + 2 * DAY);
    await shown(repository);
    await waitFor(() => expect(invite()).toBeTruthy());
  });

  it('a share and a "Not now" made with the clock set to 2099, then put back, do not keep it away', async () => {
    const repository = await withRecords(2);
    const stored = testStores(repository).fingerprints;
    await stored.record(await repository.treeHead(), 'copy', new Date('2099-01-01T00:00:00.000Z'));
    await stored.snoozePrompt(new Date('2099-01-31T00:00:00.000Z'));
    await repository.add(aQuickIncidentOn('2026-03-02', { whatHappened: 'Since' }));
    await shown(repository);
    // It comes, and says truthfully when the last share was recorded, by the clock as it was set then.
    await waitFor(() => expect(invite()?.textContent).toMatch(/You last shared your diary fingerprint 1 Jan 2099/));
  });

  it('keeps "Not now" in the encrypted fingerprint store, so it outlives a lock', async () => {
    const repository = await withRecords(1);
    const user = userEvent.setup();
    await shown(repository);
    await user.click(await screen.findByRole('button', { name: 'Not now' }));
    const stored = testStores(repository).fingerprints;
    await waitFor(async () => expect(await stored.promptSnoozedUntil()).not.toBeNull());
    const until = Date.parse((await stored.promptSnoozedUntil()) ?? '');
    expect(until - Date.now()).toBeGreaterThan(29.9 * DAY);
    expect(until - Date.now()).toBeLessThanOrEqual(30 * DAY);
    cleanup();
    // New store objects over the same database, as after locking and unlocking again.
    await shown(repository, { override: { stores: testStores(repository) } });
    expect(invite()).toBeNull();
  });

  it('"Show fingerprint" opens the fingerprint and takes focus there; sharing it ends the invitation', async () => {
    const user = userEvent.setup();
    const repository = await withRecords(2);
    await shown(repository);
    // The invitation comes once the shares and the snooze are both read, which can be after the
    // panel's "Not shared yet".
    await user.click(await screen.findByRole('button', { name: 'Show fingerprint' }));
    const summary = screen.getByText('Diary fingerprint', { selector: 'summary' });
    expect(summary.closest('details')?.open).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(summary));
    vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Print' }).hasAttribute('disabled')).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Print' }));
    await waitFor(() => expect(invite()).toBeNull());
    window.dispatchEvent(new Event('afterprint'));
  });
});
