// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatFingerprint } from '../../../src/core/evidence';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { aQuickIncidentOn } from '../../support/incidentFactories';
import { renderDiary, testDiary, testStores } from './renderDiary';

async function withThree(): Promise<DiaryRepository> {
  const repository = await testDiary();
  for (const text of ['Followed me home', 'Silent calls', 'Car outside']) {
    await repository.add(aQuickIncidentOn('2026-03-01', { whatHappened: text }));
  }
  return repository;
}

/** Puts `value` on navigator as `name` for one test (jsdom has neither share nor a clipboard). */
function onNavigator(name: 'share' | 'clipboard', value: unknown) {
  Object.defineProperty(navigator, name, { value, configurable: true, writable: true });
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'share');
  Reflect.deleteProperty(navigator, 'clipboard');
  document.documentElement.classList.remove('printing-fingerprint');
});

/** Renders the diary and opens "Diary fingerprint"; resolves with what it should show. */
async function openPanel(repository: DiaryRepository, language = 'en-GB', title = 'Diary fingerprint') {
  const user = userEvent.setup();
  await renderDiary(repository, '/', language);
  await user.click(screen.getByText(title, { selector: 'summary' }));
  const expected = formatFingerprint(await repository.treeHead());
  await waitFor(() => expect(screen.getByTestId('fingerprint').textContent).toBe(expected));
  return { user, expected, status: () => document.querySelector('.fingerprint-status')?.textContent ?? '' };
}

const recorded = (repository: DiaryRepository) => testStores(repository).fingerprints.list();

