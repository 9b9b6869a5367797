import { describe, expect, it } from 'vitest';
import {
  backupReminder,
  REMIND_AFTER_DAYS,
  REMIND_AFTER_DAYS_APPLE_TAB,
  REMIND_AFTER_INCIDENTS,
  remindAfterDays,
  SNOOZE_DAYS,
  snoozedUntil,
  type BackupStatus,
} from '../../../src/core/backup/backupReminder';
import type { ChainLink } from '../../../src/core/evidence';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-05-20T12:00:00.000Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

/** Only kind, revision and recordedAt matter to the reminder. */
function link(seq: number, entryId: string, revision: number, recordedAt: string, kind: ChainLink['kind'] = 'revision'): ChainLink {
  return { seq, entryId, revision, kind, recordedAt, contentHash: 'a'.repeat(64), prevHash: 'b'.repeat(64), hash: 'c'.repeat(64) };
}

/** `count` new incidents, the first written `firstDaysAgo` days ago, then an hour apart. */
function incidents(count: number, firstDaysAgo: number, from = 0): ChainLink[] {
  return Array.from({ length: count }, (_, i) =>
    link(from + i, `e${from + i}`, 1, new Date(Date.parse(ago(firstDaysAgo)) + i * 3_600_000).toISOString()),
  );
}

describe('backup reminder, never backed up', () => {
  it('is not due on an empty diary', () => {
    expect(backupReminder({}, [], NOW)).toEqual({ due: false, lastBackupAt: null, newIncidents: 0 });
  });

  it('is not due before 7 days with fewer than 10 incidents', () => {
    expect(backupReminder({}, incidents(REMIND_AFTER_INCIDENTS - 1, 6.9), NOW)).toEqual({
      due: false,
      lastBackupAt: null,
      newIncidents: 9,
    });
    expect(backupReminder({}, incidents(1, 1), NOW).due).toBe(false);
  });

  it('is due before 7 days once there are 10 incidents', () => {
    expect(backupReminder({}, incidents(REMIND_AFTER_INCIDENTS, 1), NOW)).toEqual({ due: true, lastBackupAt: null, newIncidents: 10 });
  });

  it('is due 7 days after the diary began, with a single incident', () => {
    expect(backupReminder({}, incidents(1, REMIND_AFTER_DAYS), NOW).due).toBe(true);
    expect(backupReminder({}, incidents(1, 30), NOW).due).toBe(true);
  });

  it('counts incidents, not edits or deletions', () => {
    const links = [
      ...incidents(3, 2),
      link(3, 'e0', 2, ago(1)),
      link(4, 'e1', 2, ago(1), 'tombstone'),
      link(5, 'e2', 2, ago(1)),
      link(6, 'e2', 3, ago(1)),
    ];
    expect(backupReminder({}, links, NOW).newIncidents).toBe(3);
    const many = [...incidents(1, 2), ...Array.from({ length: 20 }, (_, i) => link(1 + i, 'e0', 2 + i, ago(1)))];
    expect(backupReminder({}, many, NOW)).toMatchObject({ due: false, newIncidents: 1 });
  });
});

describe('backup reminder, after a backup', () => {
  const backedUp = (days: number): BackupStatus => ({ lastBackupAt: ago(days) });

  it('is due 7 days after the backup when an incident was written since', () => {
    const links = [...incidents(4, 20), ...incidents(1, 3, 4)];
    expect(backupReminder(backedUp(REMIND_AFTER_DAYS), links, NOW)).toEqual({ due: true, lastBackupAt: ago(7), newIncidents: 1 });
  });

  it('is not due 7 days after the backup with no new incident (edits only)', () => {
    const links = [...incidents(4, 20), link(4, 'e0', 2, ago(2)), link(5, 'e1', 2, ago(1), 'tombstone')];
    expect(backupReminder(backedUp(10), links, NOW)).toEqual({ due: false, lastBackupAt: ago(10), newIncidents: 0 });
  });

  it('is not due less than 7 days after the backup, until 10 incidents were written since', () => {
    const before = incidents(30, 20);
    expect(backupReminder(backedUp(6), [...before, ...incidents(9, 5, 30)], NOW)).toMatchObject({ due: false, newIncidents: 9 });
    expect(backupReminder(backedUp(6), [...before, ...incidents(10, 5, 30)], NOW)).toMatchObject({ due: true, newIncidents: 10 });
  });

  it('counts from the backup, not from when the diary began', () => {
    expect(backupReminder(backedUp(1), [...incidents(2, 100), ...incidents(1, 0.5, 2)], NOW)).toMatchObject({
      due: false,
      newIncidents: 1,
    });
  });
});

