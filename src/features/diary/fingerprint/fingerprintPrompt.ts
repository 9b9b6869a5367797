// When to invite the person, gently, to share their diary's fingerprint: at most about once a
// month, only when there is something new to share, and never again for 30 days after "Not now".

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days after the last share before the invitation comes back. */
export const PROMPT_AFTER_DAYS = 30;
/** "Not now" waits this long. */
export const PROMPT_SNOOZE_DAYS = 30;

export interface SharedSoFar {
  /** The largest diary size (number of links) whose fingerprint was shared; 0 when none was. */
  largestSize: number;
  /** When a fingerprint was last shared, or null if never. */
  lastSharedAt: string | null;
}

/** What the list of shared fingerprints says, in short. */
export function sharedSoFar(shared: readonly { size: number; sharedAt: string }[]): SharedSoFar {
  return {
    largestSize: Math.max(0, ...shared.map((f) => f.size)),
    lastSharedAt:
      shared
        .map((f) => f.sharedAt)
        .sort()
        .at(-1) ?? null,
  };
}

/**
 * Due when the diary holds at least one record that no shared fingerprint covers, nothing was
 * shared in the last PROMPT_AFTER_DAYS days (or ever), and "Not now" is not still waiting. A
 * diary unchanged since its last share has nothing new to share, however long ago that was.
 */
export function fingerprintPromptDue(size: number, shared: SharedSoFar, snoozedUntil: string | null, now: Date): boolean {
  if (size === 0 || shared.largestSize >= size) return false;
  if (snoozedUntil !== null && Date.parse(snoozedUntil) > now.getTime()) return false;
  return shared.lastSharedAt === null || now.getTime() - Date.parse(shared.lastSharedAt) >= PROMPT_AFTER_DAYS * DAY_MS;
}

/** Until when "Not now", said at `now`, puts the invitation off. */
export function promptSnoozedUntil(now: Date): Date {
  return new Date(now.getTime() + PROMPT_SNOOZE_DAYS * DAY_MS);
}
