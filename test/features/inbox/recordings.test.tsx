// @vitest-environment jsdom
// Issue 17 point 4 in New items: a recording cut off (a closed page) is listed as interrupted with
// its length and size and becomes an incident whose attachment says it was recorded in Daybook,
// when, and its SHA-256; a recording still being made cannot be taken yet; a quick note joining
// an existing incident keeps, in its words, when it was received.

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { openInboxStream, saveQuickNote } from '../../../src/core/inbox/lockedInbox';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { readBytes } from '../../../src/core/store/attachments/readBytes';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { provisionInbox, type UnlockedStores } from '../../../src/core/vault/featureStores';
import { NewItems } from '../../../src/features/inbox/NewItems';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { anIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

// 3 Dec 2026, 14:05 on this machine's clock, whatever its time zone.
const AT = new Date(2026, 11, 3, 14, 5);

async function unlockedDiary() {
  const setup = await createdVault();
  const { repository, stores } = await openedTestDiary(setup.vault);
  await provisionInbox(setup.vault, stores.inbox);
  return { setup, repository, stores };
}

async function withI18n(children: ReactNode) {
  const i18n = await testI18n();
  return render(<I18nextProvider i18n={i18n}>{children}</I18nextProvider>);
}

function renderNewItems(repository: DiaryRepository, stores: UnlockedStores) {
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

const START = { via: 'recording', name: 'recording-2026-12-03_14-05-00.webm', type: 'audio/webm', receivedAt: AT } as const;

describe('recordings in new items', () => {
  it('an interrupted recording is listed as such and becomes an incident recorded in Daybook, with its SHA-256', async () => {
    const { setup, repository, stores } = await unlockedDiary();
    const parts = [new Uint8Array(600).fill(1), new Uint8Array(700).fill(2)];
    const { sealer, close } = await openInboxStream(setup.name, START);
    await sealer.append(parts[0] as Uint8Array, 1000);
    await sealer.append(parts[1] as Uint8Array, 2400);
    sealer.close(); // the page closed: no Stop
    close();

    const user = userEvent.setup();
    await renderNewItems(repository, stores);
    const item = (await screen.findByText('recording-2026-12-03_14-05-00.webm')).closest('li') as HTMLElement;
    expect(within(item).getByText('Sound recording (audio/webm)')).toBeTruthy();
    expect(within(item).getByText('Started')).toBeTruthy();
    expect(within(item).getByText('00:02')).toBeTruthy();
    expect(within(item).getByText(/^Interrupted:/)).toBeTruthy();
    await user.click(within(item).getByRole('button', { name: 'New incident from this' }));
    expect(await screen.findByText('It is now a new incident.')).toBeTruthy();

    const [entry] = repository.snapshot().entries;
    const ref = entry?.incident.attachments[0] as AttachmentRef;
    const all = new Uint8Array([...(parts[0] as Uint8Array), ...(parts[1] as Uint8Array)]);
    expect(ref).toMatchObject({
      type: 'audio/webm',
      size: 1300,
      receivedAt: AT.toISOString(),
      receivedVia: 'recording',
      interrupted: true,
    });
    expect(ref.sha256).toBe(await sha256Hex(all));
    expect(Array.from(await readBytes(await stores.attachments.open(ref)))).toEqual(Array.from(all));
    expect(entry?.incident.when).toEqual({ kind: 'exact', date: '2026-12-03', time: '14:05' });
    expect(await stores.inbox.count()).toBe(0);
  });

  it('a recording still being made is shown but cannot be taken yet', async () => {
    const { setup, repository, stores } = await unlockedDiary();
    const { sealer, close } = await openInboxStream(setup.name, START);
    await sealer.append(new Uint8Array(10), 500);
    await renderNewItems(repository, stores);
    const item = (await screen.findByText('recording-2026-12-03_14-05-00.webm')).closest('li') as HTMLElement;
    expect(within(item).getByText(/^Still being recorded/)).toBeTruthy();
    expect(within(item).queryByRole('button')).toBeNull();
    expect(within(item).queryByText(/^Interrupted:/)).toBeNull();
    sealer.close();
    close();
  });

  it('a quick note joining an incident keeps when it was received, by the device clock', async () => {
    const { setup, repository, stores } = await unlockedDiary();
    const entryId = await repository.add(anIncident({ whatHappened: 'Messages all evening' }));
    await saveQuickNote(setup.name, 'He rang twice more', AT);
    const user = userEvent.setup();
    await renderNewItems(repository, stores);
    const item = (await screen.findByText('He rang twice more')).closest('li') as HTMLElement;
    await user.click(within(item).getByRole('button', { name: 'Add to an incident' }));
    await user.click(within(item).getByRole('button', { name: /Messages all evening/ }));
    expect(await screen.findByText('It is added to the incident.')).toBeTruthy();
    const entry = repository.snapshot().entries.find((e) => e.id === entryId);
    expect(entry?.incident.whatHappened).toBe(
      "Messages all evening\n\nQuick note, received 3 Dec 2026, 14:05 (this device's clock):\nHe rang twice more",
    );
  });
});