describe('snoozing', () => {
  it('"remind me later" is three days from now', () => {
    expect(snoozedUntil(NOW)).toBe(new Date(NOW.getTime() + SNOOZE_DAYS * DAY).toISOString());
    expect(SNOOZE_DAYS).toBe(3);
  });

  it('holds the reminder back until the snooze ends, then lets it through', () => {
    const links = incidents(12, 10);
    const status: BackupStatus = { snoozedUntil: snoozedUntil(NOW) };
    expect(backupReminder(status, links, NOW).due).toBe(false);
    expect(backupReminder(status, links, new Date(NOW.getTime() + 2 * DAY)).due).toBe(false);
    expect(backupReminder(status, links, new Date(NOW.getTime() + SNOOZE_DAYS * DAY)).due).toBe(true);
    expect(backupReminder(status, links, new Date(NOW.getTime() + 5 * DAY)).due).toBe(true);
  });

  it('a snooze that has run out changes nothing', () => {
    const links = incidents(1, 10);
    expect(backupReminder({ lastBackupAt: ago(9), snoozedUntil: ago(1) }, links, NOW).due).toBe(false);
    expect(backupReminder({ snoozedUntil: ago(1) }, links, NOW).due).toBe(true);
  });
});

describe('in a browser tab on iPhone or iPad (Safari may clear site data after 7 days without use)', () => {
  it('is due after 3 days instead of 7; elsewhere, and from the Home Screen, after 7', () => {
    expect(REMIND_AFTER_DAYS_APPLE_TAB).toBe(3);
    expect(remindAfterDays('apple-tab')).toBe(3);
    expect(remindAfterDays('apple-home-screen')).toBe(REMIND_AFTER_DAYS);
    expect(remindAfterDays('other')).toBe(REMIND_AFTER_DAYS);
  });

  it('never backed up: due 3 days after the diary began', () => {
    expect(backupReminder({}, incidents(1, 2.9), NOW, 'apple-tab').due).toBe(false);
    expect(backupReminder({}, incidents(1, 3), NOW, 'apple-tab')).toEqual({ due: true, lastBackupAt: null, newIncidents: 1 });
    expect(backupReminder({}, incidents(1, 3), NOW, 'apple-home-screen').due).toBe(false);
    expect(backupReminder({}, incidents(1, 3), NOW, 'other').due).toBe(false);
    expect(backupReminder({}, incidents(1, 3), NOW).due).toBe(false);
  });

  it('after a backup: due 3 days later if an incident was written since, and not otherwise', () => {
    const links = [...incidents(4, 20), ...incidents(1, 1, 4)];
    expect(backupReminder({ lastBackupAt: ago(3) }, links, NOW, 'apple-tab')).toEqual({ due: true, lastBackupAt: ago(3), newIncidents: 1 });
    expect(backupReminder({ lastBackupAt: ago(2) }, links, NOW, 'apple-tab').due).toBe(false);
    expect(backupReminder({ lastBackupAt: ago(3) }, incidents(4, 20), NOW, 'apple-tab').due).toBe(false);
  });

  it('still 10 incidents at once, and "remind me later" still holds it back', () => {
    expect(backupReminder({}, incidents(REMIND_AFTER_INCIDENTS, 1), NOW, 'apple-tab').due).toBe(true);
    const links = incidents(1, 10);
    const status: BackupStatus = { snoozedUntil: snoozedUntil(NOW) };
    expect(backupReminder(status, links, NOW, 'apple-tab').due).toBe(false);
    expect(backupReminder(status, links, new Date(NOW.getTime() + SNOOZE_DAYS * DAY), 'apple-tab').due).toBe(true);
  });
});
