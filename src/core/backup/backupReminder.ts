// When to nudge someone to make a backup: 7 days, or 10 new incidents, since the last one (or
// since the diary began), unless they asked to be reminded later. In a browser tab on iPhone or
// iPad, 3 days instead of 7: Safari may delete a website's data after 7 days of Safari use without a
// visit to it (see core/device/browserKind.ts), so the nudge comes well before that.

import type { BrowserKind } from '../device/browserKind';
import type { ChainLink } from '../evidence';

export const REMIND_AFTER_DAYS = 7;
/** In a browser tab on iPhone or iPad. */
export const REMIND_AFTER_DAYS_APPLE_TAB = 3;
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

/** Days since the last backup (or since the diary began) after which a backup is due. */
export function remindAfterDays(browser: BrowserKind): number {
  return browser === 'apple-tab' ? REMIND_AFTER_DAYS_APPLE_TAB : REMIND_AFTER_DAYS;
}

export function backupReminder(
  status: BackupStatus,
  links: readonly ChainLink[],
  now: Date,
  browser: BrowserKind = 'other',
): BackupReminder {
  const last = status.lastBackupAt ?? null;
  const newIncidents = links.filter((l) => l.kind === 'revision' && l.revision === 1 && (last === null || l.recordedAt > last)).length;
  const since = last ?? links[0]?.recordedAt ?? null;
  const snoozed = status.snoozedUntil !== undefined && Date.parse(status.snoozedUntil) > now.getTime();
  const old = since !== null && now.getTime() - Date.parse(since) >= remindAfterDays(browser) * DAY_MS;
  const due = !snoozed && newIncidents > 0 && (old || newIncidents >= REMIND_AFTER_INCIDENTS);
  return { due, lastBackupAt: last, newIncidents };
}

export function snoozedUntil(now: Date): string {
  return new Date(now.getTime() + SNOOZE_DAYS * DAY_MS).toISOString();
}
