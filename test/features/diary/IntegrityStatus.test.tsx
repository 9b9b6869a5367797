// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DiaryRepository, SealState } from '../../../src/core/store/diaryRepository';
import { aQuickIncidentOn } from '../../support/incidentFactories';
import { renderDiary, reopenedTestDiary, testDatabase, testDiary } from './renderDiary';

async function withThree(): Promise<DiaryRepository> {
  const repository = await testDiary();
  for (const text of ['One', 'Two', 'Three']) await repository.add(aQuickIncidentOn('2026-03-01', { whatHappened: text }));
  return repository;
}

/** Renders the diary with `seal` and waits until the chain has been checked. */
async function shownWith(seal: SealState | undefined, language = 'en-GB') {
  await renderDiary(await withThree(), '/', language, { seal });
  await waitFor(() => expect(screen.queryByText(/Checking the diary's record of changes|Wrthi'n gwirio/)).toBeNull());
}

const NOTHING_MISSING = /nothing altered or missing/;

describe('integrity status and the seal', () => {
  it('sealed: nothing altered or missing, and times come from this device’s clock', async () => {
    await shownWith({ state: 'sealed' });
    expect(screen.getByTestId('integrity').textContent).toBe('Record of changes checked: 3 records, nothing altered or missing.');
    expect(screen.getByText("The times in your diary come from this device's clock when each record was saved.")).toBeTruthy();
    expect(screen.queryByTestId('seal-warning')).toBeNull();
  });

  it('sealed from now: says the seal starts today and what was checked before it', async () => {
    await shownWith({ state: 'sealed-from-now' });
    const line = screen.getByTestId('integrity').textContent ?? '';
    expect(line).toMatch(NOTHING_MISSING);
    expect(line).toContain('Sealed from today: records written before today were checked by their hash chain only');
    expect(screen.queryByTestId('seal-warning')).toBeNull();
  });

  it('records missing: says so plainly, with the numbers, what it can mean and what to do, and never "nothing missing"', async () => {
    await shownWith({ state: 'records-missing', sealedSize: 5, size: 3 });
    const warning = screen.getByTestId('seal-warning');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('Warning: recent records are missing from this device.');
    expect(warning.textContent).toContain('Records when your diary was last saved: 5. Records that match them on this device now: 3.');
    expect(warning.textContent).toMatch(/storage was damaged, or if what is stored was changed/);
    expect(warning.textContent).toMatch(/Keep your backups as they are, and do not delete anything/);
    expect(warning.textContent).toMatch(/An advocate can help/);
    expect(screen.queryByTestId('integrity')).toBeNull();
    expect(document.body.textContent).not.toMatch(NOTHING_MISSING);
    expect(document.body.textContent).toContain("this device's clock");
  });

  it('seal invalid: cannot tell whether records are missing, and never "nothing missing"', async () => {
    await shownWith({ state: 'seal-invalid' });
    const warning = screen.getByTestId('seal-warning');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain("Warning: the diary's seal could not be confirmed");
    expect(warning.textContent).toMatch(/do not delete anything/);
    expect(document.body.textContent).not.toMatch(NOTHING_MISSING);
  });

  it('newest rows deleted from the database: the diary read again says records are missing', async () => {
    const repository = await withThree();
    const db = testDatabase(repository);
    const newest = (await db.revisions.toCollection().primaryKeys()).sort().at(-1);
    if (newest === undefined) throw new Error('no rows');
    await db.revisions.delete(newest);
    await renderDiary(await reopenedTestDiary(repository));
    expect(screen.getByTestId('seal-warning').textContent).toContain(
      'Records when your diary was last saved: 3. Records that match them on this device now: 2.',
    );
    // The two links left still verify on their own: only the seal can tell.
    await waitFor(() => expect(screen.queryByText(/Checking the diary's record of changes/)).toBeNull());
    expect(document.body.textContent).not.toMatch(NOTHING_MISSING);
  });

  it('reads in Welsh', async () => {
    await shownWith({ state: 'records-missing', sealedSize: 5, size: 3 }, 'cy');
    expect(screen.getByTestId('seal-warning').textContent).toContain("Rhybudd: mae cofnodion diweddar ar goll o'r ddyfais hon.");
    expect(document.body.textContent).not.toMatch(/\b(integrity|fingerprint|invite|clock)\.[a-z]/);
    expect(document.body.textContent).not.toMatch(/dim wedi'i newid na'i golli/);
  });
});
