// @vitest-environment jsdom
// Issue 17 points 2, 3 and 5 on screen: a quick note saved on the lock screen (nothing else of
// the diary shown, not offered before set-up) appears in "New items" after unlocking and becomes
// an incident with its text; a shared file joins an incident as an attachment that keeps the time
// it was received and its SHA-256, shown in the incident's attachment list.

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { LockGuard } from '../../../src/app/LockGuard';
import { dexieInboxWriter } from '../../../src/core/inbox/inbox';
import { INBOX_PUBLIC_KEY, publicKeyFromMeta } from '../../../src/core/inbox/inboxRows';
import { saveQuickNote } from '../../../src/core/inbox/lockedInbox';
import { sealIntoInbox } from '../../../src/core/inbox/seal';
import type { AttachmentRef } from '../../../src/core/model/incident';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { readBytes } from '../../../src/core/store/attachments/readBytes';
import { provisionInbox, type UnlockedStores } from '../../../src/core/vault/featureStores';
import type { Vault, VaultState } from '../../../src/core/vault/vault';
import { NewItems } from '../../../src/features/inbox/NewItems';
import { QuickNote } from '../../../src/features/inbox/QuickNote';
import { AttachmentList } from '../../../src/shared/incident/attachments/AttachmentList';
import { VaultContext } from '../../../src/shared/vault/vaultContext';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { anIncident } from '../../support/incidentFactories';
import { createdVault, testVault } from '../../support/vault';

// 3 Dec 2026, 14:05 on this machine's clock, whatever its time zone.
const AT = new Date(2026, 11, 3, 14, 5);

async function unlockedDiary(): Promise<{
  setup: Awaited<ReturnType<typeof createdVault>>;
  repository: DiaryRepository;
  stores: UnlockedStores;
}> {
  const setup = await createdVault();
  const { repository, stores } = await openedTestDiary(setup.vault);
  await provisionInbox(setup.vault, stores.inbox);
  return { setup, repository, stores };
}

async function withI18n(children: ReactNode) {
  const i18n = await testI18n();
  return render(<I18nextProvider i18n={i18n}>{children}</I18nextProvider>);
}

