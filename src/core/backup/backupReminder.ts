// When to nudge someone to make a backup: 7 days, or 10 new incidents, since the last one (or
// since the diary began), unless they asked to be reminded later.

import type { ChainLink } from '../evidence';

export const REMIND_AFTER_DAYS = 7;
export const REMIND_AFTER_INCIDENTS = 10;
/** "Remind me later" waits this long. */
export const SNOOZE_DAYS = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface BackupStatus {
  /** When the last backup file was made (toISOString form). */
  lastBackupAt?: string;
  snoozedUntil?: string;
}

export interface BackupReminder {
  due: boolean;
  lastBackupAt: string | null;
  /** Incidents first written down since the last backup (or ever, if there was none). */
  newIncidents: number;
}

export function backupReminder(status: BackupStatus, links: readonly ChainLink[], now: Date): BackupReminder {
  const last = status.lastBackupAt ?? null;
  const newIncidents = links.filter((l) => l.kind === 'revision' && l.revision === 1 && (last === null || l.recordedAt > last)).length;
  const since = last ?? links[0]?.recordedAt ?? null;
  const snoozed = status.snoozedUntil !== undefined && Date.parse(status.snoozedUntil) > now.getTime();
  const old = since !== null && now.getTime() - Date.parse(since) >= REMIND_AFTER_DAYS * DAY_MS;
  const due = !snoozed && newIncidents > 0 && (old || newIncidents >= REMIND_AFTER_INCIDENTS);
  return { due, lastBackupAt: last, newIncidents };
}

export function snoozedUntil(now: Date): string {
  return new Date(now.getTime() + SNOOZE_DAYS * DAY_MS).toISOString();
}
