// @vitest-environment jsdom
// The backup screens say what of New items is left out (issue 17, point 7): recordings still
// being made and items beyond what New items lists, when a backup is made; items a full New items
// has no room for, before and after a restore. In words of each language, the limit written as
// numbers are in that language.

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { BackupInbox } from '../../../src/core/backup/backupInbox';
import { createBackup, type CreatedBackup } from '../../../src/core/backup/createBackup';
import type { MergePlan } from '../../../src/core/backup/mergePlan';
import { planRestore, restoreBackup } from '../../../src/core/backup/restoreBackup';
import { MAX_LISTED_ITEMS } from '../../../src/core/inbox/inbox';
import type { InboxItemMeta } from '../../../src/core/inbox/seal';
import { MakeBackup } from '../../../src/features/backup/MakeBackup';
import { RestoreIntoDiary } from '../../../src/features/backup/RestoreIntoDiary';
import { RestorePlanSummary } from '../../../src/features/backup/RestorePlanSummary';
import { FAST_COST } from '../../core/crypto/helpers';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

const PASSPHRASE = 'llwy garu, pont y borth, glaw mân';

async function note(text: string, receivedAt: string): Promise<{ meta: InboxItemMeta; bytes: Blob }> {
  const bytes = new TextEncoder().encode(text);
  const sha256 = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
  return {
    meta: { v: 1, via: 'quick-note', receivedAt, name: '', type: 'text/plain', size: bytes.length, sha256 },
    bytes: new Blob([bytes]),
  };
}

/** An inbox in memory holding `stored` items (none of them listed: only the count matters here). */
function inboxHolding(items: { meta: InboxItemMeta; bytes: Blob }[], stored = items.length): BackupInbox {
  return {
    list: async () => items.map((item, i) => ({ id: `item-${i}`, status: 'ok' as const, meta: item.meta })),
    count: async () => stored,
    read: async (id) => items[Number(id.slice(5))] ?? Promise.reject(new Error('none')),
    reseal: async () => 'new',
    remove: async () => undefined,
  };
}

async function renderIn(language: string, ui: React.ReactNode) {
  return render(<I18nextProvider i18n={await testI18n(language)}>{ui}</I18nextProvider>);
}