describe('diary fingerprint', () => {
  it('shows the tree head as a fingerprint with the number of records it covers, and a plain explanation', async () => {
    const repository = await withThree();
    const { expected } = await openPanel(repository);
    expect(expected).toMatch(/^3 · ([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const panel = screen.getByText('Diary fingerprint', { selector: 'summary' }).closest('details') as HTMLElement;
    expect(within(panel).getByText('Records it covers: 3')).toBeTruthy();
    expect(panel.textContent).toMatch(/Give it to someone you trust \(an advocate, the police, or your own email\)/);
    expect(panel.textContent).toMatch(/not rewritten after today/);
    expect(within(panel).getByText('Not shared yet.')).toBeTruthy();
    expect(within(panel).getByRole('status')).toBeTruthy();
    // No share sheet in this browser: Share is not offered; Print always is.
    expect(within(panel).queryByRole('button', { name: 'Share fingerprint' })).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Print' })).toBeTruthy();
  });

  it('copies the fingerprint and one line about it, nothing from the diary, and notes the copy', async () => {
    const repository = await withThree();
    const writeText = vi.fn(async (_text: string) => undefined);
    onNavigator('clipboard', { writeText });
    const { user, expected, status } = await openPanel(repository);
    // userEvent.setup() puts its own clipboard on navigator: put ours back.
    onNavigator('clipboard', { writeText });
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(status()).toBe('Fingerprint copied. Paste it into a message or an email to someone you trust.'));
    const text = writeText.mock.calls[0]?.[0] ?? '';
    expect(text).toContain(expected);
    expect(text).toMatch(/^Reference code, .+: 3 · .+ Please keep this message safe; I may ask you for it later\.$/);
    expect(text).not.toMatch(/Followed|Silent|Car outside/);
    // An abuser reading the sent messages should not learn there is a diary.
    expect(text).not.toMatch(/diary|daybook/i);
    const head = await repository.treeHead();
    expect(await recorded(repository)).toEqual([{ size: 3, root: head.root, how: 'copy', sharedAt: expect.any(String) }]);
    await waitFor(() => expect(screen.getByText(/^Last shared /)).toBeTruthy());
  });

  it('shares through the share sheet (text only) and notes it', async () => {
    const repository = await withThree();
    const share = vi.fn(async (_data: ShareData) => undefined);
    onNavigator('share', share);
    const { user, expected, status } = await openPanel(repository);
    await user.click(screen.getByRole('button', { name: 'Share fingerprint' }));
    await waitFor(() => expect(status()).toBe('Fingerprint shared.'));
    expect(share).toHaveBeenCalledTimes(1);
    const data = share.mock.calls[0]?.[0];
    expect(Object.keys(data ?? {})).toEqual(['text']);
    expect(data?.text).toContain(expected);
    expect(data?.text).not.toMatch(/Followed|Silent|Car outside/);
    expect(await recorded(repository)).toEqual([expect.objectContaining({ size: 3, how: 'share' })]);
  });

  it('notes nothing when the person closes the share sheet', async () => {
    const repository = await withThree();
    onNavigator(
      'share',
      vi.fn(() => Promise.reject(new DOMException('Share canceled', 'AbortError'))),
    );
    const { user, status } = await openPanel(repository);
    await user.click(screen.getByRole('button', { name: 'Share fingerprint' }));
    await waitFor(() => expect(status()).toBe('Nothing was shared.'));
    expect(await recorded(repository)).toEqual([]);
  });

  it('notes nothing when sharing fails, and offers the other ways', async () => {
    const repository = await withThree();
    onNavigator(
      'share',
      vi.fn(() => Promise.reject(new DOMException('Not allowed', 'NotAllowedError'))),
    );
    const { user, status } = await openPanel(repository);
    await user.click(screen.getByRole('button', { name: 'Share fingerprint' }));
    await waitFor(() => expect(status()).toBe('The fingerprint could not be shared. Try Copy or Print instead.'));
    expect(await recorded(repository)).toEqual([]);
  });

  it('prints a page with the fingerprint only, and notes the print', async () => {
    const repository = await withThree();
    const { user, expected, status } = await openPanel(repository);
    let printed = '';
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      // What is on the page while the print dialog is up.
      printed = document.querySelector('body > .fingerprint-print')?.textContent ?? '';
      expect(document.documentElement.classList.contains('printing-fingerprint')).toBe(true);
    });
    await user.click(screen.getByRole('button', { name: 'Print' }));
    await waitFor(() => expect(status()).toBe('The print window was opened with the fingerprint only.'));
    expect(print).toHaveBeenCalledTimes(1);
    expect(printed).toContain(expected);
    expect(printed).toContain('Records it covers: 3');
    expect(printed).not.toMatch(/Followed|Silent|Car outside/);
    expect(await recorded(repository)).toEqual([expect.objectContaining({ size: 3, how: 'print' })]);
    window.dispatchEvent(new Event('afterprint'));
    await waitFor(() => expect(document.querySelector('.fingerprint-print')).toBeNull());
    expect(document.documentElement.classList.contains('printing-fingerprint')).toBe(false);
  });

  it('says so when a share went through but could not be noted', async () => {
    const repository = await withThree();
    const stores = testStores(repository);
    const failing = Object.assign(Object.create(stores.fingerprints) as typeof stores.fingerprints, {
      record: () => Promise.reject(new Error('storage full')),
    });
    onNavigator(
      'share',
      vi.fn(async () => undefined),
    );
    const user = userEvent.setup();
    await renderDiary(repository, '/', 'en-GB', { override: { stores: { ...stores, fingerprints: failing } } });
    await user.click(screen.getByText('Diary fingerprint', { selector: 'summary' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Share fingerprint' }).hasAttribute('disabled')).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Share fingerprint' }));
    await waitFor(() =>
      expect(document.querySelector('.fingerprint-status')?.textContent).toBe(
        'Fingerprint shared. Daybook could not note that you shared it, so the reminder to share may come back early.',
      ),
    );
  });

  it('says when the fingerprint cannot be worked out, and offers nothing to share', async () => {
    const repository = await withThree();
    onNavigator(
      'share',
      vi.fn(async () => undefined),
    );
    const user = userEvent.setup();
    await renderDiary(repository, '/', 'en-GB', { override: { treeHead: () => Promise.reject(new Error('locked')) } });
    await user.click(screen.getByText('Diary fingerprint', { selector: 'summary' }));
    await screen.findByText('The fingerprint could not be worked out just now. Try again later.');
    expect(screen.queryByTestId('fingerprint')).toBeNull();
    expect(screen.getByRole('button', { name: 'Share fingerprint' }).hasAttribute('disabled')).toBe(true);
  });

  it('follows the diary: a new record gives a new fingerprint', async () => {
    const repository = await withThree();
    const { expected } = await openPanel(repository);
    await repository.add(aQuickIncidentOn('2026-03-02', { whatHappened: 'Fourth' }));
    const next = formatFingerprint(await repository.treeHead());
    expect(next).not.toBe(expected);
    await waitFor(() => expect(screen.getByTestId('fingerprint').textContent).toBe(next));
    expect(next.startsWith('4 · ')).toBe(true);
  });

  it('reads in Welsh', async () => {
    const repository = await withThree();
    onNavigator(
      'share',
      vi.fn(async () => undefined),
    );
    await openPanel(repository, 'cy', 'Ôl bys y dyddiadur');
    expect(screen.getByRole('button', { name: "Rhannu'r ôl bys" })).toBeTruthy();
    expect(screen.getByText("Cofnodion y mae'n eu cynnwys: 3")).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/\b(fingerprint|invite|integrity)\.[a-z]/);
  });
});
