// When to invite the person, gently, to share their diary's fingerprint: at most about once a
// month, only when there is something new to share, and never again for 30 days after "Not now".
//
// Times come from the device's clock, which can be set to anything. A share or a "Not now"
// made while it read far ahead (say 2099) would otherwise keep the invitation away for good once
// the clock is put back, so a time more than FUTURE_LIMIT_DAYS after now is not trusted here.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days after the last share before the invitation comes back. */
export const PROMPT_AFTER_DAYS = 30;
/** "Not now" waits this long. */
export const PROMPT_SNOOZE_DAYS = 30;
/**
 * A last-share or "Not now" time further than this after now was made with the clock set ahead:
 * the invitation treats it as no share, or no "Not now". A snooze made now ends 30 days on, inside this.
 */
export const FUTURE_LIMIT_DAYS = 31;

export interface SharedSoFar {
  /** The largest diary size (number of links) whose fingerprint was shared; 0 when none was. */
  largestSize: number;
  /** When a fingerprint was last shared, by the device's clock, or null if never. */
  lastSharedAt: string | null;
  /** When each fingerprint was shared, by the device's clock, oldest first. */
  sharedTimes: readonly string[];
}

/** What the list of shared fingerprints says, in short. */
export function sharedSoFar(shared: readonly { size: number; sharedAt: string }[]): SharedSoFar {
  const sharedTimes = shared.map((f) => f.sharedAt).sort();
  return {
    largestSize: Math.max(0, ...shared.map((f) => f.size)),
    lastSharedAt: sharedTimes.at(-1) ?? null,
    sharedTimes,
  };
}

/** A time the invitation can go by: one that reads as a time and is not far after `now`. */
function believable(time: string, now: Date): number | null {
  const at = Date.parse(time);
  return Number.isFinite(at) && at - now.getTime() <= FUTURE_LIMIT_DAYS * DAY_MS ? at : null;
}

/**
 * The last share the invitation goes by: the latest share time not more than FUTURE_LIMIT_DAYS
 * after `now`, or null when there is none (never shared, or only with the clock set far ahead).
 */
export function lastShareForPrompt(shared: SharedSoFar, now: Date): string | null {
  let last: { time: string; at: number } | null = null;
  for (const time of shared.sharedTimes) {
    const at = believable(time, now);
    if (at !== null && (last === null || at > last.at)) last = { time, at };
  }
  return last?.time ?? null;
}

/**
 * Due when the diary holds at least one record that no shared fingerprint covers, nothing was
 * shared in the last PROMPT_AFTER_DAYS days (or ever), and "Not now" is not still waiting. A
 * diary unchanged since its last share has nothing new to share, however long ago that was.
 * A share or "Not now" time far after `now` does not count (see FUTURE_LIMIT_DAYS).
 */
export function fingerprintPromptDue(size: number, shared: SharedSoFar, snoozedUntil: string | null, now: Date): boolean {
  if (size === 0 || shared.largestSize >= size) return false;
  const snoozeEnds = snoozedUntil === null ? null : believable(snoozedUntil, now);
  if (snoozeEnds !== null && snoozeEnds > now.getTime()) return false;
  const last = lastShareForPrompt(shared, now);
  return last === null || now.getTime() - Date.parse(last) >= PROMPT_AFTER_DAYS * DAY_MS;
}

/** Until when "Not now", said at `now`, puts the invitation off. */
export function promptSnoozedUntil(now: Date): Date {
  return new Date(now.getTime() + PROMPT_SNOOZE_DAYS * DAY_MS);
}