describe('making a backup', () => {
  it('says how many recordings still being made and items beyond the limit are not in it', { timeout: 60_000 }, async () => {
    const { vault } = await createdVault();
    const { repository, stores } = await openedTestDiary(vault);
    const made: CreatedBackup = {
      file: new Blob(['backup']),
      summary: { createdAt: '2026-01-06T12:00:00.000Z', incidents: 0, links: 0, checklists: 0, files: 0, inboxItems: MAX_LISTED_ITEMS - 2 },
      damagedFiles: [],
      damagedInboxItems: 0,
      liveInboxItems: 2,
      inboxItemsBeyondLimit: 5,
    };
    const user = userEvent.setup();
    await renderIn(
      'en-GB',
      <TestDiaryProvider repository={repository} stores={stores} override={{ makeBackup: async () => made }}>
        <MakeBackup onBackedUp={() => undefined} />
      </TestDiaryProvider>,
    );
    await user.type(await screen.findByLabelText('New passphrase'), PASSPHRASE);
    await user.type(screen.getByLabelText('Type the new passphrase again'), PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Make backup' }));
    expect(
      await screen.findByText(
        '2 recordings still being made are not in this backup. Once they are stopped, make another backup to include them.',
      ),
    ).toBeTruthy();
    expect(
      screen.getByText(
        '5 more items waiting in New items are not in this backup: New items shows at most 1,000 items, and a backup takes only those. Make some into incidents, then make another backup.',
      ),
    ).toBeTruthy();
  });
});

describe('restoring into a full New items', () => {
  const plan = (inboxItems: InboxItemMeta[], withoutRoom: number): MergePlan => ({
    relation: 'merged',
    sealedByThisDiary: false,
    verbatim: [],
    imported: [],
    checklists: [],
    files: [],
    newIncidents: 0,
    updatedIncidents: 0,
    deletedIncidents: 0,
    changes: [],
    inboxItems,
    inboxItemsWithoutRoom: withoutRoom,
  });

  it('the plan says how many will not be restored, even when nothing else would be', async () => {
    const { meta } = await note('Pod drzwiami', '2026-01-05T07:00:00.000Z');
    const first = await renderIn('en-GB', <RestorePlanSummary plan={plan([meta], 3)} />);
    const wording =
      '3 items for New items will not be restored, because New items is full (it shows at most 1,000 items). Make some into incidents, then restore this backup again.';
    expect(screen.getByText(wording)).toBeTruthy();
    first.unmount();
    await renderIn('en-GB', <RestorePlanSummary plan={plan([], 1)} />);
    // Not "everything is already in this diary": some of it is not.
    expect(screen.queryByText(/already in this diary/)).toBeNull();
    expect(screen.getByText(/^1 item for New items will not be restored/)).toBeTruthy();
  });

  it('in Polish and Arabic too, the limit written their way', async () => {
    const pl = await renderIn('pl', <RestorePlanSummary plan={plan([], 5)} />);
    expect(screen.getByText(/^5 elementów do Nowych elementów nie zostanie przywróconych/)).toBeTruthy();
    expect(screen.getByText(new RegExp(new Intl.NumberFormat('pl').format(MAX_LISTED_ITEMS)))).toBeTruthy();
    pl.unmount();
    await renderIn('ar', <RestorePlanSummary plan={plan([], 2)} />);
    expect(
      screen.getByText(new RegExp(`^2 عناصر للعناصر الجديدة لن تُستعاد.*${new Intl.NumberFormat('ar').format(MAX_LISTED_ITEMS)}`)),
    ).toBeTruthy();
  });

  it('after the restore, says how many were not restored', { timeout: 60_000 }, async () => {
    const source = await createdVault();
    const theirs = await openedTestDiary(source.vault);
    await theirs.repository.add(aQuickIncident({ whatHappened: 'He waited by the car park exit' }));
    const items = [await note('Pierwsza', '2026-01-05T07:00:00.000Z'), await note('Druga', '2026-01-05T08:00:00.000Z')];
    const { file } = await createBackup(
      {
        diary: theirs.repository,
        attachments: theirs.stores.attachments,
        checklists: theirs.stores.checklists,
        inbox: inboxHolding(items),
      },
      PASSPHRASE,
      { kdfCost: FAST_COST },
    );

    const { vault } = await createdVault();
    const { repository, stores } = await openedTestDiary(vault);
    const targets = {
      diary: repository,
      attachments: stores.attachments,
      checklists: stores.checklists,
      inbox: inboxHolding([], MAX_LISTED_ITEMS - 1),
    };
    const user = userEvent.setup();
    await renderIn(
      'en-GB',
      <TestDiaryProvider
        repository={repository}
        stores={stores}
        vault={vault}
        override={{
          planRestore: (backup) => planRestore(backup, targets),
          restore: (backup, options) => restoreBackup(backup, targets, options),
        }}
      >
        <RestoreIntoDiary />
      </TestDiaryProvider>,
    );
    await user.upload(screen.getByLabelText('Choose backup file'), new File([file], 'diary.daybook-backup'));
    await user.type(screen.getByLabelText("The backup's passphrase"), PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Check backup' }));
    expect(await screen.findByText(/^1 item for New items will not be restored/, undefined, { timeout: 20_000 })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(
      await screen.findByText(
        '1 item for New items was not restored, because New items is full (it shows at most 1,000 items). Make some into incidents, then restore this backup again.',
        undefined,
        { timeout: 20_000 },
      ),
    ).toBeTruthy();
    expect(screen.getByText('1 item added to New items, with the time it was received.')).toBeTruthy();
  });
});