async function renderNewItems(repository: DiaryRepository, stores: UnlockedStores) {
  return withI18n(
    <TestDiaryProvider repository={repository} stores={stores}>
      <MemoryRouter>
        <NewItems />
      </MemoryRouter>
    </TestDiaryProvider>,
  );
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('quick note on the lock screen', () => {
  it('seals a few words while locked, clears the field, and they become a new incident after unlocking', async () => {
    const { setup, stores } = await unlockedDiary();
    setup.vault.lock();
    const user = userEvent.setup();
    const view = await withI18n(<QuickNote save={(text) => saveQuickNote(setup.name, text, AT)} />);
    const box = screen.getByLabelText('A few words') as HTMLTextAreaElement;
    await user.type(box, 'He was at the gate again');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect(await screen.findByText('Saved. It will be in New items when you unlock.')).toBeTruthy();
    expect(box.value).toBe('');
    // Nothing of the diary here: the note itself is not shown again.
    expect(view.container.textContent).not.toContain('He was at the gate again');
    view.unmount();

    await setup.vault.unlock(setup.passphrase);
    const { repository } = await openedTestDiary(setup.vault);
    await renderNewItems(repository, stores);
    const item = (await screen.findByText('He was at the gate again')).closest('li') as HTMLElement;
    expect(screen.getByRole('heading', { name: 'New items' })).toBeTruthy();
    expect(within(item).getByText('Note')).toBeTruthy();
    expect(within(item).getByText(/\(this device's clock\)$/)).toBeTruthy();
    await user.click(within(item).getByRole('button', { name: 'New incident from this' }));
    expect(await screen.findByText('It is now a new incident.')).toBeTruthy();
    const [entry] = repository.snapshot().entries;
    expect(entry?.incident.whatHappened).toBe('He was at the gate again');
    expect(entry?.incident.when).toEqual({ kind: 'exact', date: '2026-12-03', time: '14:05' });
    expect(await stores.inbox.count()).toBe(0);
  });

  it('says so, and saves nothing, when empty', async () => {
    let saved = 0;
    await withI18n(
      <QuickNote
        save={() => {
          saved += 1;
          return Promise.resolve();
        }}
      />,
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save note' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Write a few words first.');
    expect(saved).toBe(0);
  });

  it('is offered on the lock screen only: not at set-up', async () => {
    const renderGuard = async (vault: Vault, status: VaultState) =>
      withI18n(
        <VaultContext.Provider value={{ vault, status }}>
          <MemoryRouter>
            <Routes>
              <Route path="/" element={<LockGuard />} />
            </Routes>
          </MemoryRouter>
        </VaultContext.Provider>,
      );
    const none = testVault();
    const setUp = await renderGuard(none.vault, 'none');
    await screen.findAllByRole('heading');
    expect(screen.queryByText('Quick note')).toBeNull();
    setUp.unmount();
    const locked = await createdVault();
    locked.vault.lock();
    await renderGuard(locked.vault, 'locked');
    expect(await screen.findByRole('heading', { name: 'Quick note' })).toBeTruthy();
  });
});

describe('new items', () => {
  it('a shared file joins an existing incident in two taps, keeping when it was received and its SHA-256', async () => {
    const { setup, repository, stores } = await unlockedDiary();
    const entryId = await repository.add(anIncident({ whatHappened: 'Messages all evening' }));
    const bytes = new TextEncoder().encode('PNG-ish bytes of a screenshot');
    const raw = publicKeyFromMeta((await setup.db.meta.get(INBOX_PUBLIC_KEY))?.value);
    if (!raw) throw new Error('no public key');
    await sealIntoInbox(dexieInboxWriter(setup.db), raw, {
      via: 'share',
      name: 'screenshot.png',
      type: 'image/png',
      bytes: new Blob([bytes]),
      receivedAt: AT,
    });
    const user = userEvent.setup();
    await renderNewItems(repository, stores);
    const item = (await screen.findByText('screenshot.png')).closest('li') as HTMLElement;
    expect(within(item).getByText('File (image/png)')).toBeTruthy();
    await user.click(within(item).getByRole('button', { name: 'Add to an incident' }));
    await user.click(within(item).getByRole('button', { name: /Messages all evening/ }));
    expect(await screen.findByText('It is added to the incident.')).toBeTruthy();

    const entry = repository.snapshot().entries.find((e) => e.id === entryId);
    const ref = entry?.incident.attachments.at(-1) as AttachmentRef;
    expect(ref).toMatchObject({ name: 'screenshot.png', type: 'image/png', size: bytes.length, receivedAt: AT.toISOString() });
    expect(ref.sha256).toBe(await sha256Hex(bytes));
    expect(Array.from(await readBytes(await stores.attachments.open(ref)))).toEqual(Array.from(bytes));
    expect(entry?.incident.whatHappened).toBe('Messages all evening');
    expect(await stores.inbox.count()).toBe(0);
    await waitFor(() => expect(screen.queryByText('screenshot.png')).toBeNull());
  });

  it('lists an item that cannot be opened as damaged, and it can be removed', async () => {
    const { setup, repository, stores } = await unlockedDiary();
    const other = await createdVault();
    await provisionInbox(other.vault, (await openedTestDiary(other.vault)).stores.inbox);
    const theirs = publicKeyFromMeta((await other.db.meta.get(INBOX_PUBLIC_KEY))?.value);
    if (!theirs) throw new Error('no public key');
    await sealIntoInbox(dexieInboxWriter(setup.db), theirs, { via: 'share', name: 'x', type: '', bytes: new Blob(['x']), receivedAt: AT });
    const user = userEvent.setup();
    await renderNewItems(repository, stores);
    const item = (await screen.findByText(/This item cannot be opened/)).closest('li') as HTMLElement;
    await user.click(within(item).getByRole('button', { name: 'Remove it' }));
    expect(await screen.findByText('The item was removed.')).toBeTruthy();
    expect(await stores.inbox.count()).toBe(0);
  });

  it("the incident's attachment list shows when a file was received, by this device's clock", async () => {
    const ref: AttachmentRef = {
      id: 'a1',
      name: 'screenshot.png',
      type: 'image/png',
      size: 10,
      sha256: 'ab'.repeat(32),
      receivedAt: AT.toISOString(),
    };
    const { repository, stores } = await unlockedDiary();
    await withI18n(
      <TestDiaryProvider repository={repository} stores={stores}>
        <AttachmentList attachments={[ref]} />
      </TestDiaryProvider>,
    );
    // Worded by the attachment list (shared/incident/attachments), with the time by the device's clock.
    expect(screen.getByText(/3 Dec 2026, 14:05, by the clock of the device/)).toBeTruthy();
  });
});
