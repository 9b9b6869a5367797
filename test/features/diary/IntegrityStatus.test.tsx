// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
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

  it('records found missing at an earlier unlock: the warning stays, with when it was noticed, after the diary is sealed again', async () => {
    let now = new Date('2026-03-10T12:00:00.000Z');
    const repository = await testDiary(() => now);
    for (const text of ['One', 'Two', 'Three']) await repository.add(aQuickIncidentOn('2026-03-01', { whatHappened: text }));
    const db = testDatabase(repository);
    const newest = (await db.revisions.toCollection().primaryKeys()).sort().at(-1);
    if (newest === undefined) throw new Error('no rows');
    await db.revisions.delete(newest);
    // Noticed at the next unlock, on 11 March; a record written since seals the diary again.
    now = new Date('2026-03-11T09:15:00.000Z');
    const noticed = await reopenedTestDiary(repository);
    await noticed.add(aQuickIncidentOn('2026-03-11', { whatHappened: 'Four' }));
    now = new Date('2026-03-20T10:00:00.000Z');
    const later = await reopenedTestDiary(noticed);
    expect(later.sealState()).toEqual({ state: 'sealed' });
    expect(later.sealFindings()).toHaveLength(1);

    await renderDiary(later);
    await waitFor(() => expect(screen.queryByText(/Checking the diary's record of changes/)).toBeNull());
    const warning = screen.getByTestId('seal-warning');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain("Warning: Daybook found a problem with this diary's records on this device before.");
    expect(screen.getByTestId('seal-findings').textContent).toBe(
      "Noticed 11 Mar 2026, 09:15, by this device's clock: recent records were missing. Records when the diary had last been saved: 3. Records that matched them on this device: 2.",
    );
    expect(warning.textContent).toMatch(/do not delete anything/);
    expect(screen.getByTestId('integrity').textContent).toBe(
      "Record of changes checked: 3 records. It checks out as it is now, but records were found missing from this device on 11 Mar 2026, 09:15, by this device's clock (see the warning above).",
    );
    expect(document.body.textContent).not.toMatch(NOTHING_MISSING);
  });

  it('every finding is listed, oldest first, and a seal that could not be confirmed is named as such', async () => {
    const sealFindings = [
      { state: 'seal-invalid' as const, size: 2, noticedAt: '2026-03-02T08:00:00.000Z' },
      { state: 'records-missing' as const, sealedSize: 4, size: 3, noticedAt: '2026-03-05T18:30:00.000Z' },
      { state: 'records-missing' as const, size: 3, noticedAt: '2026-03-06T07:45:00.000Z' },
    ];
    await renderDiary(await withThree(), '/', 'en-GB', { override: { sealFindings } });
    await waitFor(() => expect(screen.queryByText(/Checking the diary's record of changes/)).toBeNull());
    const items = [...screen.getByTestId('seal-findings').querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      "Noticed 2 Mar 2026, 08:00, by this device's clock: the diary's seal could not be confirmed, so Daybook could not tell whether recent records were missing. Records on this device then: 2.",
      "Noticed 5 Mar 2026, 18:30, by this device's clock: recent records were missing. Records when the diary had last been saved: 4. Records that matched them on this device: 3.",
      "Noticed 6 Mar 2026, 07:45, by this device's clock: recent records were missing. Records on this device then: 3.",
    ]);
    // The line names the latest time records were found missing.
    expect(screen.getByTestId('integrity').textContent).toContain('records were found missing from this device on 6 Mar 2026, 07:45');
    expect(document.body.textContent).not.toMatch(NOTHING_MISSING);
  });

  it('only a seal that could not be confirmed before: says so, and never "nothing missing"', async () => {
    const sealFindings = [{ state: 'seal-invalid' as const, size: 3, noticedAt: '2026-03-02T08:00:00.000Z' }];
    await renderDiary(await withThree(), '/', 'en-GB', { override: { sealFindings } });
    await waitFor(() => expect(screen.queryByText(/Checking the diary's record of changes/)).toBeNull());
    expect(screen.getByTestId('seal-warning')).toBeTruthy();
    expect(screen.getByTestId('integrity').textContent).toBe(
      "Record of changes checked: 3 records. It checks out as it is now, but on 2 Mar 2026, 08:00, by this device's clock, the diary's seal could not be confirmed (see the warning above).",
    );
    expect(document.body.textContent).not.toMatch(NOTHING_MISSING);
  });

  it('records missing now: the warning also lists when each finding was noticed', async () => {
    const sealFindings = [{ state: 'records-missing' as const, sealedSize: 5, size: 3, noticedAt: '2026-03-09T10:00:00.000Z' }];
    await renderDiary(await withThree(), '/', 'en-GB', {
      seal: { state: 'records-missing', sealedSize: 5, size: 3 },
      override: { sealFindings },
    });
    const warning = screen.getByTestId('seal-warning');
    expect(warning.textContent).toContain('Warning: recent records are missing from this device.');
    expect(screen.getByTestId('seal-findings').textContent).toContain(
      "Noticed 9 Mar 2026, 10:00, by this device's clock: recent records were missing.",
    );
    await waitFor(() => expect(screen.queryByText(/Checking the diary's record of changes/)).toBeNull());
    expect(screen.queryByTestId('integrity')).toBeNull();
    expect(document.body.textContent).not.toMatch(NOTHING_MISSING);
  });

  it('an earlier finding reads in Welsh', async () => {
    const sealFindings = [{ state: 'records-missing' as const, sealedSize: 5, size: 3, noticedAt: '2026-03-09T10:00:00.000Z' }];
    await renderDiary(await withThree(), '/', 'cy', { override: { sealFindings } });
    await waitFor(() => expect(screen.queryByText(/Wrthi'n gwirio/)).toBeNull());
    expect(screen.getByTestId('seal-warning').textContent).toContain('Rhybudd: daeth Daybook o hyd i broblem');
    expect(screen.getByTestId('seal-findings').textContent).toMatch(
      /^Sylwyd .*2026.*, yn ôl cloc y ddyfais hon: roedd cofnodion diweddar ar goll\./,
    );
    expect(screen.getByTestId('integrity').textContent).toMatch(
      /^Cofnod y newidiadau wedi'i wirio: 3 chofnod\. Mae'n gywir fel y mae nawr/,
    );
    expect(document.body.textContent).not.toMatch(/dim wedi'i newid na'i golli/);
    expect(document.body.textContent).not.toMatch(/\bintegrity\.[a-z]/);
  });

  it('reads in Welsh', async () => {
    await shownWith({ state: 'records-missing', sealedSize: 5, size: 3 }, 'cy');
    expect(screen.getByTestId('seal-warning').textContent).toContain("Rhybudd: mae cofnodion diweddar ar goll o'r ddyfais hon.");
    expect(document.body.textContent).not.toMatch(/\b(integrity|fingerprint|invite|clock)\.[a-z]/);
    expect(document.body.textContent).not.toMatch(/dim wedi'i newid na'i golli/);
  });
});

describe('a check after a change that fails', () => {
  it('is tried again, and the diary then says what the check found', async () => {
    const repository = await withThree();
    await renderDiary(repository, '/');
    await waitFor(() => expect(screen.getByTestId('integrity').textContent).toMatch(NOTHING_MISSING));
    // The next check fails once (a worker out of memory, say), then works.
    const verify = repository.verify.bind(repository);
    let failures = 0;
    vi.spyOn(repository, 'verify').mockImplementation(async (signal) => {
      if (failures++ === 0) throw new Error('the worker stopped');
      return verify(signal);
    });
    await repository.add(aQuickIncidentOn('2026-03-02', { whatHappened: 'Four' }));
    await waitFor(
      () => expect(screen.getByTestId('integrity').textContent).toBe('Record of changes checked: 4 records, nothing altered or missing.'),
      {
        timeout: 4_000,
      },
    );
    expect(failures).toBe(2);
  });
});

describe('a check that keeps failing after a change', () => {
  it('says the record of changes could not be checked, never "being checked" for ever, and recovers at the next good check', async () => {
    const repository = await withThree();
    await renderDiary(repository, '/', 'en-GB', { seal: { state: 'sealed' } });
    await waitFor(() => expect(screen.getByTestId('integrity').textContent).toMatch(NOTHING_MISSING));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    try {
      const verify = vi.spyOn(repository, 'verify').mockRejectedValue(new Error('worker ran out of memory'));
      await repository.add(aQuickIncidentOn('2026-03-02', { whatHappened: 'Four' }));
      await waitFor(() => expect(screen.getByText(/Checking the diary's record of changes/)).toBeTruthy());
      // The first try and its three retries (1 s, 5 s, 30 s) all fail.
      for (const wait of [1_000, 5_000, 30_000]) await vi.advanceTimersByTimeAsync(wait);
      await waitFor(() => expect(verify).toHaveBeenCalledTimes(4));
      await waitFor(() => expect(screen.getByTestId('integrity').textContent).toMatch(/could not be checked just now/));
      expect(screen.getByTestId('integrity').getAttribute('role')).toBe('alert');
      expect(document.body.textContent).not.toMatch(NOTHING_MISSING);
      expect(screen.queryByText(/Checking the diary's record of changes/)).toBeNull();
      verify.mockRestore();
      await repository.add(aQuickIncidentOn('2026-03-03', { whatHappened: 'Five' }));
      await waitFor(() => expect(screen.getByTestId('integrity').textContent).toMatch(/5 records, nothing altered or missing/));
    } finally {
      vi.useRealTimers();
    }
  });
});
