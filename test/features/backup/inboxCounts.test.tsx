// @vitest-environment jsdom
// The backup screens say how many items waiting in New items a backup holds, and how many a
// restore will add (issue 17, point 7), in words of each language.

import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackupInbox } from '../../../src/core/backup/backupInbox';
import { checkBackup, type CheckedBackup } from '../../../src/core/backup/checkBackup';
import { createBackup } from '../../../src/core/backup/createBackup';
import type { MergePlan } from '../../../src/core/backup/mergePlan';
import { planRestore } from '../../../src/core/backup/restoreBackup';
import type { InboxItemMeta } from '../../../src/core/inbox/seal';
import { BackupSummary } from '../../../src/features/backup/BackupSummary';
import { RestorePlanSummary } from '../../../src/features/backup/RestorePlanSummary';
import { FAST_COST } from '../../core/crypto/helpers';
import { incident, newDevice, PASSPHRASE } from '../../core/backup/backupFixture';
import { testI18n } from '../../support/i18n';

const bytesOf = (text: string) => new TextEncoder().encode(text);

async function metaOf(text: string, receivedAt: string): Promise<{ meta: InboxItemMeta; bytes: Blob }> {
  const bytes = bytesOf(text);
  const sha256 = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
  return {
    meta: { v: 1, via: 'quick-note', receivedAt, name: '', type: 'text/plain', size: bytes.length, sha256 },
    bytes: new Blob([bytes]),
  };
}

/** An inbox in memory: what it holds is listed and read back as the real one would. */
function memoryInbox(items: { meta: InboxItemMeta; bytes: Blob }[]): BackupInbox {
  return {
    list: async () => items.map((item, i) => ({ id: `item-${i}`, status: 'ok' as const, meta: item.meta })),
    count: async () => items.length,
    read: async (id) => items[Number(id.slice(5))] ?? Promise.reject(new Error('none')),
    reseal: async () => 'new',
    remove: async () => undefined,
  };
}

let checked: CheckedBackup;
let plan: MergePlan;

beforeAll(async () => {
  const source = await newDevice();
  await source.diary.add(incident('Jeden wpis'));
  const items = [await metaOf('Pod drzwiami', '2026-01-05T07:00:00.000Z'), await metaOf('Znowu', '2026-01-05T08:00:00.000Z')];
  const made = await createBackup({ ...source, inbox: memoryInbox(items) }, PASSPHRASE, { kdfCost: FAST_COST });
  checked = await checkBackup(made.file, PASSPHRASE);
  const target = await newDevice('2026-03-01T09:00:00.000Z');
  plan = await planRestore(checked, { ...target, inbox: memoryInbox([items[0] as { meta: InboxItemMeta; bytes: Blob }]) });
}, 60_000);

async function renderIn(language: string, ui: React.ReactNode) {
  const i18n = await testI18n(language);
  return render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
}

describe('inbox items on the backup screens', () => {
  it('the checked backup says how many items it holds for New items', async () => {
    await renderIn('en-GB', <BackupSummary backup={checked} />);
    expect(screen.getByText('2 items waiting in New items')).toBeTruthy();
  });

  it('the plan says how many it will add: only those not here already', async () => {
    expect(plan.inboxItems).toHaveLength(1);
    await renderIn('en-GB', <RestorePlanSummary plan={plan} />);
    expect(screen.getByText('1 item for New items, with the time it was received')).toBeTruthy();
  });

  it('in Polish and Arabic too', async () => {
    const pl = await renderIn('pl', <BackupSummary backup={checked} />);
    expect(screen.getByText('2 elementy czekające w Nowych elementach')).toBeTruthy();
    pl.unmount();
    await renderIn('ar', <RestorePlanSummary plan={plan} />);
    expect(screen.getByText('1 عنصر للعناصر الجديدة، مع وقت استلامه')).toBeTruthy();
  });
});
