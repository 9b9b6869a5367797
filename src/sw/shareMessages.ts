/**
 * What the service worker tells the app about a share it handled (the Web Share Target, see
 * ./shareTarget.ts). The share's own page answers with a 303 to "/" (never a URL that names the
 * share), so the window that opens asks for the outcome once it has started; the worker keeps it
 * in memory for a short while only, and hands it to the first window that asks.
 */

/** The path the web manifest's share_target posts to (vite.config.ts). */
export const SHARE_PATH = '/share';

/**
 * Files one share may carry: a few screenshots at a time, not a whole gallery. The number is
 * written out in the capture namespace's share.tooMany in every language (a test checks it).
 */
export const MAX_SHARE_FILES = 10;

/** Page to worker: "did a share just happen?" */
export const SHARE_QUERY = 'DAYBOOK_SHARE_QUERY';
/** Worker to page: the outcome of the last share, if it was recent. */
export const SHARE_REPORT = 'DAYBOOK_SHARE_REPORT';

/**
 * - kept: every item was sealed into the inbox.
 * - not-ready: nothing was kept: no diary on this device yet, the database is from before the
 *   inbox (the app has not opened since it updated), or the vault has no inbox key yet.
 * - too-many / too-large: nothing was kept: more files than MAX_SHARE_FILES, or one larger than
 *   the attachment limit (checked before any bytes were read).
 * - failed: writing stopped part-way (for example the device is out of space); items sealed
 *   before that are kept, the rest is not.
 * - empty: the share held nothing to keep.
 */
export type ShareOutcome = 'kept' | 'not-ready' | 'too-many' | 'too-large' | 'failed' | 'empty';

const OUTCOMES: readonly ShareOutcome[] = ['kept', 'not-ready', 'too-many', 'too-large', 'failed', 'empty'];

export interface ShareReport {
  type: typeof SHARE_REPORT;
  outcome: ShareOutcome;
  /** Items sealed into the inbox by this share. */
  kept: number;
}

export function isShareReport(data: unknown): data is ShareReport {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<ShareReport>;
  return (
    message.type === SHARE_REPORT &&
    OUTCOMES.includes(message.outcome as ShareOutcome) &&
    typeof message.kept === 'number' &&
    Number.isSafeInteger(message.kept) &&
    message.kept >= 0
  );
}

export function isShareQuery(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === SHARE_QUERY;
}
