// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { SEAL_ROW_ID } from '../../../src/core/store/diary/seal';
import { aQuickIncidentOn } from '../../support/incidentFactories';
import { renderDiary, reopenedTestDiary, testDatabase, testDiary, testStores } from './renderDiary';

const NOTHING_MISSING = /nothing altered or missing/;
const SHARED_AT = new Date('2026-03-10T12:30:00.000Z');

async function withRecords(texts: readonly string[], repository?: DiaryRepository): Promise<DiaryRepository> {
  const diary = repository ?? (await testDiary());
  for (const text of texts) await diary.add(aQuickIncidentOn('2026-03-01', { whatHappened: text }));
  return diary;
}

/** Renders the diary and waits until the chain has been checked. */
async function shown(repository: DiaryRepository, language = 'en-GB') {
  await renderDiary(repository, '/', language);
  await waitFor(() => expect(screen.queryByText(/Checking the diary's record of changes|Wrthi'n gwirio/)).toBeNull());
}

describe('shared fingerprints the diary no longer contains', () => {
  it('a fingerprint shared at 3 records, the newest row and the seal put back to 2 records: says so, never "nothing missing"', async () => {
    const repository = await withRecords(['One', 'Two']);
    const db = testDatabase(repository);
    const sealAtTwo = await db.settings.get(SEAL_ROW_ID);
    if (!sealAtTwo) throw new Error('no seal row');
    await withRecords(['Three'], repository);
    await testStores(repository).fingerprints.record(await repository.treeHead(), 'share', SHARED_AT);
    // Rolled back outside Daybook: the newest row and the seal row, not the fingerprints row.
    const newest = (await db.revisions.toCollection().primaryKeys()).sort().at(-1);
    if (newest === undefined) throw new Error('no rows');
    await db.revisions.delete(newest);
    await db.settings.put(sealAtTwo);
    const rolledBack = await reopenedTestDiary(repository);
    expect(rolledBack.sealState()).toEqual({ state: 'sealed' });

    await shown(rolledBack);
    const warning = await screen.findByTestId('fingerprint-warning');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toBe(
      'A fingerprint you shared on 10 Mar 2026, 12:30 (when the diary had 3 records) is not part of your diary as it is now.' +
        'Records may have been removed or changed on this device since then. Keep your backups and the fingerprint; an advocate can help.',
    );
    expect(screen.queryByTestId('seal-warning')).toBeNull();
    expect(screen.getByTestId('integrity').textContent).toBe(
      'Record of changes checked: 2 records. It checks out as it is now, but it does not contain a fingerprint you shared (see the warning above).',
    );
    expect(document.body.textContent).not.toMatch(NOTHING_MISSING);
  });

  it('a fingerprint of the same size with another root (records changed since): says so', async () => {
    const repository = await withRecords(['One', 'Two', 'Three']);
    const stores = testStores(repository);
    await stores.fingerprints.record(await repository.treeHead(), 'copy', new Date('2026-03-10T12:10:00.000Z'));
    await stores.fingerprints.record({ size: 1, root: 'f'.repeat(64) }, 'print', SHARED_AT);
    await shown(await reopenedTestDiary(repository));
    const warning = await screen.findByTestId('fingerprint-warning');
    // Only the one not contained is named.
    expect(warning.querySelectorAll('p.error')).toHaveLength(1);
    expect(warning.textContent).toContain('A fingerprint you shared on 10 Mar 2026, 12:30 (when the diary had 1 record) is not part');
    expect(document.body.textContent).not.toMatch(NOTHING_MISSING);
  });

  it('every fingerprint shared is contained: no warning, and nothing altered or missing', async () => {
    const repository = await withRecords(['One', 'Two']);
    await testStores(repository).fingerprints.record(await repository.treeHead(), 'share', SHARED_AT);
    await withRecords(['Three'], repository);
    await shown(await reopenedTestDiary(repository));
    await waitFor(() => expect(screen.getByTestId('integrity').textContent).toMatch(NOTHING_MISSING));
    expect(screen.queryByTestId('fingerprint-warning')).toBeNull();
  });

  it('reads in Welsh', async () => {
    const repository = await withRecords(['One', 'Two', 'Three']);
    await testStores(repository).fingerprints.record({ size: 3, root: 'f'.repeat(64) }, 'share', SHARED_AT);
    await shown(await reopenedTestDiary(repository), 'cy');
    const warning = await screen.findByTestId('fingerprint-warning');
    expect(warning.textContent).toMatch(/^Dydy'r ôl bys a rannoch chi ar .*2026.* \(pan oedd gan y dyddiadur 3 chofnod\) ddim yn rhan/);
    expect(warning.textContent).toContain('gall eiriolwr helpu');
    expect(screen.getByTestId('integrity').textContent).toMatch(/dydy e ddim yn cynnwys ôl bys a rannoch chi/);
    expect(document.body.textContent).not.toMatch(/dim wedi'i newid na'i golli/);
    expect(document.body.textContent).not.toMatch(/\bintegrity\.[a-z]/);
  });
});
