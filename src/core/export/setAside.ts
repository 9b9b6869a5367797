// What a reader of a backup or an evidence package kept aside: a record that decrypted and
// authenticated (so it is what the file's maker wrote) but breaks a later rule of its content.
// Everything else in the file is still restored or shown; these are listed, each with why, before
// anything is written. Bytes that fail authentication are never set aside: the whole file is
// refused as damaged.

import { excerpt } from '../model/excerpt';
import type { IncidentRule } from '../model/invalidIncident';
import { own } from '../model/ownProperty';

export type SetAsideRule =
  | IncidentRule
  /** A file whose bytes (or size) differ from the SHA-256 its incident recorded. */
  | 'not-matching'
  /** A file that no incident restored from the file refers to. */
  | 'not-referenced'
  /**
   * A version of an exported incident whose content the diary did not hold: set aside when a
   * backup was restored, so exported as its link only (see VersionNotHeld).
   */
  | 'not-held';

export type SetAsideRecord =
  /**
   * A version of an incident. Its link in the record of changes is kept (with no content, as a
   * deleted version's is), so the chain still verifies and shows that something is missing.
   * A reader of a package counts it as authentic only if its content, exactly as carried, has
   * the SHA-256 its link records (see verifyExport.ts); a backup's reader checks the same.
   */
  | {
      record: 'revision';
      entryId: string;
      revision: number;
      /** When the version was written down (its link's recordedAt). */
      recordedAt: string;
      /** The start of what happened, when that much is text, so the person can tell which it was. */
      excerpt?: string;
      rule: SetAsideRule;
    }
  | { record: 'checklist'; id?: string; savedAt?: string; rule: SetAsideRule }
  | { record: 'file'; id: string; name?: string; rule: SetAsideRule };

/**
 * A version of an exported incident whose content the diary does not hold (it was set aside when
 * a backup was restored): exported as its place in the chain only. Its link is checked; its text
 * is not held, so never checked. Listed in a document's `versionsNotHeld`.
 */
export interface VersionNotHeld {
  entryId: string;
  revision: number;
  /** Its link's recordedAt. */
  recordedAt: string;
}

/** What an export document carries beside ExportDocument's fields (absent: none). */
export interface NotHeldPart {
  versionsNotHeld?: VersionNotHeld[];
}

/** Versions not held, as the set-aside list names them. */
export function notHeldRecords(versions: readonly VersionNotHeld[]): SetAsideRecord[] {
  return versions.map(({ entryId, revision, recordedAt }) => ({ record: 'revision', entryId, revision, recordedAt, rule: 'not-held' }));
}

const EXCERPT_LENGTH = 80;

/** The opening words of a revision's "what happened", if the raw content holds it as text. */
export function rawExcerpt(content: unknown): string | undefined {
  try {
    const body = isObject(content) ? own(content, 'body') : undefined;
    const text = isObject(body) ? own(body, 'whatHappened') : undefined;
    return typeof text === 'string' && text.trim() !== '' ? excerpt(text, EXCERPT_LENGTH) : undefined;
  } catch {
    // A Proxy can throw from any access: then there is no excerpt.
    return undefined;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
